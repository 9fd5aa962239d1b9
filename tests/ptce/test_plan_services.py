"""Writes on the plan: AFOM items and actors must be of the plan's own diagnostic and workspace,
reordering, status changes, the update log and the recent activity."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from essterritoire.accounts.models import Activity
from ptce import services_plans as services
from ptce.enums import ActionStatus
from ptce.models import Action, Axis
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import AfomItemFactory
from tests.ptce.factories_plans import ActionFactory, AxisFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


def test_an_axis_answers_afom_items_of_its_diagnostic(diagnostic, editor_user):
    items = [AfomItemFactory(diagnostic=diagnostic) for _ in range(2)]
    axis = services.axis_create(
        diagnostic=diagnostic, user=editor_user, title="Coopérer", afom_items=items
    )
    assert set(axis.afom_items.all()) == set(items)
    assert Activity.objects.filter(verb="a créé l'axe", target="Coopérer").exists()


@pytest.mark.parametrize("where", ["other diagnostic", "other workspace", "deleted"])
def test_afom_items_from_elsewhere_or_deleted_are_refused(diagnostic, editor_user, where):
    if where == "other diagnostic":
        item = AfomItemFactory(diagnostic=DiagnosticFactory(workspace=diagnostic.workspace))
    elif where == "other workspace":
        item = AfomItemFactory()
    else:
        item = AfomItemFactory(diagnostic=diagnostic, deleted_at=timezone.now())
    with pytest.raises(ValidationError, match="Éléments AFOM"):
        services.axis_create(diagnostic=diagnostic, user=editor_user, title="X", afom_items=[item])
    assert not Axis.objects.exists()


def test_actors_of_another_workspace_are_refused_as_pilot_or_partner(
    diagnostic, editor_user, other_workspace
):
    objective = ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic))
    stranger = ActorFactory(workspace=other_workspace)
    with pytest.raises(ValidationError, match="Pilote"):
        services.action_create(objective=objective, user=editor_user, title="A", pilot=stranger)
    with pytest.raises(ValidationError, match="Partenaires"):
        services.action_create(
            objective=objective, user=editor_user, title="B", partners=[stranger]
        )
    assert not Action.objects.exists()


def test_an_action_with_pilot_and_partners_of_the_workspace(diagnostic, editor_user):
    objective = ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic))
    pilot, partner = ActorFactory.create_batch(2, workspace=diagnostic.workspace)
    action = services.action_create(
        objective=objective,
        user=editor_user,
        title="Créer une ressourcerie",
        pilot=pilot,
        partners=[partner],
        budget=Decimal("45000"),
    )
    assert action.pilot == pilot and list(action.partners.all()) == [partner]
    assert action.budget == Decimal("45000")


def test_an_action_moves_only_within_its_plan(diagnostic, editor_user):
    action = ActionFactory(objective=ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic)))
    same_plan = ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic))
    services.action_update(action=action, user=editor_user, objective=same_plan)
    assert Action.objects.get(pk=action.pk).objective == same_plan
    elsewhere = ObjectiveFactory(axis=AxisFactory(diagnostic=DiagnosticFactory()))
    with pytest.raises(ValidationError, match="même plan"):
        services.action_update(action=action, user=editor_user, objective=elsewhere)
    assert Action.objects.get(pk=action.pk).objective == same_plan


def test_marking_an_action_done_completes_its_progress(editor_user):
    action = ActionFactory(progress=60)
    services.action_set_status(action=action, user=editor_user, status=ActionStatus.DONE)
    action.refresh_from_db()
    assert (action.status, action.progress) == (ActionStatus.DONE, 100)
    with pytest.raises(ValidationError, match="État inconnu"):
        services.action_set_status(action=action, user=editor_user, status="finie")


def test_moving_axes_renumbers_them_and_stops_at_the_ends(diagnostic, editor_user):
    first, second, third = (AxisFactory(diagnostic=diagnostic, order=0) for _ in range(3))
    assert services.plan_item_move(obj=third, user=editor_user, direction="up")
    titles = list(Axis.objects.order_by("order", "pk").values_list("pk", flat=True))
    assert titles == [first.pk, third.pk, second.pk]
    assert not services.plan_item_move(obj=first, user=editor_user, direction="up")
    with pytest.raises(ValidationError):
        services.plan_item_move(obj=first, user=editor_user, direction="sideways")


def test_the_update_log_keeps_the_authors_name(editor_user):
    action = ActionFactory()
    entry = services.action_update_add(
        action=action, user=editor_user, date=date(2026, 11, 20), text="  Comité tenu.  "
    )
    assert entry.text == "Comité tenu."
    assert entry.author == editor_user
    assert entry.author_name == editor_user.get_full_name()


def test_a_value_recorded_twice_the_same_day_is_replaced(editor_user):
    indicator = services.indicator_create(
        action=ActionFactory(), user=editor_user, name="Emplois", target=Decimal(10)
    )
    for value in ("3", "4"):
        services.indicator_value_add(
            indicator=indicator, user=editor_user, date=date(2026, 9, 1), value=Decimal(value)
        )
    assert list(indicator.values.values_list("value", flat=True)) == [Decimal("4")]
