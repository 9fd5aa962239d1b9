"""SIRENE reference data (instance-wide, public): legal units, establishments, nomenclatures,
the ESS classification rules and the import batches that brought the data in."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from actors.enums import Family, ImportStatus, RuleKind, SizeBand


class LegalCategory(models.Model):
    """INSEE catégorie juridique, level III (4 digits)."""

    code = models.CharField("code", max_length=4, primary_key=True)
    label = models.CharField("libellé", max_length=255)

    class Meta:
        verbose_name = "catégorie juridique"
        verbose_name_plural = "catégories juridiques"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.label}"


class NafCode(models.Model):
    """A NAF rév. 2 code at any level (division "88", group "88.9", sub-class "88.99B")."""

    code = models.CharField("code", max_length=6, primary_key=True)
    label = models.CharField("libellé", max_length=255)
    section = models.CharField("section", max_length=1, blank=True)
    level = models.PositiveSmallIntegerField("niveau")

    class Meta:
        verbose_name = "code NAF"
        verbose_name_plural = "codes NAF"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} — {self.label}"


class ClassificationRule(models.Model):
    """One rule of the ESS classification, kept as data so staff can read and change it.

    Applied in order of `kind` (NAF exclusions, then legal categories, then the ESS flag):
    a NAF exclusion matches codes starting with `value` ("84" or "94.11Z"); a legal-category
    rule matches the exact 4-digit code; the ESS-flag rule matches the legal unit's
    economieSocialeSolidaireUniteLegale value ("O").
    """

    kind = models.CharField("type de règle", max_length=20, choices=RuleKind.choices)
    value = models.CharField("valeur", max_length=10)
    family = models.CharField("famille", max_length=20, choices=Family.choices)
    note = models.CharField("commentaire", max_length=255, blank=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "règle de classification ESS"
        verbose_name_plural = "règles de classification ESS"
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="rule_kind_value_unique"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.value} → {self.get_family_display()}"


class ImportBatch(models.Model):
    """One run of an import: its files, who ran it, progress and the summary it produced."""

    source = models.CharField("source", max_length=30, default="sirene")
    files = models.CharField("fichiers", max_length=500)
    options = models.JSONField("options", default=dict, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    progress_label = models.CharField("étape", max_length=200, blank=True)
    summary = models.JSONField("bilan", default=dict, blank=True)
    dry_run = models.BooleanField("simulation", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("lancé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "import"
        verbose_name_plural = "imports"
        ordering = ["-created_at"]

    def __str__(self):
        return f"Import {self.source} du {self.created_at:%d/%m/%Y %H:%M}"


class LegalUnit(models.Model):
    """A SIRENE legal unit (unité légale), with what the ESS classification needs."""

    siren = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("dénomination", max_length=255, blank=True)
    legal_category = models.CharField("catégorie juridique", max_length=4, blank=True)
    ess_flag = models.CharField("indicateur ESS", max_length=1, blank=True)
    # No database constraint nor index: the import writes the id of a batch it has just
    # created or read, in the same transaction, and Django itself sets it to NULL when a
    # batch is deleted (a scan, for a rare staff action); nothing reads rows by batch.
    batch = models.ForeignKey(
        ImportBatch,
        models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )

    class Meta:
        verbose_name = "unité légale"
        verbose_name_plural = "unités légales"

    def __str__(self):
        return f"{self.name or '[ND]'} ({self.siren})"


class EstablishmentQuerySet(models.QuerySet):
    def search(self, text):
        """By SIRET or SIREN when `text` is digits (spaces ignored), else by name."""
        digits = text.replace(" ", "")
        if digits.isdigit():
            return self.filter(siret__startswith=digits)
        return self.filter(name__icontains=text.strip())

    def active(self):
        return self.filter(active=True)

    def ess(self):
        from actors.enums import ESS_FAMILIES

        return self.filter(family__in=ESS_FAMILIES)

    def in_territory(self, territory):
        """Establishments located in `territory`, through the codes stored beside each row."""
        from essterritoire.territories.enums import Kind

        field = {
            Kind.COMMUNE: "commune_code",
            Kind.EPCI: "epci_code",
            Kind.DEPARTEMENT: "departement_code",
            Kind.REGION: "region_code",
        }.get(territory.kind)
        if field:
            return self.filter(**{field: territory.code})
        return self.filter(commune_code__in=territory.communes().values("code"))


class Establishment(models.Model):
    """A SIRENE establishment (établissement), located and classified.

    The EPCI, département and région codes are stored beside the commune so that counts by
    territory are one indexed filter, with no join. Each code has an index of the active
    establishments only, which every count reads (the indicators, the registry's searches):
    a third of the rows are closed ones, and the four narrow indexes are built again after a
    first import in a quarter of the time four (code, family, active) ones took.
    """

    siret = models.CharField("SIRET", max_length=14, primary_key=True)
    # No index: nothing looks establishments up by SIREN (the legal unit is found by its key).
    siren = models.CharField("SIREN", max_length=9)
    name = models.CharField("nom", max_length=255, blank=True)
    non_diffusible = models.BooleanField("non diffusible", default=False)
    commune_code = models.CharField("commune", max_length=5)
    epci_code = models.CharField("EPCI", max_length=9, blank=True)
    departement_code = models.CharField("département", max_length=3)
    region_code = models.CharField("région", max_length=3)
    naf_code = models.CharField("code NAF", max_length=6, blank=True)
    naf_nomenclature = models.CharField("nomenclature NAF", max_length=8, blank=True)
    size_band = models.CharField(
        "tranche d'effectifs", max_length=2, choices=SizeBand.choices, blank=True
    )
    employer = models.BooleanField("employeur", default=False)
    active = models.BooleanField("actif", default=True)
    legal_category = models.CharField("catégorie juridique", max_length=4, blank=True)
    ess_flag = models.CharField("indicateur ESS", max_length=1, blank=True)
    family = models.CharField(
        "famille ESS", max_length=20, choices=Family.choices, default=Family.UNCLASSIFIED
    )
    address = models.CharField("adresse", max_length=255, blank=True)
    # No database constraint nor index: the import writes the id of a batch it has just
    # created or read, in the same transaction, and Django itself sets it to NULL when a
    # batch is deleted (a scan, for a rare staff action); nothing reads rows by batch.
    batch = models.ForeignKey(
        ImportBatch,
        models.SET_NULL,
        null=True,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    imported_at = models.DateTimeField("importé le", null=True)

    objects = EstablishmentQuerySet.as_manager()

    class Meta:
        verbose_name = "établissement SIRENE"
        verbose_name_plural = "établissements SIRENE"
        ordering = ["name"]
        indexes = [
            models.Index(fields=[field], condition=Q(active=True), name=f"establishment_{field}")
            for field in ("commune_code", "epci_code", "departement_code", "region_code")
        ]

    def __str__(self):
        return f"{self.display_name} ({self.siret})"

    @property
    def display_name(self):
        return "[ND] non diffusible" if self.non_diffusible and not self.name else self.name
