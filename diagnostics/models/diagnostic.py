"""A territorial diagnostic, its method template and its phases."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from diagnostics.enums import DiagnosticStatus, PhaseStatus


class MethodTemplateQuerySet(models.QuerySet):
    def visible_to_workspaces(self, workspace_ids):
        """The built-in templates and those of the given workspaces."""
        return self.filter(
            models.Q(workspace__isnull=True) | models.Q(workspace_id__in=list(workspace_ids))
        )


class MethodTemplate(models.Model):
    """A method: an ordered list of phases. Built-in templates have no workspace; a
    workspace may keep its own."""

    workspace = models.ForeignKey(
        "accounts.Workspace", models.CASCADE, null=True, blank=True, related_name="+"
    )
    name = models.CharField("nom", max_length=200)
    description = models.TextField("description", blank=True)

    objects = MethodTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = "modèle de méthode"
        verbose_name_plural = "modèles de méthode"
        ordering = ["name"]

    def __str__(self):
        return self.name


class PhaseTemplate(models.Model):
    """A phase of a method template, with its expected results and default duration."""

    template = models.ForeignKey(MethodTemplate, models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField("numéro")
    name = models.CharField("nom", max_length=200)
    expected_results = models.TextField("résultats attendus", blank=True)
    duration_months = models.PositiveSmallIntegerField("durée (mois)")
    deliverables = models.JSONField("livrables", default=list, blank=True)

    class Meta:
        verbose_name = "phase du modèle"
        verbose_name_plural = "phases du modèle"
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="phasetemplate_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class DiagnosticQuerySet(models.QuerySet):
    def for_listing(self):
        """What list pages show: territory, workspace, counts and phases in constant queries."""
        return (
            self.with_counts()
            .select_related("territory", "workspace")
            .prefetch_related(models.Prefetch("phases", queryset=Phase.objects.order_by("number")))
        )

    def with_counts(self):
        """Annotate interview and AFOM item (not deleted) counts, in SQL. One subquery each:
        joining both tables at once would multiply their rows."""
        from diagnostics.models import AfomItem, Interview

        return self.annotate(
            interview_count=_count_of(Interview.objects.all()),
            afom_count=_count_of(AfomItem.objects.filter(deleted_at__isnull=True)),
        )


def _count_of(rows):
    """The number of `rows` of each diagnostic, as a subquery (0 when none)."""
    counts = (
        rows.filter(diagnostic=models.OuterRef("pk"))
        .order_by()
        .values("diagnostic")
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return Coalesce(models.Subquery(counts, output_field=models.IntegerField()), 0)


class Diagnostic(models.Model):
    """A "diagnostic partagé" of the ESS on a territory, led by a workspace."""

    workspace = models.ForeignKey("accounts.Workspace", models.CASCADE, related_name="diagnostics")
    territory = models.ForeignKey(
        "territories.Territory", models.PROTECT, related_name="+", verbose_name="territoire"
    )
    title = models.CharField("titre", max_length=255)
    start_date = models.DateField("date de début")
    status = models.CharField(
        "état",
        max_length=20,
        choices=DiagnosticStatus.choices,
        default=DiagnosticStatus.PREPARATION,
    )
    method = models.ForeignKey(
        MethodTemplate,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="méthode",
    )
    comparison_territories = models.ManyToManyField(
        "territories.Territory",
        through="ComparisonTerritory",
        related_name="+",
        verbose_name="territoires de comparaison",
        blank=True,
    )
    steering_actors = models.ManyToManyField(
        "actors.Actor",
        blank=True,
        related_name="steered_diagnostics",
        verbose_name="comité de pilotage (structures)",
    )
    steering_people = models.TextField(
        "comité de pilotage (personnes)",
        blank=True,
        help_text="Une personne par ligne\u00a0: nom, fonction.",
    )
    description = models.TextField("présentation", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = DiagnosticQuerySet.as_manager()

    class Meta:
        verbose_name = "diagnostic"
        verbose_name_plural = "diagnostics"
        ordering = ["-start_date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("diagnostics:diagnostic-detail", args=[self.pk])

    # The helpers below read `self.phases.all()`, so a prefetch serves them without queries.
    def current_phase(self):
        """The phase in progress, or None before the first one starts and after the last."""
        return next((p for p in self.phases.all() if p.status == PhaseStatus.ONGOING), None)

    def next_phase(self):
        """The first phase still to come."""
        return next((p for p in self.phases.all() if p.status == PhaseStatus.UPCOMING), None)

    def late_phases(self, today=None):
        return [phase for phase in self.phases.all() if phase.is_late(today)]

    def progress_label(self):
        """Where the diagnostic stands, in words: its current phase or its state."""
        current = self.current_phase()
        if current:
            return str(current)
        if self.next_phase() is None and self.phases.all():
            return "Toutes les phases sont terminées"
        return "Pas encore commencé"


class ComparisonTerritory(models.Model):
    """A territory the diagnostic compares itself with, and why it was chosen."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey(Diagnostic, models.CASCADE, related_name="comparisons")
    territory = models.ForeignKey("territories.Territory", models.PROTECT, related_name="+")
    reason = models.CharField("motif", max_length=255, blank=True)

    class Meta:
        verbose_name = "territoire de comparaison"
        verbose_name_plural = "territoires de comparaison"
        constraints = [
            models.UniqueConstraint(fields=["diagnostic", "territory"], name="comparison_unique"),
        ]

    def __str__(self):
        return f"{self.diagnostic} ↔ {self.territory}"


class Phase(models.Model):
    """A phase of a diagnostic: planned against actual dates, deliverables, notes."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey(Diagnostic, models.CASCADE, related_name="phases")
    number = models.PositiveSmallIntegerField("numéro")
    name = models.CharField("nom", max_length=200)
    expected_results = models.TextField("résultats attendus", blank=True)
    planned_start = models.DateField("début prévu")
    planned_end = models.DateField("fin prévue")
    actual_start = models.DateField("début réel", null=True, blank=True)
    actual_end = models.DateField("fin réelle", null=True, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=PhaseStatus.choices, default=PhaseStatus.UPCOMING
    )
    notes = models.TextField("notes", blank=True)
    override_reason = models.TextField("motif du passage sans livrables complets", blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="passage décidé par",
    )
    override_at = models.DateTimeField("passage décidé le", null=True, blank=True)

    class Meta:
        verbose_name = "phase"
        verbose_name_plural = "phases"
        ordering = ["diagnostic", "number"]
        constraints = [
            models.UniqueConstraint(fields=["diagnostic", "number"], name="phase_unique"),
        ]

    def __str__(self):
        return f"Phase {self.number} — {self.name}"

    def is_late(self, today=None):
        """Late: its planned end has passed and it is not done, or it ended after it."""
        return bool(self.late_reason(today))

    def late_reason(self, today=None):
        """Why the phase is late, in French, or "" when it is not."""
        today = today or timezone.localdate()
        if self.actual_end and self.actual_end > self.planned_end:
            return "terminée après la fin prévue"
        if self.status != PhaseStatus.DONE and self.planned_end < today:
            return "fin prévue dépassée"
        return ""


class Deliverable(models.Model):
    """An item of a phase's deliverables checklist."""

    workspace_path = "phase__diagnostic__workspace"

    phase = models.ForeignKey(Phase, models.CASCADE, related_name="deliverables")
    label = models.CharField("livrable", max_length=255)
    done = models.BooleanField("fait", default=False)
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "livrable"
        verbose_name_plural = "livrables"
        ordering = ["phase", "order", "pk"]

    def __str__(self):
        return self.label
