"""The demo PTCE of the Pays d'Ancenis."""

import pytest
from django.utils.timezone import localdate

from actors.enums import ActorKind
from actors.models import Actor
from ptce.demo import NAME, seed_ptce
from ptce.models import AnimationYear, CooperationProject, FundingLine, Member, Mutualisation, Ptce
from ptce.rules import consolidated_figures
from tests.actors.factories import ActorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def actors(workspace):
    names = [
        "Épicerie solidaire du Pays d'Ancenis",
        "Jardins de Cocagne (maraîchage d'insertion)",
        "Ressourcerie Recycl'Ancenis",
        "Garage associatif Mobil'Emploi",
        "Coopérative d'activités et d'emploi",
        "Écoconstruction Bois Paille (SCOP)",
        "Gîtes de Loire",
    ]
    ess = [ActorFactory(workspace=workspace, name=name) for name in names]
    return ess + ActorFactory.create_batch(3, workspace=workspace, kind=ActorKind.ENTREPRISE)


def counts():
    models = (Ptce, Member, AnimationYear, FundingLine, Mutualisation, CooperationProject, Actor)
    return [model.objects.count() for model in models]


def test_the_demo_pole_is_eligible_with_three_years_of_figures(workspace, actors):
    ptce = seed_ptce(workspace, actors)
    assert ptce.name == NAME
    assert ptce.sector_labels == [
        "Écoconstruction",
        "Circuits alimentaires de proximité",
        "Éco-tourisme",
    ]
    assert ptce.get_stage_display() == "Développement"
    assert ptce.eligibility_from(list(ptce.members.all())).eligible
    types = set(ptce.members.values_list("member_type", flat=True))
    assert types == {"ess", "entreprise", "collectivite", "formation"}
    assert sorted(ptce.animation_years.values_list("year", flat=True)) == [2024, 2025, 2026]
    assert set(ptce.funding_lines.values_list("year", flat=True)) == {2024, 2025, 2026}
    assert ptce.mutualisations.count() == 4 and ptce.cooperation_projects.count() == 2
    assert ptce.members.filter(left_on__isnull=False).count() == 1  # a former member
    assert ptce.pilot.kind in ("association", "cooperative")


def test_the_demo_is_idempotent(workspace, actors):
    seed_ptce(workspace, actors)
    before = counts()
    members = sorted(Member.objects.values_list("actor_id", "member_type", "role"))
    seed_ptce(workspace, actors)
    assert counts() == before
    assert sorted(Member.objects.values_list("actor_id", "member_type", "role")) == members


def test_missing_partners_are_created_once(workspace):
    ptce = seed_ptce(workspace, [])
    created = set(Actor.objects.filter(workspace=workspace).values_list("kind", flat=True))
    assert {"entreprise", "collectivite", "formation"} <= created
    assert ptce.members.count() == 6  # three ESS structures and the three partners
    figures = consolidated_figures(list(ptce.members.select_related("actor")), localdate())
    assert figures.members == 6
    seed_ptce(workspace, [])
    assert Actor.objects.filter(workspace=workspace).count() == 6


def test_actors_of_another_workspace_are_refused(workspace, other_workspace):
    with pytest.raises(ValueError, match="appartenir à l'espace"):
        seed_ptce(workspace, [ActorFactory(workspace=other_workspace)])
