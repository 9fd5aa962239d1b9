"""The rules of the plan's models: lateness (in SQL and on one action, the same answer), the
share of an indicator's target reached, funding totals, and the database constraints."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from ptce.enums import ActionStatus
from ptce.models import Action
from tests.actors.factories import ActorFactory
from tests.ptce.factories_plans import (
    ActionFactory,
    ActionFundingFactory,
    ActionIndicatorFactory,
    IndicatorValueFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("end", "status", "late"),
    [
        (TODAY - timedelta(days=1), ActionStatus.ONGOING, True),
        (TODAY - timedelta(days=1), ActionStatus.TODO, True),
        (TODAY - timedelta(days=1), ActionStatus.SUSPENDED, True),
        (TODAY - timedelta(days=1), ActionStatus.DONE, False),
        (TODAY - timedelta(days=1), ActionStatus.ABANDONED, False),
        (TODAY, ActionStatus.ONGOING, False),  # due today is not late yet
        (TODAY + timedelta(days=30), ActionStatus.ONGOING, False),
        (None, ActionStatus.ONGOING, False),  # no end date, no lateness
    ],
)
def test_late_in_sql_and_on_the_action_agree(end, status, late):
    action = ActionFactory(start=None, end=end, status=status)
    assert (action in Action.objects.late(TODAY)) is late
    assert action.is_late(TODAY) is late


def test_late_defaults_to_today():
    past = ActionFactory(start=None, end=date.today() - timedelta(days=3))
    ActionFactory(start=None, end=date.today() + timedelta(days=3))
    assert list(Action.objects.late()) == [past]


def test_an_action_marked_done_is_no_longer_late():
    action = ActionFactory(start=None, end=TODAY - timedelta(days=10))
    assert Action.objects.late(TODAY).filter(pk=action.pk).exists()
    Action.objects.filter(pk=action.pk).update(status=ActionStatus.DONE)
    assert not Action.objects.late(TODAY).filter(pk=action.pk).exists()


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "expected"),
    [
        ("0", "10", "4", Decimal("40.0")),
        ("20", "10", "15", Decimal("50.0")),  # a reduction: from 20 down to 10
        (None, "200", "50", Decimal("25.0")),
        ("5", "5", "5", None),  # target equals baseline: no share
        ("0", None, "5", None),  # no target
    ],
)
def test_share_of_the_target_reached(baseline, target, latest, expected):
    indicator = ActionIndicatorFactory(
        baseline=Decimal(baseline) if baseline else None,
        target=Decimal(target) if target else None,
    )
    IndicatorValueFactory(indicator=indicator, date=date(2026, 1, 1), value=Decimal("-1"))
    IndicatorValueFactory(indicator=indicator, date=date(2026, 6, 1), value=Decimal(latest))
    assert indicator.latest().value == Decimal(latest)
    assert indicator.reached_percent() == expected


def test_an_indicator_without_value_has_no_share():
    assert ActionIndicatorFactory().reached_percent() is None


def test_funding_totals_count_secured_lines_apart():
    action = ActionFactory()
    ActionFundingFactory(action=action, amount=Decimal("12500.50"), secured=True)
    ActionFundingFactory(action=action, amount=Decimal("3000"), secured=False)
    assert action.funded_total() == Decimal("15500.50")
    assert action.secured_total() == Decimal("12500.50")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"progress": 101}, "100"),
        ({"start": date(2026, 5, 1), "end": date(2026, 4, 1)}, "La fin ne peut pas précéder"),
        ({"pilot_is_collectivity": True}, "un seul pilote"),
    ],
)
def test_constraints_refuse_inconsistent_actions(changes, message):
    action = ActionFactory.build(
        objective=ActionFactory().objective,
        pilot=ActorFactory(),
        **changes,
    )
    with pytest.raises(ValidationError) as error:
        action.full_clean()
    assert any(message in text for text in error.value.messages), error.value.messages
