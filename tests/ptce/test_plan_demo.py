"""The demo action plan: about fifteen actions over four axes, some late and some done, with
indicators and updates, linked to the diagnostic's AFOM items by title; a second run changes
nothing."""

import pytest

from actors.enums import ActorKind
from diagnostics.enums import Quadrant
from ptce.demo_plans import seed_action_plan
from ptce.enums import ActionStatus
from ptce.exchange import export_plan
from ptce.models import Action, ActionIndicator, ActionUpdate, Axis, IndicatorValue
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import AfomItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def diagnostic(workspace):
    diagnostic = DiagnosticFactory(workspace=workspace)
    AfomItemFactory(
        diagnostic=diagnostic,
        quadrant=Quadrant.FAIBLESSE,
        title="Manque de locaux pour le réemploi",
    )
    AfomItemFactory(diagnostic=diagnostic, title="Sans rapport avec le plan")
    return diagnostic


@pytest.fixture
def actors(workspace):
    names = [
        ("Ressourcerie du Pays d'Ancenis", ActorKind.ASSOCIATION),
        ("Scop Bâtir Ensemble", ActorKind.COOPERATIVE),
        ("Jardins de Cocagne du Pays d'Ancenis", ActorKind.ASSOCIATION),
        ("Atelier Bois Paille", ActorKind.ENTREPRISE),
    ]
    return [ActorFactory(workspace=workspace, name=name, kind=kind) for name, kind in names]


def counts():
    models = (Axis, Action, ActionIndicator, IndicatorValue, ActionUpdate)
    return [model.objects.count() for model in models]


def test_the_demo_plan_is_realistic(diagnostic, actors):
    actions = seed_action_plan(diagnostic, actors)
    assert len(actions) == 15 and Axis.objects.filter(diagnostic=diagnostic).count() == 4
    assert Action.objects.late().count() >= 3
    assert Action.objects.filter(status=ActionStatus.DONE).count() >= 3
    assert ActionIndicator.objects.count() >= 6 and ActionUpdate.objects.count() >= 12
    linked = Axis.objects.get(title__startswith="Accompagner").afom_items.all()
    assert [item.title for item in linked] == ["Manque de locaux pour le réemploi"]
    piloted = Action.objects.filter(pilot__isnull=False)
    assert piloted.exists() and all(
        a.pilot.workspace_id == diagnostic.workspace_id for a in piloted
    )
    assert Action.objects.filter(pilot_is_collectivity=True).exists()
    assert all(not (a.pilot_id and a.pilot in a.partners.all()) for a in Action.objects.all())


def test_a_second_run_changes_nothing(diagnostic, actors):
    seed_action_plan(diagnostic, actors)
    before, document = counts(), export_plan(diagnostic)
    seed_action_plan(diagnostic, actors)
    assert counts() == before
    assert export_plan(diagnostic) == document


def test_the_demo_works_without_actors(diagnostic):
    actions = seed_action_plan(diagnostic, [])
    assert len(actions) == 15
    assert not Action.objects.filter(pilot__isnull=False).exists()
