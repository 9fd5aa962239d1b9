"""The `action_plan` section of the diagnostic's JSON document: its shape, the exact round
trip, and documents that do not fit (refused, nothing written)."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command

from actors.models import Actor
from diagnostics.exchange.documents import DocumentError, export_diagnostic, import_diagnostic
from diagnostics.exchange.registry import sections
from diagnostics.models import AfomItem, Diagnostic
from ptce.enums import ActionStatus
from ptce.models import Action, ActionUpdate, Axis
from tests.actors.factories import ActorFactory
from tests.diagnostics.test_exchange import rich_diagnostic  # noqa: F401 - a fixture
from tests.ptce.factories_plans import (
    ActionFactory,
    ActionFundingFactory,
    ActionIndicatorFactory,
    ActionUpdateFactory,
    AxisFactory,
    IndicatorValueFactory,
    ObjectiveFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(rich_diagnostic, workspace, editor_user):  # noqa: F811
    """The rich diagnostic of the exchange tests, with a plan using every field."""
    scop = Actor.objects.get(workspace=workspace, name="Scop Bâtir")
    asso = Actor.objects.get(workspace=workspace, name="Ressourcerie d'Ancenis")
    extra = ActorFactory(workspace=workspace, name="Atelier Bois", siret="35600000000055")
    axis = AxisFactory(diagnostic=rich_diagnostic, title="Des lieux pour l'ESS", order=0)
    axis.afom_items.set(AfomItem.objects.filter(diagnostic=rich_diagnostic, deleted_at=None))
    AxisFactory(diagnostic=rich_diagnostic, title="Un axe encore vide", order=1)
    objective = ObjectiveFactory(axis=axis, title="Ouvrir un tiers-lieu")
    ObjectiveFactory(axis=axis, title="Objectif sans action")
    first = ActionFactory(
        objective=objective,
        title="Trouver le local",
        description="Avec la commune.",
        pilot=scop,
        budget=Decimal("45000.50"),
        order=0,
    )
    first.partners.set([extra, asso])
    ActionFundingFactory(action=first, funder="Région", amount=Decimal("20000"), secured=True)
    ActionFundingFactory(action=first, funder="Fondation", amount=Decimal("5000.25"), secured=False)
    indicator = ActionIndicatorFactory(action=first, name="Surface", unit="m²", baseline=None)
    IndicatorValueFactory(indicator=indicator, date=date(2026, 9, 30), value=Decimal("-1.50"))
    IndicatorValueFactory(indicator=indicator, date=date(2026, 3, 31), value=Decimal("120"))
    ActionUpdateFactory(action=first, date=date(2026, 6, 1), text="Visite.", author=editor_user)
    ActionUpdateFactory(action=first, date=date(2026, 2, 1), text="Lancement.", author_name="")
    ActionFactory(
        objective=objective,
        title="Animer le lieu",
        pilot_is_collectivity=True,
        start=None,
        end=None,
        status=ActionStatus.TODO,
        progress=0,
        order=1,
    )
    return rich_diagnostic


def test_the_section_is_registered_after_the_afom_matrix():
    names = [section.name for section in sections()]
    assert names.index("action_plan") > names.index("afom")


def test_the_section_has_the_documented_shape(planned):
    plan = export_diagnostic(planned)["action_plan"]
    assert [axis["title"] for axis in plan["axes"]] == [
        "Des lieux pour l'ESS",
        "Un axe encore vide",
    ]
    axis = plan["axes"][0]
    assert axis["afom"] == ["Loi ESS", "Manque de locaux"]  # live items only, by title
    action = axis["objectives"][0]["actions"][0]
    assert action["pilot"] == {
        "name": "Scop Bâtir",
        "siret": "35600000000048",
        "kind": "association",
    }
    assert [p["name"] for p in action["partners"]] == ["Atelier Bois", "Ressourcerie d'Ancenis"]
    assert (action["start"], action["end"], action["status"]) == (
        "2026-03-01",
        "2027-12-31",
        "en_cours",
    )
    assert (action["progress"], action["budget"]) == (30, "45000.50")
    assert action["funding"][1] == {"funder": "Fondation", "amount": "5000.25", "secured": False}
    assert action["indicators"][0]["values"] == [
        {"date": "2026-03-31", "value": "120.00"},
        {"date": "2026-09-30", "value": "-1.50"},
    ]
    assert [u["text"] for u in action["updates"]] == ["Lancement.", "Visite."]
    second = axis["objectives"][0]["actions"][1]
    assert second["pilot"] is None and second["pilot_is_collectivity"] is True


def test_round_trip_export_import_export_is_identical(planned, other_workspace):
    first = export_diagnostic(planned)
    copy = import_diagnostic(json.loads(json.dumps(first)), workspace=other_workspace)
    assert export_diagnostic(copy) == first
    action = Action.objects.get(objective__axis__diagnostic=copy, title="Trouver le local")
    assert action.pilot.workspace == other_workspace
    assert set(action.objective.axis.afom_items.values_list("diagnostic", flat=True)) == {copy.pk}
    assert ActionUpdate.objects.filter(action=action, author__isnull=True).count() == 2


def test_round_trip_through_the_commands(planned, other_workspace, tmp_path):
    path = tmp_path / "diag.json"
    call_command("export_diagnostic", planned.pk, output=str(path))
    call_command("import_diagnostic", str(path), workspace=other_workspace.slug)
    copy = Diagnostic.objects.get(workspace=other_workspace)
    assert export_diagnostic(copy)["action_plan"] == json.loads(path.read_text())["action_plan"]


def test_a_diagnostic_without_plan_exports_an_empty_one(rich_diagnostic):  # noqa: F811
    assert export_diagnostic(rich_diagnostic)["action_plan"] == {"axes": []}


def first_action(document):
    return document["action_plan"]["axes"][0]["objectives"][0]["actions"][0]


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (
            lambda d: d["action_plan"]["axes"][0]["afom"].append("Inconnu"),
            "«\u00a0Inconnu\u00a0» introuvable",
        ),
        (lambda d: first_action(d).update(status="finie"), "status : valeur 'finie' non admise"),
        (lambda d: first_action(d).update(progress=120), "progress"),
        (lambda d: first_action(d).update(budget="12,5"), "budget"),
        (
            lambda d: first_action(d).update(start="2028-01-01"),
            "La fin ne peut pas précéder le début",
        ),
        (lambda d: first_action(d).update(pilot_is_collectivity=True), "un seul pilote"),
        (
            lambda d: d["action_plan"]["axes"][1].update(title="Des lieux pour l'ESS"),
            "Un axe porte déjà cet intitulé",
        ),
        (
            lambda d: first_action(d)["indicators"][0]["values"].append(
                {"date": "2026-03-31", "value": "1.00"}
            ),
            "déjà une valeur à cette date",
        ),
    ],
)
def test_a_plan_that_does_not_fit_is_refused_and_writes_nothing(
    planned, other_workspace, mutate, reason
):
    document = export_diagnostic(planned)
    mutate(document)
    before = (Diagnostic.objects.count(), Axis.objects.count(), Action.objects.count())
    actors = Actor.objects.count()
    with pytest.raises(DocumentError) as error:
        import_diagnostic(document, workspace=other_workspace)
    assert any(reason in line for line in error.value.errors), error.value.errors
    assert (Diagnostic.objects.count(), Axis.objects.count(), Action.objects.count()) == before
    assert Actor.objects.count() == actors
