"""PTCE (pôles territoriaux de coopération économique, law 2014-856 art. 9): the pole, its
members, its animation cell year by year, its funding, mutualisations and cooperation projects.

Workspace data: a Ptce belongs to a workspace; everything else reaches it through the pole
(`workspace_path = "ptce__workspace"`). The rules (eligibility, figures, benchmark) live in
ptce/rules.py and read these models.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from actors.enums import ActorKind
from ptce import rules
from ptce.enums import (
    CooperationStatus,
    FundingNature,
    FundingOrigin,
    LegalForm,
    MemberType,
    MutualisationKind,
    PtceStage,
    Sector,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "validators": [MinValueValidator(Decimal(0))]}
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


def current_q(prefix="", today=None):
    """Members present on `today`: joined on or before it (or no date), not yet left."""
    today = today or timezone.localdate()
    joined = Q(**{f"{prefix}joined_on__isnull": True}) | Q(**{f"{prefix}joined_on__lte": today})
    stays = Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": today})
    return joined & stays


class PtceQuerySet(models.QuerySet):
    def search(self, text):
        text = " ".join((text or "").split())
        if not text:
            return self
        return self.filter(Q(name__icontains=text) | Q(description__icontains=text))

    def for_list(self):
        """What the list shows, in a fixed number of queries whatever the number of poles and
        members: perimeter, pilot, current members (for the count and eligibility)."""
        members = Member.objects.filter(current_q()).only(
            "ptce_id", "member_type", "joined_on", "left_on"
        )
        return self.select_related("perimeter", "pilot").prefetch_related(
            models.Prefetch("members", members, to_attr="current_members")
        )


class Ptce(models.Model):
    """A pôle territorial de coopération économique followed by the workspace."""

    workspace = models.ForeignKey("accounts.Workspace", models.CASCADE, related_name="ptces")
    name = models.CharField("nom", max_length=200)
    perimeter = models.ForeignKey(
        "territories.Territory",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="périmètre",
    )
    communes = models.ManyToManyField(
        "territories.Territory", blank=True, related_name="+", verbose_name="communes"
    )
    description = models.TextField("description", blank=True)
    stage = models.CharField(
        "stade", max_length=20, choices=PtceStage.choices, default=PtceStage.EMERGENCE
    )
    legal_form = models.CharField(
        "forme juridique", max_length=20, choices=LegalForm.choices, blank=True
    )
    governance = models.TextField("instances de gouvernance", blank=True)
    pilot = models.ForeignKey(
        "actors.Actor",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="piloted_ptces",
        verbose_name="structure pilote",
    )
    created_on = models.DateField("date de création", null=True, blank=True)
    sectors = models.JSONField("filières", default=list, blank=True)
    other_sectors = models.CharField("autres filières", max_length=255, blank=True)
    diagnostics = models.ManyToManyField(
        "diagnostics.Diagnostic",
        blank=True,
        related_name="ptces",
        verbose_name="diagnostics d'origine",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    objects = PtceQuerySet.as_manager()

    class Meta:
        verbose_name = "PTCE"
        verbose_name_plural = "PTCE"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["workspace", "name"],
                name="ptce_unique_name",
                violation_error_message="Un PTCE porte déjà ce nom dans cet espace.",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("ptce:ptce-detail", args=[self.pk])

    def clean(self):
        pilot = self.pilot_id and self.pilot
        if pilot and pilot.workspace_id != self.workspace_id:
            raise ValidationError(
                {"pilot": "Cet acteur n'appartient pas à l'espace de travail du pôle."}
            )
        grouping = self.perimeter_id and self.perimeter.workspace_id
        if grouping and grouping != self.workspace_id:
            raise ValidationError({"perimeter": "Ce regroupement appartient à un autre espace."})

    @property
    def sector_labels(self):
        """The filières in French, the free-text ones last."""
        labels = [Sector(value).label for value in self.sectors if value in Sector.values]
        return labels + ([self.other_sectors] if self.other_sectors else [])

    def eligibility_from(self, members, today=None):
        """Eligibility from already-fetched members (a list, every member or current ones)."""
        return rules.eligibility(self.legal_form, members, today or timezone.localdate())


def same_workspace(part, actor, field):
    """ValidationError when `actor` belongs to another workspace than the part's pole."""
    if actor and part.ptce_id and actor.workspace_id != part.ptce.workspace_id:
        raise ValidationError({field: "Cet acteur n'appartient pas à l'espace de travail du pôle."})


