"""Interviews of the territory's actors, their excerpts, and the interview guide."""

from django.conf import settings
from django.db import models

from diagnostics.enums import InterviewFormat, InterviewMode


class GuideQuestion(models.Model):
    """A question of the diagnostic's interview guide (editable)."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey(
        "diagnostics.Diagnostic", models.CASCADE, related_name="guide_questions"
    )
    section = models.CharField("rubrique", max_length=100)
    text = models.TextField("question")
    order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "question du guide d'entretien"
        verbose_name_plural = "questions du guide d'entretien"
        ordering = ["diagnostic", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class Interview(models.Model):
    """An individual or collective interview, with structured notes."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey(
        "diagnostics.Diagnostic", models.CASCADE, related_name="interviews"
    )
    date = models.DateField("date")
    format = models.CharField(
        "format",
        max_length=12,
        choices=InterviewFormat.choices,
        default=InterviewFormat.INDIVIDUAL,
    )
    mode = models.CharField(
        "modalité", max_length=10, choices=InterviewMode.choices, default=InterviewMode.ON_SITE
    )
    actors = models.ManyToManyField(
        "actors.Actor", related_name="interviews", verbose_name="acteurs rencontrés"
    )
    interviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="enquêteurs"
    )
    other_interviewers = models.CharField("autres enquêteurs", max_length=255, blank=True)
    vision = models.TextField("vision du territoire", blank=True)
    needs = models.TextField("besoins", blank=True)
    obstacles = models.TextField("freins", blank=True)
    levers = models.TextField("leviers", blank=True)
    cooperations = models.TextField("coopérations", blank=True)
    themes = models.ManyToManyField(
        "actors.Theme", blank=True, related_name="interviews", verbose_name="thèmes"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "entretien"
        verbose_name_plural = "entretiens"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"Entretien du {self.date:%d/%m/%Y}"


class Excerpt(models.Model):
    """A quotation from an interview; it can become the evidence of an AFOM item."""

    workspace_path = "interview__diagnostic__workspace"

    interview = models.ForeignKey(Interview, models.CASCADE, related_name="excerpts")
    text = models.TextField("extrait")
    theme = models.ForeignKey(
        "actors.Theme",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="thème",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "extrait d'entretien"
        verbose_name_plural = "extraits d'entretien"
        ordering = ["interview", "pk"]

    def __str__(self):
        return f"«\u00a0{self.text[:80]}\u00a0»"
