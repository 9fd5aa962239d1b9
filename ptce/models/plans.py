"""The post-diagnostic action plan (phase 2 builds it, phase 4 carries it out): strategic axes
answering AFOM items, their objectives, and the actions with pilot, partners, dates, budget,
funding lines, indicators with dated values and an update log.

Workspace data owned through the diagnostic: each model says how to reach the workspace with
`workspace_path`, so the permission kernel scopes them like the diagnostic itself.

Budget: `Action.budget` is the estimated cost of the action, typed by people (empty when not
estimated yet); the funding lines say who pays what, secured or not. The pages show both, and
the funded and secured shares of the budget.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from ptce.enums import CLOSED_ACTION_STATUSES, ActionStatus

AMOUNT = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
MEASURE = {"max_digits": 14, "decimal_places": 2}


class Axis(models.Model):
    """A strategic axis (enjeu) of a diagnostic's action plan, answering AFOM items."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey(
        "diagnostics.Diagnostic", models.CASCADE, related_name="plan_axes"
    )
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("description", blank=True)
    order = models.PositiveIntegerField("ordre", default=0)
    afom_items = models.ManyToManyField(
        "diagnostics.AfomItem",
        blank=True,
        related_name="plan_axes",
        verbose_name="éléments AFOM auxquels l'axe répond",
    )

    class Meta:
        verbose_name = "axe du plan d'action"
        verbose_name_plural = "axes du plan d'action"
        ordering = ["diagnostic", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["diagnostic", "title"],
                name="plan_axis_unique_title",
                violation_error_message="Un axe porte déjà cet intitulé dans ce plan.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ptce:plan-detail", args=[self.diagnostic_id]) + f"#axe-{self.pk}"


class Objective(models.Model):
    """An objective of an axis; actions serve it."""

    workspace_path = "axis__diagnostic__workspace"

    axis = models.ForeignKey(Axis, models.CASCADE, related_name="objectives")
    title = models.CharField("intitulé", max_length=255)
    order = models.PositiveIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "objectif"
        verbose_name_plural = "objectifs"
        ordering = ["axis", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["axis", "title"],
                name="plan_objective_unique_title",
                violation_error_message="Un objectif porte déjà cet intitulé dans cet axe.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ptce:plan-detail", args=[self.axis.diagnostic_id]) + f"#objectif-{self.pk}"


class ActionQuerySet(models.QuerySet):
    def late(self, today=None):
        """Actions whose end date has passed while they are neither done nor abandoned."""
        today = today or timezone.localdate()
        return self.filter(end__lt=today).exclude(status__in=CLOSED_ACTION_STATUSES)

    def of_diagnostic(self, diagnostic):
        return self.filter(objective__axis__diagnostic=diagnostic)

    def in_plan_order(self):
        """Axis by axis, objective by objective, as the plan reads."""
        return self.order_by(
            "objective__axis__order",
            "objective__axis_id",
            "objective__order",
            "objective_id",
            "order",
            "pk",
        )

    def for_table(self):
        """What tables, boards and exports show, in a fixed number of queries whatever the
        number of actions: axis, objective, pilot, partners, funding, indicators and values."""
        values = IndicatorValue.objects.order_by("date", "pk")
        indicators = ActionIndicator.objects.prefetch_related(Prefetch("values", values))
        return self.select_related("objective__axis", "pilot").prefetch_related(
            "partners", "funding_lines", Prefetch("indicators", indicators)
        )