class PtcePart(models.Model):
    """What every part of a pole shares: the pole, the workspace path, the page anchor."""

    workspace_path = "ptce__workspace"
    anchor = ""  # the section of the pole's page showing the part
    label = ""  # with its article, for the activity log ("une mutualisation")

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return f"{self.ptce.get_absolute_url()}#{self.anchor}"


class Member(PtcePart):
    """An actor of the registry in a pole, with its article-9 type (suggested from the actor's
    kind), its role and its dates. Employees and budget are declared figures; without a
    declared number of employees, the actor's SIRENE band gives an estimate."""

    label = "un membre"
    anchor = "membres"

    ptce = models.ForeignKey(Ptce, models.CASCADE, related_name="members")
    actor = models.ForeignKey(
        "actors.Actor", models.CASCADE, related_name="ptce_memberships", verbose_name="acteur"
    )
    member_type = models.CharField("type (article 9)", max_length=20, choices=MemberType.choices)
    role = models.CharField("rôle dans le pôle", max_length=200, blank=True)
    joined_on = models.DateField("entré le", null=True, blank=True)
    left_on = models.DateField("sorti le", null=True, blank=True)
    employees = models.PositiveIntegerField("salariés (déclarés)", null=True, blank=True)
    budget = models.DecimalField("budget annuel (€)", null=True, blank=True, **MONEY)

    class Meta:
        verbose_name = "membre"
        verbose_name_plural = "membres"
        ordering = ["actor__normalized_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ptce", "actor"],
                name="ptce_member_unique",
                violation_error_message="Cet acteur est déjà membre du pôle.",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(left_on__gte=models.F("joined_on")),
                name="ptce_member_dates",
                violation_error_message="La date de sortie précède la date d'entrée.",
            ),
        ]

    def __str__(self):
        return f"{self.actor} ({self.get_member_type_display()})"

    def clean(self):
        same_workspace(self, self.actor_id and self.actor, "actor")

    @property
    def size_band(self):
        """The actor's SIRENE band, else its establishment's ("" when unknown)."""
        actor = self.actor
        if actor.size_band:
            return actor.size_band
        try:
            establishment = actor.establishment
        except ObjectDoesNotExist:  # the FK has no constraint: the row may be gone
            establishment = None
        return establishment.size_band if establishment else ""

    @property
    def siret(self):
        return self.actor.siret

    @property
    def is_current(self):
        return rules.is_current(self, timezone.localdate())

    @property
    def employees_figure(self):
        """(employees, how) as the consolidated figures count them."""
        return rules.member_employees(self)


