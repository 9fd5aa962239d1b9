import pytest

from actors.demo_animation import seed_animation
from actors.enums import ActorKind
from actors.models import Meeting, Network, Orientation, ProjectHolder, Theme
from tests.actors.factories import ActorFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(workspace):
    names = [
        "Épicerie solidaire du Pays d'Ancenis",
        "Jardins de Cocagne (maraîchage d'insertion)",
        "Ressourcerie Recycl'Ancenis",
        "Garage associatif Mobil'Emploi",
        "Coopérative d'activités et d'emploi",
        "France Active Pays de la Loire (financement solidaire)",
    ]
    ess = [ActorFactory(workspace=workspace, name=name) for name in names]
    partners = ActorFactory.create_batch(14, workspace=workspace, kind=ActorKind.ENTREPRISE)
    return ess + partners


def counts():
    models = (Network, Meeting, ProjectHolder, Orientation, Theme)
    return [model.objects.count() for model in models]


def test_seed_animation_creates_the_demo(workspace, actors):
    summary = seed_animation(workspace, actors)
    assert summary == {"networks": 2, "meetings": 3, "project_holders": 5, "orientations": 6}
    food = Network.objects.get(name="Réseau alimentation durable")
    assert food.theme.name == "Alimentation"
    assert {"Épicerie solidaire du Pays d'Ancenis"} <= {a.name for a in food.members.all()}
    territorial = Network.objects.get(name="Réseau ESS du Pays d'Ancenis")
    assert territorial.members.count() == 15
    for meeting in Meeting.objects.all():
        invited = set(meeting.invited.all())
        assert invited and set(meeting.present.all()) < invited
        assert meeting.minutes and "\u00a0:" in meeting.title
    emails = ProjectHolder.objects.values_list("email", flat=True)
    assert all(email.endswith("@example.org") for email in emails if email)


def test_seed_animation_is_idempotent(workspace, actors):
    seed_animation(workspace, actors)
    before = counts()
    members = sorted(Network.objects.values_list("members", flat=True))
    seed_animation(workspace, actors)
    assert counts() == before
    assert sorted(Network.objects.values_list("members", flat=True)) == members


def test_seed_animation_reuses_existing_themes(workspace, actors):
    ThemeFactory(workspace=workspace, name="mobilité")
    seed_animation(workspace, actors)
    names = set(Theme.objects.filter(workspace=workspace).values_list("name", flat=True))
    assert names == {"Alimentation", "mobilité", "Déchets"}


def test_seed_animation_works_without_actors(workspace):
    summary = seed_animation(workspace, [])
    assert summary["networks"] == 2 and summary["orientations"] == 0


def test_seed_animation_refuses_actors_of_another_workspace(workspace, other_workspace):
    with pytest.raises(ValueError):
        seed_animation(workspace, [ActorFactory(workspace=other_workspace)])
    assert not Network.objects.exists()
