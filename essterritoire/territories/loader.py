"""Load the COG data file into Territory and FormerCode rows: an idempotent bulk upsert.

Rows are compared with what the database holds, so a second run of the same file writes
nothing. Official territories missing from the file are kept (diagnostics may point to them)
and counted; former codes missing from it are deleted, as nothing points to them.
"""

from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from essterritoire.territories import cog
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import FormerCode, Territory
from essterritoire.territories.text import normalize

FIELDS = (
    "name",
    "search_name",
    "population",
    "epci_kind",
    "departement_id",
    "region_id",
    "epci_id",
)
BLANK = {
    "population": None,
    "epci_kind": "",
    "departement_id": None,
    "region_id": None,
    "epci_id": None,
}


@dataclass
class Outcome:
    """What a load did to one kind of row; `label` is plural, `feminine` drives the agreement."""

    label: str
    feminine: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    kept: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged

    @property
    def changed(self):
        return bool(self.created or self.updated or self.deleted)

    def agree(self, count, word):
        return f"{count} {word}{'e' if self.feminine else ''}{'s' if count > 1 else ''}"

    def line(self):
        parts = [self.agree(self.created, "créé"), self.agree(self.updated, "modifié")]
        parts.append(self.agree(self.unchanged, "inchangé"))
        if self.deleted:
            parts.append(self.agree(self.deleted, "supprimé"))
        if self.kept:
            parts.append(f"{self.kept} absent(s) du fichier, conservé(s)")
        return f"{self.total} {self.label} : {', '.join(parts)}"


def load(data):
    """Upsert every territory and former code of `data` (see cog.read); one Outcome per kind."""
    populations = _populations(data["com"])
    with transaction.atomic():
        regions = _upsert(Kind.REGION, _regions(data, populations))
        departements = _upsert(Kind.DEPARTEMENT, _departements(data, populations))
        epcis = _upsert(Kind.EPCI, _epcis(data))
        communes = _upsert(Kind.COMMUNE, _communes(data))
        former = _upsert_former_codes(data["old"])
    return [regions, departements, epcis, communes, former]


def _populations(rows):
    """{(kind, code): population} summed over the communes of each département and région."""
    totals = Counter()
    for _code, _name, dep, reg, population in rows:
        if population is not None:
            totals[(Kind.DEPARTEMENT, dep)] += population
            totals[(Kind.REGION, reg)] += population
    return totals


def _regions(data, populations):
    return {
        code: {"name": name, "population": populations.get((Kind.REGION, code))}
        for code, name, *_ in data["reg"]
    }


def _departements(data, populations):
    region_ids = _ids(Kind.REGION)
    return {
        code: {
            "name": name,
            "population": populations.get((Kind.DEPARTEMENT, code)),
            "region_id": _lookup(region_ids, region, f"région du département {code}"),
        }
        for code, name, region in data["dep"]
    }


def _epcis(data):
    return {
        code: {"name": name, "epci_kind": kind, "population": population}
        for code, name, kind, population, _members in data["epci"]
    }


def _communes(data):
    region_ids, departement_ids = _ids(Kind.REGION), _ids(Kind.DEPARTEMENT)
    epci_ids = _ids(Kind.EPCI)
    epci_of = {member: epci_ids[code] for code, *_, members in data["epci"] for member in members}
    return {
        code: {
            "name": name,
            "population": population,
            "departement_id": _lookup(departement_ids, dep, f"département de la commune {code}"),
            "region_id": _lookup(region_ids, reg, f"région de la commune {code}"),
            "epci_id": epci_of.get(code),
        }
        for code, name, dep, reg, population in data["com"]
    }


def _ids(kind):
    return dict(Territory.objects.filter(kind=kind).values_list("code", "pk"))


def _lookup(ids, code, what):
    if code not in ids:
        raise cog.CogFileError(f"Code inconnu dans le fichier : {code} ({what}).")
    return ids[code]


def _upsert(kind, wanted):
    outcome = Outcome(*LABELS[kind])
    existing = {
        row["code"]: row
        for row in Territory.objects.filter(kind=kind).values("pk", "code", *FIELDS)
    }
    to_create, to_update = [], []
    for code, values in wanted.items():
        values = {**BLANK, **values, "search_name": normalize(values["name"])}
        row = existing.get(code)
        if row is None:
            to_create.append(Territory(kind=kind, code=code, **values))
        elif any(row[field] != value for field, value in values.items()):
            to_update.append(Territory(pk=row["pk"], kind=kind, code=code, **values))
    Territory.objects.bulk_create(to_create, batch_size=2000)
    Territory.objects.bulk_update(to_update, FIELDS, batch_size=500)
    outcome.created, outcome.updated = len(to_create), len(to_update)
    outcome.unchanged = len(wanted) - outcome.created - outcome.updated
    outcome.kept = len(existing.keys() - wanted.keys())
    return outcome


def _upsert_former_codes(rows):
    commune_ids = _ids(Kind.COMMUNE)
    wanted = {
        old: (name, _lookup(commune_ids, commune, f"commune actuelle de l'ancien code {old}"))
        for old, name, commune in rows
    }
    existing = {former.code: former for former in FormerCode.objects.all()}
    to_create = [
        FormerCode(code=code, name=name, commune_id=commune_id)
        for code, (name, commune_id) in wanted.items()
        if code not in existing
    ]
    to_update = []
    for former in existing.values():
        if former.code in wanted and (former.name, former.commune_id) != wanted[former.code]:
            former.name, former.commune_id = wanted[former.code]
            to_update.append(former)
    stale = existing.keys() - wanted.keys()
    FormerCode.objects.filter(code__in=stale).delete()
    FormerCode.objects.bulk_create(to_create, batch_size=2000)
    FormerCode.objects.bulk_update(to_update, ["name", "commune"], batch_size=500)
    outcome = Outcome("anciens codes", False, len(to_create), len(to_update), deleted=len(stale))
    outcome.unchanged = len(wanted) - outcome.created - outcome.updated
    return outcome


LABELS = {
    Kind.REGION: ("régions", True),
    Kind.DEPARTEMENT: ("départements", False),
    Kind.EPCI: ("EPCI", False),
    Kind.COMMUNE: ("communes", True),
}
