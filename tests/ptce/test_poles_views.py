"""The PTCE list, sheet, create, edit and delete pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from actors.enums import ActorKind
from diagnostics.models import Diagnostic
from essterritoire.accounts.models import Activity
from essterritoire.territories.models import Territory
from ptce.enums import LegalForm, PtceStage, Sector
from ptce.models import Member, Ptce
from tests.actors.factories import ActorFactory
from tests.ptce.factories import (
    AnimationYearFactory,
    CooperationProjectFactory,
    FundingLineFactory,
    MemberFactory,
    MutualisationFactory,
    PtceFactory,
    eligible_members,
)

pytestmark = pytest.mark.django_db
NNBSP = "\u202f"


@pytest.fixture
def epci(db):
    return Territory.objects.create(kind="epci", code="244400552", name="CC du Pays d'Ancenis")


@pytest.fixture
def communes(epci):
    return [
        Territory.objects.create(kind="com", code=code, name=name, epci=epci)
        for code, name in [("44003", "Ancenis-Saint-Géréon"), ("44213", "Vair-sur-Loire")]
    ]


def test_it_shows_the_empty_state_with_the_law_reference(client_for, reader_user):
    response = client_for(reader_user).get(reverse("ptce:ptce-list"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Aucun PTCE suivi pour l'instant" in content
    assert "2014-856" in content and "2015-431" in content
    assert "Créer le premier PTCE" not in content  # a reader cannot create


def test_the_list_shows_the_workspace_poles_only_with_eligibility(
    client_for, editor_user, workspace, other_workspace
):
    eligible = PtceFactory(workspace=workspace, name="Pôle éligible")
    eligible_members(eligible)
    PtceFactory(workspace=workspace, name="Pôle naissant")
    PtceFactory(workspace=other_workspace, name="Pôle d'ailleurs")
    content = client_for(editor_user).get(reverse("ptce:ptce-list")).content.decode()
    assert "Pôle éligible" in content and "Pôle naissant" in content
    assert "Pôle d'ailleurs" not in content
    assert "<caption>" in content and 'scope="col"' in content
    assert "non <span" in content and ">oui<" in content.replace("<td>oui", ">oui<")


def test_the_list_searches_and_filters_by_stage(client_for, reader_user, workspace):
    PtceFactory(workspace=workspace, name="Pôle bois", stage=PtceStage.CONSOLIDATION)
    PtceFactory(workspace=workspace, name="Pôle alimentaire", description="circuits courts")
    client = client_for(reader_user)
    url = reverse("ptce:ptce-list")
    content = client.get(url, {"q": "courts"}).content.decode()
    assert "Pôle alimentaire" in content and "Pôle bois" not in content
    content = client.get(url, {"stade": "consolidation"}).content.decode()
    assert "Pôle bois" in content and "Pôle alimentaire" not in content
    assert client.get(url, {"stade": "n'importe quoi", "page": "x"}).status_code == 200


def test_the_list_answers_htmx_with_the_results_only(client_for, reader_user, workspace):
    PtceFactory(workspace=workspace, name="Pôle bois")
    response = client_for(reader_user).get(reverse("ptce:ptce-list"), HTTP_HX_REQUEST="true")
    content = response.content.decode()
    assert "Pôle bois" in content and "<html" not in content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_list_exports(client_for, reader_user, workspace, fmt):
    ptce = PtceFactory(workspace=workspace, name="=Pôle bois", sectors=[Sector.ECOCONSTRUCTION])
    eligible_members(ptce)
    response = client_for(reader_user).get(reverse("ptce:ptce-export"), {"format": fmt})
    assert response.status_code == 200
    assert f".{fmt}" in response["Content-Disposition"]
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert "'=Pôle bois;" in text and "Écoconstruction" in text and ";3;oui" in text


def test_an_unknown_export_format_is_refused_politely(client_for, reader_user):
    response = client_for(reader_user).get(reverse("ptce:ptce-export"), {"format": "pdf"})
    assert response.status_code == 302


def test_an_editor_creates_a_pole(client_for, editor_user, workspace, epci, communes):
    pilot = ActorFactory(workspace=workspace, name="Ressourcerie")
    diagnostic = Diagnostic.objects.create(
        workspace=workspace, territory=epci, title="Diagnostic 2026", start_date=date(2026, 1, 5)
    )
    data = {
        "name": "  PTCE  filières vertes ",
        "stage": PtceStage.DEVELOPMENT,
        "legal_form": LegalForm.SCIC,
        "created_on": "15/09/2013",
        "perimeter_ref": "epci:244400552",
        "communes_refs": "com:44003, 44213",
        "description": "Coopérations",
        "governance": "AG, CA",
        "pilot": pilot.pk,
        "sectors": [Sector.ECOCONSTRUCTION, Sector.FOOD],
        "other_sectors": "Chanvre",
        "diagnostics": [diagnostic.pk],
    }
    response = client_for(editor_user).post(reverse("ptce:ptce-create"), data)
    ptce = Ptce.objects.get()
    assert response.status_code == 302 and response["Location"] == ptce.get_absolute_url()
    assert ptce.name == "PTCE filières vertes"
    assert (ptce.workspace, ptce.perimeter, ptce.pilot) == (workspace, epci, pilot)
    assert ptce.created_on == date(2013, 9, 15)
    assert set(ptce.communes.all()) == set(communes)
    assert list(ptce.diagnostics.all()) == [diagnostic]
    assert ptce.sector_labels == [
        "Écoconstruction",
        "Circuits alimentaires de proximité",
        "Chanvre",
    ]
    assert Activity.objects.filter(workspace=workspace, verb="a créé le PTCE").exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Ce champ est obligatoire."),
        ("perimeter_ref", "epci:999999999", "Territoire inconnu"),
        ("communes_refs", "com:99999", "Ligne 1"),
        ("created_on", "31/02/2026", "Saisissez une date valide."),
        ("stage", "fini", "Sélectionnez un choix valide."),
        ("sectors", ["petrole"], "Sélectionnez un choix valide."),
    ],
)
def test_bad_input_writes_nothing_and_says_why(
    client_for, editor_user, epci, field, value, message
):
    data = {"name": "PTCE", "stage": PtceStage.EMERGENCE, field: value}
    response = client_for(editor_user).post(reverse("ptce:ptce-create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Ptce.objects.exists()


def test_a_pilot_or_diagnostic_of_another_workspace_is_refused(
    client_for, editor_user, workspace, other_workspace, epci
):
    foreign = ActorFactory(workspace=other_workspace)
    Diagnostic.objects.create(
        workspace=workspace, territory=epci, title="Ici", start_date=date(2026, 1, 5)
    )
    diagnostic = Diagnostic.objects.create(
        workspace=other_workspace, territory=epci, title="D", start_date=date(2026, 1, 5)
    )
    data = {"name": "PTCE", "stage": PtceStage.EMERGENCE, "pilot": foreign.pk}
    data["diagnostics"] = [diagnostic.pk]
    response = client_for(editor_user).post(reverse("ptce:ptce-create"), data)
    assert response.status_code == 200
    assert response.content.decode().count("Sélectionnez un choix valide") == 2
    assert not Ptce.objects.exists()


def test_two_poles_cannot_share_a_name(client_for, editor_user, workspace):
    PtceFactory(workspace=workspace, name="PTCE bois")
    data = {"name": "ptce BOIS", "stage": PtceStage.EMERGENCE}
    response = client_for(editor_user).post(reverse("ptce:ptce-create"), data)
    assert "Un PTCE porte déjà ce nom dans cet espace." in response.content.decode()
    assert Ptce.objects.count() == 1


def test_an_editor_edits_a_pole(client_for, editor_user, workspace, epci):
    ptce = PtceFactory(workspace=workspace, name="Ancien nom", perimeter=epci)
    url = reverse("ptce:ptce-update", args=[ptce.pk])
    client = client_for(editor_user)
    assert 'value="epci:244400552"' in client.get(url).content.decode()
    response = client.post(url, {"name": "Nouveau nom", "stage": PtceStage.CONSOLIDATION})
    assert response.status_code == 302
    ptce.refresh_from_db()
    assert (ptce.name, ptce.stage, ptce.perimeter) == ("Nouveau nom", "consolidation", None)


def test_deleting_a_pole_asks_first_then_keeps_the_actors(client_for, editor_user, workspace):
    ptce = PtceFactory(workspace=workspace)
    member = MemberFactory(ptce=ptce)
    url = reverse("ptce:ptce-delete", args=[ptce.pk])
    client = client_for(editor_user)
    content = client.get(url).content.decode()
    assert "Supprimer le PTCE" in content and "Les acteurs restent dans le registre" in content
    assert client.post(url).status_code == 302
    assert not Ptce.objects.exists() and not Member.objects.exists()
    member.actor.refresh_from_db()


def test_the_sheet_shows_every_section(client_for, reader_user, workspace):
    ptce = PtceFactory(workspace=workspace, name="PTCE vert", governance="Conseil en collèges")
    ess, company, collectivite = eligible_members(ptce)
    ess.budget = Decimal("1500000")
    ess.save()
    AnimationYearFactory(ptce=ptce, year=2026, budget=Decimal(152_000), self_financed=Decimal(0))
    FundingLineFactory(ptce=ptce, funder="Région Pays de la Loire", amount=Decimal(40_000))
    MutualisationFactory(ptce=ptce, description="Atelier bois").members.set([ess, company])
    CooperationProjectFactory(ptce=ptce, title="Légumerie").members.set([collectivite])
    content = client_for(reader_user).get(ptce.get_absolute_url()).content.decode()
    assert content.count("<h1") == 1
    for text in [
        "Conseil en collèges",
        "Éligible au sens du décret n°&nbsp;2015-431&nbsp;: <strong",
        ">oui</strong>",
        "Structure de l&#x27;ESS",
        f"1{NNBSP}500{NNBSP}000&nbsp;€",
        f"152{NNBSP}000&nbsp;€",
        "0&nbsp;%",
        f"40{NNBSP}000&nbsp;€",
        "Atelier bois",
        "Légumerie",
        "RTES, étude sur 42 PTCE",
        "152 K Euros autofinancé à 32% et animée par 2 ETP",
    ]:
        assert text in content, text
    assert "Modifier le PTCE" not in content and "Ajouter un membre" not in content


def test_the_sheet_says_what_is_missing(client_for, editor_user, workspace):
    ptce = PtceFactory(workspace=workspace, legal_form=LegalForm.INFORMAL)
    MemberFactory(ptce=ptce, actor=ActorFactory(workspace=workspace, kind=ActorKind.ENTREPRISE))
    content = client_for(editor_user).get(ptce.get_absolute_url()).content.decode()
    assert ">non</strong>" in content
    assert "groupement informel" in content
    assert "Au moins une entreprise de l&#x27;économie sociale et solidaire." in content
    assert "Ajouter un membre" in content