class AnimationYear(PtcePart):
    """The pole's animation cell in one year: its budget, staff and self-financed part."""

    label = "une année de la cellule d'animation"
    anchor = "animation"

    ptce = models.ForeignKey(Ptce, models.CASCADE, related_name="animation_years")
    year = models.PositiveSmallIntegerField("année", validators=YEAR_VALIDATORS)
    budget = models.DecimalField("budget de fonctionnement (€)", **MONEY)
    fte = models.DecimalField(
        "équivalents temps plein",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    self_financed = models.DecimalField("montant autofinancé (€)", **MONEY)

    class Meta:
        verbose_name = "année de la cellule d'animation"
        verbose_name_plural = "années de la cellule d'animation"
        ordering = ["year"]
        constraints = [
            models.UniqueConstraint(
                fields=["ptce", "year"],
                name="ptce_animation_year_unique",
                violation_error_message="Cette année est déjà renseignée pour ce pôle.",
            ),
        ]

    def __str__(self):
        return f"Cellule d'animation {self.year}"

    def clean(self):
        if None not in (self.budget, self.self_financed) and self.self_financed > self.budget:
            raise ValidationError(
                {"self_financed": "Le montant autofinancé dépasse le budget de l'année."}
            )

    @property
    def self_financing_share(self):
        """Percent of the budget self-financed (one decimal), None for a zero budget."""
        return rules.self_financing_share(self.budget, self.self_financed)


class FundingLine(PtcePart):
    """Money the pole received in a year, from a funder of the registry or a named one."""

    label = "une ligne de financement"
    anchor = "financements"

    ptce = models.ForeignKey(Ptce, models.CASCADE, related_name="funding_lines")
    year = models.PositiveSmallIntegerField("année", validators=YEAR_VALIDATORS)
    funder_actor = models.ForeignKey(
        "actors.Actor",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="ptce_fundings",
        verbose_name="financeur (registre)",
    )
    funder = models.CharField("financeur (nom)", max_length=200, blank=True)
    amount = models.DecimalField("montant (€)", **MONEY)
    nature = models.CharField("nature", max_length=20, choices=FundingNature.choices)
    origin = models.CharField("origine", max_length=10, choices=FundingOrigin.choices)
    is_collectivite = models.BooleanField("financement d'une collectivité", default=False)
    purpose = models.CharField("objet", max_length=255, blank=True)

    class Meta:
        verbose_name = "ligne de financement"
        verbose_name_plural = "lignes de financement"
        ordering = ["year", "-amount", "pk"]

    def __str__(self):
        return f"{self.funder_name} {self.year}"

    def clean(self):
        self.funder = " ".join(self.funder.split())
        if not self.funder_actor_id and not self.funder:
            raise ValidationError(
                {"funder": "Choisissez un financeur du registre ou saisissez son nom."}
            )
        funder = self.funder_actor_id and self.funder_actor
        same_workspace(self, funder, "funder_actor")
        if funder and not self.funder:  # the name stays if the actor leaves the registry
            self.funder = funder.name[:200]
        if funder and funder.kind == ActorKind.COLLECTIVITE:
            self.is_collectivite = True
        if self.is_collectivite and self.origin == FundingOrigin.PRIVATE:
            raise ValidationError(
                {"origin": "Le financement d'une collectivité est d'origine publique."}
            )

    @property
    def funder_name(self):
        return self.funder_actor.name if self.funder_actor_id else self.funder


class Mutualisation(PtcePart):
    """Something members share: premises, skills, services, equipment, purchases, jobs."""

    label = "une mutualisation"
    anchor = "mutualisations"

    ptce = models.ForeignKey(Ptce, models.CASCADE, related_name="mutualisations")
    kind = models.CharField("type", max_length=20, choices=MutualisationKind.choices)
    description = models.TextField("description")
    members = models.ManyToManyField(
        Member, blank=True, related_name="mutualisations", verbose_name="membres concernés"
    )

    class Meta:
        verbose_name = "mutualisation"
        verbose_name_plural = "mutualisations"
        ordering = ["kind", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.description[:60]}"


class CooperationProject(PtcePart):
    """A project members carry together within the pole."""

    label = "un projet de coopération"
    anchor = "cooperations"

    ptce = models.ForeignKey(Ptce, models.CASCADE, related_name="cooperation_projects")
    title = models.CharField("titre", max_length=255)
    description = models.TextField("description", blank=True)
    members = models.ManyToManyField(
        Member, blank=True, related_name="cooperation_projects", verbose_name="membres engagés"
    )
    status = models.CharField(
        "état", max_length=20, choices=CooperationStatus.choices, default=CooperationStatus.PLANNED
    )
    start_on = models.DateField("début", null=True, blank=True)
    end_on = models.DateField("fin", null=True, blank=True)

    class Meta:
        verbose_name = "projet de coopération"
        verbose_name_plural = "projets de coopération"
        ordering = ["start_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True)
                | Q(start_on__isnull=True)
                | Q(end_on__gte=models.F("start_on")),
                name="ptce_cooperation_dates",
                violation_error_message="La date de fin précède la date de début.",
            ),
        ]

    def __str__(self):
        return self.title