class Action(models.Model):
    """An action of the plan. Its pilot is an actor of the registry, or the collectivity
    itself (the workspace) when `pilot_is_collectivity` is set; never both."""

    workspace_path = "objective__axis__diagnostic__workspace"

    objective = models.ForeignKey(Objective, models.CASCADE, related_name="actions")
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("description", blank=True)
    pilot = models.ForeignKey(
        "actors.Actor",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="piloted_plan_actions",
        verbose_name="pilote",
    )
    pilot_is_collectivity = models.BooleanField("pilotée par la collectivité", default=False)
    partners = models.ManyToManyField(
        "actors.Actor", blank=True, related_name="plan_partnerships", verbose_name="partenaires"
    )
    start = models.DateField("début", null=True, blank=True)
    end = models.DateField("fin", null=True, blank=True)
    status = models.CharField(
        "état", max_length=12, choices=ActionStatus.choices, default=ActionStatus.TODO
    )
    progress = models.PositiveSmallIntegerField(
        "avancement (%)", default=0, validators=[MaxValueValidator(100)]
    )
    budget = models.DecimalField("budget estimé (€)", null=True, blank=True, **AMOUNT)
    order = models.PositiveIntegerField("ordre", default=0)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = "action"
        verbose_name_plural = "actions"
        ordering = ["objective", "order", "pk"]
        indexes = [models.Index(fields=["status", "end"])]
        constraints = [
            models.UniqueConstraint(
                fields=["objective", "title"],
                name="plan_action_unique_title",
                violation_error_message="Une action porte déjà cet intitulé dans cet objectif.",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="plan_action_progress_max_100",
                violation_error_message="L'avancement va de 0 à 100\u00a0%.",
            ),
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=F("start")),
                name="plan_action_end_after_start",
                violation_error_message="La fin ne peut pas précéder le début.",
            ),
            models.CheckConstraint(
                condition=Q(pilot__isnull=True) | Q(pilot_is_collectivity=False),
                name="plan_action_one_pilot",
                violation_error_message="Une action a un seul pilote\u00a0: un acteur ou la "
                "collectivité.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("ptce:action-detail", args=[self.pk])

    def is_late(self, today=None):
        """The same rule as ActionQuerySet.late(), on one action."""
        today = today or timezone.localdate()
        return bool(self.end and self.end < today and self.status not in CLOSED_ACTION_STATUSES)

    def pilot_name(self, collectivity):
        """The pilot in words; `collectivity` names the workspace."""
        if self.pilot_is_collectivity:
            return str(collectivity)
        return self.pilot.name if self.pilot_id else ""

    # The helpers below read prefetched relations (ActionQuerySet.for_table).
    def funded_total(self):
        return sum((line.amount for line in self.funding_lines.all()), Decimal(0))

    def secured_total(self):
        lines = self.funding_lines.all()
        return sum((line.amount for line in lines if line.secured), Decimal(0))


class ActionFunding(models.Model):
    """A funding line of an action: who pays how much, and whether it is secured."""

    workspace_path = "action__objective__axis__diagnostic__workspace"

    action = models.ForeignKey(Action, models.CASCADE, related_name="funding_lines")
    funder = models.CharField("financeur", max_length=255)
    amount = models.DecimalField("montant (€)", **AMOUNT)
    secured = models.BooleanField("acquis", default=False)

    class Meta:
        verbose_name = "financement d'action"
        verbose_name_plural = "financements d'actions"
        ordering = ["action", "pk"]

    def __str__(self):
        return f"{self.funder} — {self.amount} €"

    def get_absolute_url(self):
        return self.action.get_absolute_url() + "#financements"


class ActionIndicator(models.Model):
    """An indicator of an action: unit, baseline, target, and dated values."""

    workspace_path = "action__objective__axis__diagnostic__workspace"

    action = models.ForeignKey(Action, models.CASCADE, related_name="indicators")
    name = models.CharField("indicateur", max_length=255)
    unit = models.CharField("unité", max_length=50, blank=True)
    baseline = models.DecimalField("valeur de départ", null=True, blank=True, **MEASURE)
    target = models.DecimalField("cible", null=True, blank=True, **MEASURE)

    class Meta:
        verbose_name = "indicateur d'action"
        verbose_name_plural = "indicateurs d'actions"
        ordering = ["action", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "name"],
                name="plan_indicator_unique_name",
                violation_error_message="Cette action a déjà un indicateur de ce nom.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.action.get_absolute_url() + f"#indicateur-{self.pk}"

    def latest(self):
        """The most recent value (values prefetched in date order), or None."""
        values = list(self.values.all())
        return max(values, key=lambda v: (v.date, v.pk)) if values else None

    def reached_percent(self):
        """How far the latest value went from the baseline towards the target, in %:
        (latest − baseline) / (target − baseline), or latest / target without a baseline.
        None when there is no value, no target, or the target equals the baseline."""
        latest = self.latest()
        if latest is None or self.target is None:
            return None
        start = self.baseline if self.baseline is not None else Decimal(0)
        if self.target == start:
            return None
        share = (latest.value - start) / (self.target - start) * 100
        return share.quantize(Decimal("0.1"))


class IndicatorValue(models.Model):
    """The value an indicator had on a date."""

    workspace_path = "indicator__action__objective__axis__diagnostic__workspace"

    indicator = models.ForeignKey(ActionIndicator, models.CASCADE, related_name="values")
    date = models.DateField("date")
    value = models.DecimalField("valeur", **MEASURE)

    class Meta:
        verbose_name = "valeur d'indicateur"
        verbose_name_plural = "valeurs d'indicateurs"
        ordering = ["indicator", "date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "date"],
                name="plan_indicator_value_unique_date",
                violation_error_message="Cet indicateur a déjà une valeur à cette date.",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} au {self.date:%d/%m/%Y} : {self.value}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()


class ActionUpdate(models.Model):
    """An entry of an action's update log. `author_name` keeps the author's name as it was
    (and is all an imported entry has)."""

    workspace_path = "action__objective__axis__diagnostic__workspace"

    action = models.ForeignKey(Action, models.CASCADE, related_name="updates")
    date = models.DateField("date")
    text = models.TextField("point d'étape")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur",
    )
    author_name = models.CharField("auteur", max_length=200, blank=True)
    created_at = models.DateTimeField("saisi le", auto_now_add=True)

    class Meta:
        verbose_name = "point d'étape"
        verbose_name_plural = "points d'étape"
        ordering = ["action", "-date", "-pk"]

    def __str__(self):
        return f"{self.action} — {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return self.action.get_absolute_url() + "#journal"
