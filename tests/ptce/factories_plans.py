"""factory_boy factories of the action plan models."""

from datetime import date
from decimal import Decimal

import factory

from ptce.enums import ActionStatus
from ptce.models import (
    Action,
    ActionFunding,
    ActionIndicator,
    ActionUpdate,
    Axis,
    IndicatorValue,
    Objective,
)
from tests.diagnostics.factories import DiagnosticFactory


class AxisFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Axis

    diagnostic = factory.SubFactory(DiagnosticFactory)
    title = factory.Sequence(lambda n: f"Structurer les filières de l'ESS n°{n}")
    order = factory.Sequence(lambda n: n)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Objective

    axis = factory.SubFactory(AxisFactory)
    title = factory.Sequence(lambda n: f"Mutualiser des locaux n°{n}")
    order = factory.Sequence(lambda n: n)


class ActionFactory(factory.django.DjangoModelFactory):
    """An action under way from 01/03/2026 to 31/12/2027 (not late on 23/11/2026)."""

    class Meta:
        model = Action

    objective = factory.SubFactory(ObjectiveFactory)
    title = factory.Sequence(lambda n: f"Ouvrir un tiers-lieu de l'ESS n°{n}")
    start = date(2026, 3, 1)
    end = date(2027, 12, 31)
    status = ActionStatus.ONGOING
    progress = 30
    order = factory.Sequence(lambda n: n)


class ActionFundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionFunding

    action = factory.SubFactory(ActionFactory)
    funder = "Région Pays de la Loire"
    amount = Decimal("12500.00")
    secured = True


class ActionIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionIndicator

    action = factory.SubFactory(ActionFactory)
    name = factory.Sequence(lambda n: f"Emplois créés n°{n}")
    unit = "emplois"
    baseline = Decimal("0.00")
    target = Decimal("10.00")


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(ActionIndicatorFactory)
    date = date(2026, 6, 30)
    value = Decimal("4.00")


class ActionUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionUpdate

    action = factory.SubFactory(ActionFactory)
    date = date(2026, 5, 15)
    text = "Premier comité de pilotage : le lieu est trouvé."
    author_name = "Inès Moreau"


def full_action(diagnostic=None, **kwargs):
    """An action with a funding line, an indicator with two values and an update."""
    if diagnostic is not None:
        kwargs["objective"] = ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic))
    action = ActionFactory(**kwargs)
    ActionFundingFactory(action=action)
    indicator = ActionIndicatorFactory(action=action)
    IndicatorValueFactory(indicator=indicator, date=date(2026, 3, 31), value=Decimal("1.00"))
    IndicatorValueFactory(indicator=indicator, date=date(2026, 9, 30), value=Decimal("4.00"))
    ActionUpdateFactory(action=action)
    return action
