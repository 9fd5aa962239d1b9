"""Which territories the stored SIRENE establishments cover, and the vintage of the data.

An import may keep only some territories (the CC du Pays d'Ancenis, a région): the
establishments of a département are then only those of its imported communes, and its counts
would mislead. Figures of a territory are shown only when every one of its communes lies in
the territories of a finished import; France only after an import of the whole country. When
no import was ever recorded (establishments loaded otherwise), coverage cannot be known and
every territory counts as covered.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q

from actors.enums import ImportStatus
from actors.models import ImportBatch
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory
from essterritoire.territories.refs import TerritoryRefError, parse_ref

KIND_FIELDS = {Kind.EPCI: "epci", Kind.DEPARTEMENT: "departement", Kind.REGION: "region"}


@dataclass
class Coverage:
    recorded: bool = False
    national: bool = False
    imported: list = field(default_factory=list)  # Territory objects of the imports
    last_import: datetime | None = None

    @property
    def complete(self):
        return self.national or not self.recorded

    def covered_ids(self, territories):
        """The pks of `territories` (any kinds) whose communes are all covered."""
        territories = [t for t in territories if t is not None]
        if self.complete:
            return {t.pk for t in territories}
        if not self.imported:
            return set()
        return _covered(territories, _union(self.imported))

    def covers(self, territory):
        """True when the figures of `territory` (None for France) are complete."""
        if territory is None:
            return self.complete
        return territory.pk in self.covered_ids([territory])


def sirene_coverage():
    """The Coverage of the finished, real (not simulated) SIRENE imports; two queries."""
    batches = ImportBatch.objects.filter(
        source="sirene", status=ImportStatus.DONE, dry_run=False
    ).order_by("-finished_at")
    coverage = Coverage()
    refs = set()
    for options, finished_at in batches.values_list("options", "finished_at"):
        if not coverage.recorded:
            coverage.recorded, coverage.last_import = True, finished_at
        imported = (options or {}).get("territories") or []
        if not imported:
            coverage.national = True
            return coverage
        refs.update(imported)
    coverage.imported = _territories(refs)
    return coverage


def _territories(refs):
    wanted = Q()
    for ref in refs:
        try:
            kind, code = parse_ref(ref)
        except (TerritoryRefError, TypeError):
            continue
        wanted |= Q(kind=kind, code=code)
    return list(Territory.objects.filter(wanted)) if wanted else []


def _union(imported):
    communes = Q()
    for territory in imported:
        communes |= Q(pk__in=territory.communes().values("pk"))
    return Territory.objects.communes().filter(communes).values("pk")


def _covered(territories, covered_communes):
    """One query per kind of territory: those whose communes are all in `covered_communes`."""
    ids = set()
    by_kind = {}
    for territory in territories:
        by_kind.setdefault(territory.kind, []).append(territory)
    for kind, group in by_kind.items():
        key = KIND_FIELDS.get(kind, "pk" if kind == Kind.COMMUNE else "groupings")
        counts = (
            Territory.objects.communes()
            .filter(**{f"{key}__in": [t.pk for t in group]})
            .values(key)
            .annotate(total=Count("pk"), covered=Count("pk", filter=Q(pk__in=covered_communes)))
        )
        ids.update(row[key] for row in counts if row["total"] == row["covered"])
    return ids
