"""Official territories (COG) and the custom groupings of communes a workspace creates."""

from django.db import models
from django.db.models.functions import Lower

from essterritoire.territories.enums import EpciKind, Kind
from essterritoire.territories.text import normalize


class TerritoryQuerySet(models.QuerySet):
    def official(self):
        return self.exclude(kind=Kind.GROUPING)

    def communes(self):
        return self.filter(kind=Kind.COMMUNE)

    def visible_to_workspaces(self, workspace_ids):
        """Official territories, plus the groupings of the given workspaces."""
        return self.filter(
            models.Q(workspace__isnull=True) | models.Q(workspace_id__in=list(workspace_ids))
        )


class Territory(models.Model):
    """A place a diagnostic can be about: a commune, EPCI, département, région or a grouping.

    One table for every kind, so a diagnostic, an indicator value or a PTCE perimeter points to
    "a territory" whatever its kind. A territory is typed as KIND:CODE (`com:44003`); codes are
    strings (leading zeros, 2A/2B). Communes carry their département, région and EPCI so that
    data attached to a commune aggregates to every level with one join.
    """

    kind = models.CharField("type", max_length=4, choices=Kind.choices)
    code = models.CharField("code", max_length=64)
    name = models.CharField("nom", max_length=200)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    population = models.PositiveIntegerField("population", null=True, blank=True)
    epci_kind = models.CharField("nature", max_length=5, choices=EpciKind.choices, blank=True)
    departement = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="département"
    )
    region = models.ForeignKey(
        "self", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="région"
    )
    epci = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="EPCI"
    )
    # Groupings only: the workspace that owns it, its description and its communes.
    workspace = models.ForeignKey(
        "accounts.Workspace",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="groupings",
        verbose_name="espace de travail",
    )
    description = models.TextField("description", blank=True)
    members = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="groupings", verbose_name="communes"
    )
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = "territoire"
        verbose_name_plural = "territoires"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="territory_kind_code_unique"),
        ]
        indexes = [
            models.Index(fields=["kind", "departement"]),
            models.Index(fields=["kind", "region"]),
            models.Index(fields=["kind", "epci"]),
            models.Index(Lower("code"), name="territory_code_lower"),
        ]

    def __str__(self):
        return f"{self.name} ({self.ref})"

    def save(self, *args, **kwargs):
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("territories:detail", args=[self.kind, self.code])

    @property
    def ref(self):
        """The KIND:CODE name of this territory, as people and commands type it."""
        return f"{self.kind}:{self.code}"

    def communes(self):
        """The current communes this territory covers, as a queryset."""
        qs = Territory.objects.filter(kind=Kind.COMMUNE)
        if self.kind == Kind.COMMUNE:
            return qs.filter(pk=self.pk)
        if self.kind == Kind.GROUPING:
            return qs.filter(groupings=self)
        field = {Kind.EPCI: "epci", Kind.DEPARTEMENT: "departement", Kind.REGION: "region"}
        return qs.filter(**{field[self.kind]: self})


class FormerCode(models.Model):
    """An INSEE code that no longer names a current commune, and the commune it resolves to.

    Comes from the COG's `anciensCodes`, from delegated and associated communes and from the
    municipal arrondissements of Paris, Lyon and Marseille (SIRENE locates establishments there).
    """

    code = models.CharField("ancien code", max_length=5, unique=True)
    name = models.CharField("nom", max_length=200, blank=True)
    commune = models.ForeignKey(
        Territory, models.CASCADE, related_name="former_codes", verbose_name="commune actuelle"
    )

    class Meta:
        verbose_name = "ancien code commune"
        verbose_name_plural = "anciens codes communes"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} → {self.commune.code}"
