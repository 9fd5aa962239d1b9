"""The AFOM (SWOT) matrix: items, their evidence, and the prioritisation workshop."""

from django.conf import settings
from django.db import models

from diagnostics.enums import EvidenceKind, Priority, Quadrant


class AfomItemQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def in_reading_order(self):
        """Atouts, faiblesses, opportunités, menaces (not alphabetical), then each quadrant's
        own order."""
        rank = models.Case(
            *[models.When(quadrant=code, then=index) for index, code in enumerate(Quadrant)],
            output_field=models.IntegerField(),
        )
        return self.alias(quadrant_rank=rank).order_by("quadrant_rank", "order", "pk")


class AfomItem(models.Model):
    """An item of the AFOM matrix. Deleting sets `deleted_at`, so that it can be restored."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey(
        "diagnostics.Diagnostic", models.CASCADE, related_name="afom_items"
    )
    quadrant = models.CharField("quadrant", max_length=12, choices=Quadrant.choices)
    title = models.CharField("intitulé", max_length=255)
    description = models.TextField("description", blank=True)
    theme = models.ForeignKey(
        "actors.Theme",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="thème",
    )
    order = models.PositiveIntegerField("ordre", default=0)
    priority = models.PositiveSmallIntegerField(
        "priorité", choices=Priority.choices, default=Priority.MEDIUM
    )
    deleted_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = AfomItemQuerySet.as_manager()

    class Meta:
        verbose_name = "élément AFOM"
        verbose_name_plural = "éléments AFOM"
        ordering = ["diagnostic", "quadrant", "order", "pk"]
        indexes = [models.Index(fields=["diagnostic", "quadrant", "order"])]

    def __str__(self):
        return f"{self.get_quadrant_display()}\u00a0: {self.title}"


class Evidence(models.Model):
    """What supports an AFOM item. One row per piece of evidence; `kind` says which link is
    used. Later features add their own link (a survey question's result, an indicator value)
    as nullable foreign keys, and `snapshot` keeps the figures shown when it was attached."""

    workspace_path = "item__diagnostic__workspace"

    item = models.ForeignKey(AfomItem, models.CASCADE, related_name="evidence")
    kind = models.CharField("nature", max_length=10, choices=EvidenceKind.choices)
    excerpt = models.ForeignKey(
        "diagnostics.Excerpt", models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    title = models.CharField("titre", max_length=255, blank=True)
    citation = models.TextField("citation ou référence", blank=True)
    url = models.URLField("adresse web", blank=True)
    snapshot = models.JSONField("valeurs au moment du lien", default=dict, blank=True)
    created_at = models.DateTimeField("ajoutée le", auto_now_add=True)

    class Meta:
        verbose_name = "élément de preuve"
        verbose_name_plural = "éléments de preuve"
        ordering = ["item", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.title or self.citation[:60]}"

    def summary(self):
        """One line for lists and exports: the quotation with its interview, or the reference.
        Lists select_related("excerpt__interview") to avoid a query per row."""
        if self.kind == EvidenceKind.EXCERPT and self.excerpt_id:
            interview = self.excerpt.interview
            return f"«\u00a0{self.excerpt.text}\u00a0» (entretien du {interview.date:%d/%m/%Y})"
        parts = [self.title, self.citation, self.url]
        return " — ".join(part for part in parts if part)


class Workshop(models.Model):
    """A prioritisation workshop of phase 2: participants share points among the items."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey(
        "diagnostics.Diagnostic", models.CASCADE, related_name="workshops"
    )
    title = models.CharField("intitulé", max_length=255)
    date = models.DateField("date")
    points_per_participant = models.PositiveSmallIntegerField("points par participant", default=5)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "atelier de priorisation"
        verbose_name_plural = "ateliers de priorisation"
        ordering = ["-date"]

    def __str__(self):
        return self.title


class Vote(models.Model):
    """The points one participant gave one item during a workshop."""

    workspace_path = "workshop__diagnostic__workspace"

    workshop = models.ForeignKey(Workshop, models.CASCADE, related_name="votes")
    participant = models.CharField("participant", max_length=200)
    item = models.ForeignKey(AfomItem, models.CASCADE, related_name="votes")
    points = models.PositiveSmallIntegerField("points")

    class Meta:
        verbose_name = "vote"
        verbose_name_plural = "votes"
        constraints = [
            models.UniqueConstraint(fields=["workshop", "participant", "item"], name="vote_unique"),
        ]

    def __str__(self):
        return f"{self.participant}\u00a0: {self.points} → {self.item}"
