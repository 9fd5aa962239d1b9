"""The parts of a pole: animation years, funding lines, mutualisations, cooperation projects."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actors.enums import ActorKind
from essterritoire.accounts.models import Activity
from ptce import services_poles as services
from ptce.models import AnimationYear, CooperationProject, FundingLine, Mutualisation
from tests.actors.factories import ActorFactory
from tests.ptce.factories import (
    AnimationYearFactory,
    CooperationProjectFactory,
    FundingLineFactory,
    MemberFactory,
    MutualisationFactory,
    PtceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ptce(workspace):
    return PtceFactory(workspace=workspace)


def post(client, name, pk, data):
    return client.post(reverse(f"ptce:{name}", args=[pk]), data)


def test_an_editor_records_an_animation_year(client_for, editor_user, ptce):
    client = client_for(editor_user)
    data = {"year": "2026", "budget": "152 000", "fte": "2,5", "self_financed": "48 640"}
    response = post(client, "animation-create", ptce.pk, data)
    assert response.status_code == 302 and response["Location"].endswith("#animation")
    year = AnimationYear.objects.get()
    assert (year.budget, year.fte, year.self_financed) == (
        Decimal(152_000),
        Decimal("2.5"),
        Decimal(48_640),
    )
    assert year.self_financing_share == Decimal("32.0")
    content = client.get(ptce.get_absolute_url()).content.decode()
    assert "32&nbsp;%" in content
    assert Activity.objects.filter(verb__startswith="a ajouté une année").exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"self_financed": "200000"}, "Le montant autofinancé dépasse le budget"),
        ({"year": "2026"}, "Cette année est déjà renseignée pour ce pôle."),
        ({"year": "1850"}, "supérieure ou égale à 1990"),
        ({"budget": "-1"}, "supérieure ou égale à 0"),
        ({"fte": "deux"}, "Saisissez un nombre."),
        ({"budget": "1" * 20}, "Assurez-vous"),
    ],
)
def test_bad_animation_years_are_refused(client_for, editor_user, ptce, data, message):
    AnimationYearFactory(ptce=ptce, year=2026)
    fields = {"year": "2025", "budget": "100000", "fte": "2", "self_financed": "0", **data}
    response = post(client_for(editor_user), "animation-create", ptce.pk, fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert AnimationYear.objects.count() == 1


def test_a_zero_budget_year_shows_no_share(client_for, reader_user, ptce):
    AnimationYearFactory(ptce=ptce, budget=Decimal(0), self_financed=Decimal(0))
    content = client_for(reader_user).get(ptce.get_absolute_url()).content.decode()
    assert "non renseigné" in content


def test_an_animation_year_is_edited_and_deleted(client_for, editor_user, ptce):
    year = AnimationYearFactory(ptce=ptce)
    client = client_for(editor_user)
    data = {"year": "2026", "budget": "160000", "fte": "3", "self_financed": "16000"}
    assert post(client, "animation-update", year.pk, data).status_code == 302
    year.refresh_from_db()
    assert year.self_financing_share == Decimal("10.0")
    assert (
        "définitive"
        in client.get(reverse("ptce:animation-delete", args=[year.pk])).content.decode()
    )
    assert post(client, "animation-delete", year.pk, {}).status_code == 302
    assert not AnimationYear.objects.exists()


def test_a_funding_line_from_a_collectivite_of_the_registry(client_for, editor_user, ptce):
    cc = ActorFactory(workspace=ptce.workspace, name="CC du Pays", kind=ActorKind.COLLECTIVITE)
    data = {
        "year": "2026",
        "funder_actor": cc.pk,
        "amount": "25 000,50",
        "nature": "investissement",
        "origin": "public",
    }
    assert post(client_for(editor_user), "funding-create", ptce.pk, data).status_code == 302
    line = FundingLine.objects.get()
    assert line.is_collectivite  # from the funder's kind
    assert (line.funder_name, line.amount) == ("CC du Pays", Decimal("25000.50"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"funder": "  "}, "Choisissez un financeur du registre ou saisissez son nom."),
        ({"is_collectivite": "on", "origin": "prive"}, "est d&#x27;origine publique"),
        ({"nature": "cadeau"}, "Sélectionnez un choix valide."),
        ({"amount": ""}, "Ce champ est obligatoire."),
    ],
)
def test_bad_funding_lines_are_refused(client_for, editor_user, ptce, data, message):
    fields = {"year": "2026", "funder": "Région", "amount": "10", "nature": "fonctionnement"}
    fields.update({"origin": "public", **data})
    response = post(client_for(editor_user), "funding-create", ptce.pk, fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not FundingLine.objects.exists()


def test_a_funder_of_another_workspace_is_refused(client_for, editor_user, ptce, other_workspace):
    foreign = ActorFactory(workspace=other_workspace)
    data = {"year": "2026", "funder_actor": foreign.pk, "amount": "10"}
    data.update({"nature": "fonctionnement", "origin": "public"})
    response = post(client_for(editor_user), "funding-create", ptce.pk, data)
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not FundingLine.objects.exists()
    with pytest.raises(ValidationError):
        services.part_create(
            model=FundingLine,
            ptce=ptce,
            user=None,
            funder_actor=foreign,
            **{k: v for k, v in data.items() if k != "funder_actor"},
        )


def test_the_sheet_totals_funding_by_year_nature_and_origin(client_for, reader_user, ptce):
    FundingLineFactory(ptce=ptce, amount=Decimal(40_000))
    FundingLineFactory(ptce=ptce, funder="CC", amount=Decimal(10_000), nature="investissement")
    FundingLineFactory(ptce=ptce, funder="Fondation", amount=Decimal(5_000), origin="prive")
    FundingLineFactory(ptce=ptce, year=2025, amount=Decimal(1_000))
    content = client_for(reader_user).get(ptce.get_absolute_url()).content.decode()
    assert "55\u202f000&nbsp;€" in content  # 2026 total
    assert "50\u202f000&nbsp;€" in content  # public, and collectivités


def test_a_mutualisation_with_members_of_the_pole(client_for, editor_user, ptce):
    member = MemberFactory(ptce=ptce)
    data = {"kind": "locaux", "description": "Atelier partagé", "members": [member.pk]}
    assert post(client_for(editor_user), "mutualisation-create", ptce.pk, data).status_code == 302
    assert list(Mutualisation.objects.get().members.all()) == [member]


def test_members_of_another_pole_cannot_be_chosen(client_for, editor_user, ptce, workspace):
    MemberFactory(ptce=ptce)
    stranger = MemberFactory(ptce=PtceFactory(workspace=workspace))
    data = {"kind": "locaux", "description": "Atelier", "members": [stranger.pk]}
    response = post(client_for(editor_user), "mutualisation-create", ptce.pk, data)
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Mutualisation.objects.exists()
    with pytest.raises(ValidationError, match="n'appartient pas à ce pôle"):
        services.part_create(
            model=Mutualisation, ptce=ptce, user=None, members=[stranger], kind="locaux",
            description="Atelier",
        )  # fmt: skip
    assert not Mutualisation.objects.exists()


def test_a_mutualisation_is_edited_and_deleted(client_for, editor_user, ptce):
    mutualisation = MutualisationFactory(ptce=ptce)
    client = client_for(editor_user)
    data = {"kind": "achats", "description": "Achats groupés"}
    assert post(client, "mutualisation-update", mutualisation.pk, data).status_code == 302
    mutualisation.refresh_from_db()
    assert mutualisation.kind == "achats"
    assert post(client, "mutualisation-delete", mutualisation.pk, {}).status_code == 302
    assert not Mutualisation.objects.exists()


def test_a_cooperation_project(client_for, editor_user, ptce):
    member = MemberFactory(ptce=ptce)
    client = client_for(editor_user)
    data = {
        "title": "Légumerie",
        "status": "en_cours",
        "start_on": "01/09/2025",
        "end_on": "30/06/2027",
        "members": [member.pk],
    }
    assert post(client, "cooperation-create", ptce.pk, data).status_code == 302
    project = CooperationProject.objects.get()
    assert (project.start_on, project.end_on) == (date(2025, 9, 1), date(2027, 6, 30))
    data["end_on"] = "01/01/2025"
    response = post(client, "cooperation-update", project.pk, data)
    assert "La date de fin précède la date de début." in response.content.decode()
    project.refresh_from_db()
    assert project.end_on == date(2027, 6, 30)


def test_a_cooperation_project_is_deleted(client_for, editor_user, ptce):
    project = CooperationProjectFactory(ptce=ptce)
    assert post(client_for(editor_user), "cooperation-delete", project.pk, {}).status_code == 302
    assert not CooperationProject.objects.exists()


def test_a_funding_line_keeps_its_funder_name_when_the_actor_goes(editor_user, ptce):
    cc = ActorFactory(workspace=ptce.workspace, name="CC du Pays", kind=ActorKind.COLLECTIVITE)
    line = services.part_create(
        model=FundingLine,
        ptce=ptce,
        user=editor_user,
        year=2026,
        funder_actor=cc,
        amount=Decimal(1000),
        nature="fonctionnement",
        origin="public",
    )
    cc.delete()
    line.refresh_from_db()
    assert (line.funder_actor, line.funder_name, line.is_collectivite) == (None, "CC du Pays", True)
