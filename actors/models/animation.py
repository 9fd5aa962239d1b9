"""Animating the territory (workspace data): networks of actors, thematic meetings, and the
project holders the collectivity receives, orients and follows (seeds 000, 001)."""

from django.db import models
from django.db.models import Count, Max
from django.urls import reverse

from actors.enums import HolderNeed, HolderStage, HolderStatus, NetworkScope, OrientationOutcome


class NetworkQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )


class Network(models.Model):
    """A network of actors the collectivity helps to form and supports: territorial (every ESS
    actor of a territory) or thematic (habitat, mobilité, déchets, énergie...)."""

    workspace = models.ForeignKey("accounts.Workspace", models.CASCADE, related_name="networks")
    name = models.CharField("nom", max_length=200)
    scope = models.CharField("portée", max_length=12, choices=NetworkScope.choices)
    theme = models.ForeignKey(
        "actors.Theme",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="networks",
        verbose_name="thème",
    )
    description = models.TextField("description", blank=True)
    members = models.ManyToManyField(
        "actors.Actor", blank=True, related_name="networks", verbose_name="membres"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = "réseau d'acteurs"
        verbose_name_plural = "réseaux d'acteurs"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="network_unique_name"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("actors:network-detail", args=[self.pk])


class MeetingQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            invited_count=Count("invited", distinct=True),
            present_count=Count("present", distinct=True),
        )


class Meeting(models.Model):
    """A thematic meeting of the territory's actors: who was invited, who came, what was said.

    Invariant: the actors present are among the invited ones (checked by the services)."""

    workspace = models.ForeignKey("accounts.Workspace", models.CASCADE, related_name="meetings")
    title = models.CharField("titre", max_length=200)
    date = models.DateField("date")
    start_time = models.TimeField("heure", null=True, blank=True)
    theme = models.ForeignKey(
        "actors.Theme",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name="thème",
    )
    place = models.CharField("lieu", max_length=255, blank=True)
    network = models.ForeignKey(
        Network,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
        verbose_name="réseau",
    )
    invited = models.ManyToManyField(
        "actors.Actor", blank=True, related_name="meetings_invited", verbose_name="invités"
    )
    present = models.ManyToManyField(
        "actors.Actor", blank=True, related_name="meetings_attended", verbose_name="présents"
    )
    minutes = models.TextField("compte rendu", blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "rencontre thématique"
        verbose_name_plural = "rencontres thématiques"
        ordering = ["-date", "-start_time", "-pk"]
        indexes = [models.Index(fields=["workspace", "date"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actors:meeting-detail", args=[self.pk])


class ProjectHolderQuerySet(models.QuerySet):
    def with_orientation_summary(self):
        return self.annotate(
            orientation_count=Count("orientations"),
            last_orientation_on=Max("orientations__date"),
        )


class ProjectHolder(models.Model):
    """Someone carrying a project whom the collectivity receives, orients towards the actors
    of the territory and follows.

    The person's name, email, phone and the follow-up notes are personal data: only roles
    granted VIEW_PERSONAL see them; `__str__` therefore names the project, never the person."""

    workspace = models.ForeignKey(
        "accounts.Workspace", models.CASCADE, related_name="project_holders"
    )
    person_name = models.CharField("nom de la personne", max_length=200)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    project_name = models.CharField("projet ou structure", max_length=200)
    description = models.TextField("description du projet", blank=True)
    need = models.CharField("besoin principal", max_length=20, choices=HolderNeed.choices)
    need_details = models.TextField("précisions sur le besoin", blank=True)
    stage = models.CharField(
        "stade du projet", max_length=15, choices=HolderStage.choices, default=HolderStage.IDEA
    )
    status = models.CharField(
        "suivi", max_length=12, choices=HolderStatus.choices, default=HolderStatus.TO_RECEIVE
    )
    received_on = models.DateField("reçu le", null=True, blank=True)
    notes = models.TextField("notes de suivi", blank=True)
    consent = models.BooleanField("accepte d'être recontacté·e", default=False)
    consent_date = models.DateField("date du consentement", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = ProjectHolderQuerySet.as_manager()

    class Meta:
        verbose_name = "porteur de projet"
        verbose_name_plural = "porteurs de projet"
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["workspace", "status"])]

    def __str__(self):
        return self.project_name

    def get_absolute_url(self):
        return reverse("actors:holder-detail", args=[self.pk])


class Orientation(models.Model):
    """A project holder sent to an actor of the territory, with what came of it."""

    workspace_path = "holder__workspace"

    holder = models.ForeignKey(ProjectHolder, models.CASCADE, related_name="orientations")
    # SET_NULL: deleting an actor from the registry keeps the holder's history.
    actor = models.ForeignKey(
        "actors.Actor",
        models.SET_NULL,
        null=True,
        related_name="orientations",
        verbose_name="acteur",
    )
    date = models.DateField("date")
    purpose = models.CharField("objet", max_length=255)
    outcome_status = models.CharField(
        "suite",
        max_length=15,
        choices=OrientationOutcome.choices,
        default=OrientationOutcome.PENDING,
    )
    outcome = models.TextField("suite donnée, détails", blank=True)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "orientation"
        verbose_name_plural = "orientations"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.holder} → {self.actor or 'acteur supprimé'}"

    def get_absolute_url(self):
        return reverse("actors:holder-detail", args=[self.holder_id])
