"""A pole's members: adding one (with or without htmx) changes the eligibility; an actor of
another workspace is refused; edit, remove, exports."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors.enums import ActorKind
from essterritoire.accounts.models import Activity
from ptce import services_poles as services
from ptce.enums import MemberType
from ptce.models import Member, Mutualisation
from tests.actors.factories import ActorFactory, EstablishmentFactory
from tests.ptce.factories import MemberFactory, MutualisationFactory, PtceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ptce(workspace):
    """A pole with an ESS structure and a company: a third partner is missing."""
    ptce = PtceFactory(workspace=workspace, name="PTCE filières vertes")
    MemberFactory(ptce=ptce, actor=ActorFactory(workspace=workspace, kind=ActorKind.ASSOCIATION))
    MemberFactory(ptce=ptce, actor=ActorFactory(workspace=workspace, kind=ActorKind.ENTREPRISE))
    return ptce


@pytest.fixture
def collectivite(workspace):
    return ActorFactory(workspace=workspace, name="CC du Pays d Ancenis", kind="collectivite")


def add_url(ptce):
    return reverse("ptce:member-add", args=[ptce.pk])


def test_adding_the_missing_partner_makes_the_pole_eligible(
    client_for, editor_user, ptce, collectivite
):
    client = client_for(editor_user)
    assert ">non</strong>" in client.get(ptce.get_absolute_url()).content.decode()
    data = {"actor": collectivite.pk, "role": "Financeur", "joined_on": "01/01/2026"}
    response = client.post(add_url(ptce), data)
    assert response.status_code == 302
    assert response["Location"].endswith("#membres")
    member = ptce.members.get(actor=collectivite)
    assert member.member_type == MemberType.COLLECTIVITE  # from the actor's kind
    assert (member.role, member.joined_on) == ("Financeur", date(2026, 1, 1))
    assert ">oui</strong>" in client.get(ptce.get_absolute_url()).content.decode()
    assert Activity.objects.filter(verb="a ajouté un membre au PTCE").exists()


def test_htmx_gets_the_composition_and_the_benchmark_back(
    client_for, editor_user, ptce, collectivite
):
    response = client_for(editor_user).post(
        add_url(ptce), {"actor": collectivite.pk}, HTTP_HX_REQUEST="true"
    )
    content = response.content.decode()
    assert response.status_code == 200 and "<html" not in content
    assert 'id="composition"' in content and ">oui</strong>" in content
    assert 'id="referentiel"' in content and 'hx-swap-oob="true"' in content
    assert collectivite.name in content


def test_the_type_chosen_wins_over_the_actor_kind(client_for, editor_user, ptce, collectivite):
    data = {"actor": collectivite.pk, "member_type": MemberType.OTHER}
    client_for(editor_user).post(add_url(ptce), data)
    assert ptce.members.get(actor=collectivite).member_type == MemberType.OTHER


def test_an_actor_of_another_workspace_is_refused(
    client_for, editor_user, ptce, collectivite, other_workspace
):
    foreign = ActorFactory(workspace=other_workspace, kind=ActorKind.COLLECTIVITE)
    response = client_for(editor_user).post(
        add_url(ptce), {"actor": foreign.pk}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert ">non</strong>" in response.content.decode()
    assert not Member.objects.filter(actor=foreign).exists()


def test_the_service_refuses_an_actor_of_another_workspace(ptce, editor_user, other_workspace):
    foreign = ActorFactory(workspace=other_workspace)
    with pytest.raises(ValidationError, match="espace de travail"):
        services.member_add(ptce=ptce, actor=foreign, user=editor_user)
    assert ptce.members.count() == 2


def test_an_actor_is_member_once(client_for, editor_user, ptce):
    actor = ptce.members.first().actor
    response = client_for(editor_user).post(add_url(ptce), {"actor": actor.pk})
    assert response.status_code == 302
    assert ptce.members.count() == 2
    with pytest.raises(ValidationError, match="déjà membre"):
        services.member_add(ptce=ptce, actor=actor, user=editor_user)


@pytest.mark.parametrize(
    "data", [{}, {"actor": "abc"}, {"actor": "1", "joined_on": "32/13/2026"}, {"actor": "9999"}]
)
def test_bad_input_adds_nothing(client_for, editor_user, ptce, collectivite, data):
    response = client_for(editor_user).post(add_url(ptce), data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'class="invalid-feedback"' in response.content.decode()
    assert ptce.members.count() == 2


def test_editing_a_member_records_its_departure(client_for, editor_user, ptce):
    member = ptce.members.get(actor__kind=ActorKind.ENTREPRISE)
    url = reverse("ptce:member-update", args=[member.pk])
    client = client_for(editor_user)
    assert client.get(url).status_code == 200
    data = {
        "member_type": MemberType.COMPANY,
        "role": "Sous-traitant",
        "joined_on": "2020-01-01",
        "left_on": "2025-12-31",
        "employees": "12",
        "budget": "1 250 000,50",
    }
    assert client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.left_on == date(2025, 12, 31) and not member.is_current
    assert (member.employees, member.budget) == (12, Decimal("1250000.50"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("left_on", "2019-01-01", "La date de sortie précède la date d&#x27;entrée."),
        ("budget", "-5", "supérieure ou égale à 0"),
        ("budget", "beaucoup", "Saisissez un nombre."),
        ("employees", "-1", "supérieure ou égale à 0"),
        ("member_type", "inconnu", "Sélectionnez un choix valide."),
    ],
)
def test_bad_member_edits_change_nothing(client_for, editor_user, ptce, field, value, message):
    member = ptce.members.first()
    data = {"member_type": member.member_type, "joined_on": "2020-01-01", field: value}
    response = client_for(editor_user).post(reverse("ptce:member-update", args=[member.pk]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    member.refresh_from_db()
    assert member.joined_on is None


def test_removing_a_member_asks_first(client_for, editor_user, ptce):
    member = ptce.members.first()
    mutualisation = MutualisationFactory(ptce=ptce)
    mutualisation.members.set([member])
    url = reverse("ptce:member-remove", args=[member.pk])
    client = client_for(editor_user)
    assert "date de sortie" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Member.objects.filter(pk=member.pk).exists()
    assert Mutualisation.objects.get().members.count() == 0


def test_the_member_export_estimates_employees_from_sirene(client_for, reader_user, ptce):
    member = ptce.members.get(actor__kind=ActorKind.ENTREPRISE)
    member.actor.establishment = EstablishmentFactory(size_band="12")  # 20 à 49
    member.actor.siret = member.actor.establishment.siret
    member.actor.save()
    url = reverse("ptce:member-export", args=[ptce.pk])
    text = client_for(reader_user).get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "Type (article 9);Rôle" in text
    assert f"{member.actor.siret};Entreprise hors ESS" in text
    assert "34,5;estimé (tranche SIRENE)" in text
    response = client_for(reader_user).get(url, {"format": "xlsx"})
    assert response.status_code == 200


def test_the_funding_export_lists_the_lines(client_for, reader_user, ptce, collectivite):
    services.part_create(
        model=ptce.funding_lines.model,
        ptce=ptce,
        user=None,
        year=2026,
        funder_actor=collectivite,
        amount=Decimal("25000"),
        nature="fonctionnement",
        origin="public",
    )
    url = reverse("ptce:funding-export", args=[ptce.pk])
    text = client_for(reader_user).get(url).content.decode("utf-8-sig")
    assert "2026;CC du Pays d Ancenis;;25000,00;Fonctionnement;Public;oui" in text
