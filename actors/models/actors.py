"""The actor registry (workspace data): ESS structures and partners, their contacts, themes."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from actors.enums import ActorKind, SizeBand
from essterritoire.territories.text import normalize

KIND_LABELS = dict(ActorKind.choices)
SIZE_LABELS = dict(SizeBand.choices)


class Theme(models.Model):
    """A theme of the workspace's editable list (habitat, mobilité, déchets...)."""

    workspace = models.ForeignKey("accounts.Workspace", models.CASCADE, related_name="themes")
    name = models.CharField("thème", max_length=100)

    class Meta:
        verbose_name = "thème"
        verbose_name_plural = "thèmes"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["workspace", "name"], name="theme_unique_name"),
        ]

    def __str__(self):
        return self.name


class ActorQuerySet(models.QuerySet):
    def ess(self):
        from actors.enums import ESS_ACTOR_KINDS

        return self.filter(kind__in=ESS_ACTOR_KINDS)

    def for_list(self):
        """What a table of actors shows, in a fixed number of queries whatever its length."""
        return self.select_related("commune").prefetch_related("themes")

    def search(self, text):
        """Actors matching `text` by name (accents and case ignored) or SIRET prefix; see
        actors.selectors.search_actors."""
        from actors.selectors import search_actors

        return search_actors(self, text)


class Actor(models.Model):
    """An organisation the workspace works with: an ESS structure or a partner."""

    workspace = models.ForeignKey("accounts.Workspace", models.CASCADE, related_name="actors")
    name = models.CharField("nom", max_length=255)
    normalized_name = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField("type", max_length=20, choices=ActorKind.choices)
    siret = models.CharField("SIRET", max_length=14, blank=True, db_index=True)
    establishment = models.ForeignKey(
        "actors.Establishment",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="actors",
        db_constraint=False,
        verbose_name="établissement SIRENE",
    )
    legal_form = models.CharField("forme juridique", max_length=255, blank=True)
    naf_code = models.CharField("code NAF", max_length=6, blank=True)
    size_band = models.CharField("effectif", max_length=2, choices=SizeBand.choices, blank=True)
    commune = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="commune",
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    website = models.URLField("site web", blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="actors", verbose_name="thèmes")
    notes = models.TextField("notes", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = "acteur"
        verbose_name_plural = "acteurs"
        ordering = ["normalized_name"]
        indexes = [
            models.Index(fields=["workspace", "kind"]),
            models.Index(fields=["workspace", "normalized_name"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.normalized_name = normalize(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("actors:actor-detail", args=[self.pk])

    # get_kind_display() rebuilds the choices at each call: lists of 100 rows use these.
    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def size_label(self):
        return SIZE_LABELS.get(self.size_band, "")


class Contact(models.Model):
    """A person at an actor. Personal data: shown to editors and admins only, and used for
    contact only with the recorded consent."""

    workspace_path = "actor__workspace"

    actor = models.ForeignKey(Actor, models.CASCADE, related_name="contacts")
    name = models.CharField("nom", max_length=200)
    role = models.CharField("fonction", max_length=200, blank=True)
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=30, blank=True)
    consent = models.BooleanField("accepte d'être contacté·e", default=False)
    consent_date = models.DateField("date du consentement", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "contact"
        verbose_name_plural = "contacts"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.actor})"
