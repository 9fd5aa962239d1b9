"""Regional indicator values (reference data, instance-wide) and the decisions editors take on
the AFOM items the indicators suggest (workspace data)."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from diagnostics.enums import IndicatorImportStatus, Quadrant


class IndicatorImport(models.Model):
    """One run of the regional data import: the file, its layout, who ran it, what it did.

    Uploaded by staff, it is checked then written by background tasks (indicators/runs.py):
    `token` names the staged file meanwhile, `report` keeps what the check found (errors,
    counts, the first values) for the page, `progress` moves on the way. The command writes
    it at once (status done).
    """

    file_name = models.CharField("fichier", max_length=255)
    layout = models.CharField("format", max_length=10)
    source = models.CharField("source par défaut", max_length=120, blank=True)
    rows = models.PositiveIntegerField("lignes lues", default=0)
    created = models.PositiveIntegerField("valeurs créées", default=0)
    updated = models.PositiveIntegerField("valeurs mises à jour", default=0)
    unchanged = models.PositiveIntegerField("valeurs inchangées", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("importé le", auto_now_add=True)
    status = models.CharField(
        "état",
        max_length=10,
        choices=IndicatorImportStatus.choices,
        default=IndicatorImportStatus.DONE,
    )
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    progress_label = models.CharField("étape", max_length=120, blank=True)
    token = models.CharField("fichier déposé", max_length=64, blank=True)
    report = models.JSONField("résultat de la vérification", default=dict, blank=True)
    error = models.CharField("motif de l'échec", max_length=255, blank=True)
    updated_at = models.DateTimeField("dernière étape", null=True, blank=True)

    RUNNING = (IndicatorImportStatus.CHECKING, IndicatorImportStatus.WRITING)

    class Meta:
        verbose_name = "import de données régionales"
        verbose_name_plural = "imports de données régionales"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.file_name} ({self.created_at:%d/%m/%Y %H:%M})"

    def get_absolute_url(self):
        return reverse("diagnostics:indicator-import-detail", args=[self.pk])

    @property
    def running(self):
        return self.status in self.RUNNING


class IndicatorValueQuerySet(models.QuerySet):
    def for_territories(self, territories):
        return self.filter(territory__in=list(territories))

    def latest_first(self):
        return self.order_by("indicator", "-year", "source")


class IndicatorValue(models.Model):
    """A figure for a territory and a year, from a regional source (CRESS observatory, regional
    council, Urssaf, Insee). The natural key is (territory, indicator, year, source): a re-import
    of the same file changes nothing, a corrected figure updates its row."""

    territory = models.ForeignKey(
        "territories.Territory", models.PROTECT, related_name="+", verbose_name="territoire"
    )
    indicator = models.CharField("code de l'indicateur", max_length=120)
    label = models.CharField("indicateur", max_length=255)
    year = models.PositiveSmallIntegerField("année")
    value = models.DecimalField("valeur", max_digits=20, decimal_places=4)
    unit = models.CharField("unité", max_length=30, blank=True)
    source = models.CharField("source", max_length=120)
    batch = models.ForeignKey(
        IndicatorImport, models.SET_NULL, null=True, blank=True, related_name="values"
    )
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        verbose_name = "valeur d'indicateur"
        verbose_name_plural = "valeurs d'indicateurs"
        ordering = ["territory", "indicator", "year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "indicator", "year", "source"],
                name="indicator_value_natural_key",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self):
        return f"{self.label} {self.year} : {self.value} ({self.source})"


class SuggestionDecision(models.Model):
    """What an editor decided about one AFOM suggestion of a diagnostic. Suggestions are
    computed from the figures each time; this row remembers that `key` was accepted (with the
    item it became) or rejected, so it is not offered again."""

    workspace_path = "diagnostic__workspace"

    ACCEPTED = "accepted"
    REJECTED = "rejected"
    STATUSES = [(ACCEPTED, "Acceptée"), (REJECTED, "Écartée")]

    diagnostic = models.ForeignKey(
        "diagnostics.Diagnostic", models.CASCADE, related_name="suggestion_decisions"
    )
    key = models.CharField("suggestion", max_length=120)
    quadrant = models.CharField("quadrant", max_length=12, choices=Quadrant.choices)
    title = models.CharField("intitulé", max_length=255)
    status = models.CharField("décision", max_length=10, choices=STATUSES)
    item = models.ForeignKey(
        "diagnostics.AfomItem", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("décidée le", auto_now_add=True)

    class Meta:
        verbose_name = "décision sur une suggestion AFOM"
        verbose_name_plural = "décisions sur les suggestions AFOM"
        constraints = [
            models.UniqueConstraint(
                fields=["diagnostic", "key"], name="suggestion_decision_unique"
            ),
        ]

    def __str__(self):
        return f"{self.title} : {self.get_status_display()}"
