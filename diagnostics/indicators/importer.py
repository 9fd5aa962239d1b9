"""The regional data import: staged, then written in one transaction.

1. The file is read and every row parsed (layouts.py); territories are looked up once each.
2. Errors are listed as {row, column, value, reason}: an unknown territory, a value that is
   not a number, a missing year, a row that repeats another (same territory, indicator, year
   and source). With any error nothing is written.
3. Otherwise values are upserted on (territory, indicator, year, source): new ones created,
   changed ones updated, the others left alone, so importing the same file twice changes
   nothing the second time.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from diagnostics.enums import IndicatorImportStatus
from diagnostics.indicators import layouts
from diagnostics.indicators.reading import FileError, read_table
from diagnostics.models import IndicatorImport, IndicatorValue
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import FormerCode, Territory
from essterritoire.territories.refs import TerritoryRefError, parse_ref

BATCH = 1000
PREVIEW_ROWS = 50
WRITING = "Écriture des valeurs"
MAX_ERRORS = 500
FIELDS = ("label", "value", "unit")


@dataclass
class Outcome:
    """What an import did, or would do: the --json object of import_indicators."""

    file_name: str = ""
    layout: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)
    preview: list = field(default_factory=list)  # the first values, for the upload page
    dry_run: bool = False
    batch_id: int | None = None

    def as_dict(self):
        keys = ("rows", "created", "updated", "unchanged", "errors")
        return {key: getattr(self, key) for key in keys}

    @property
    def layout_label(self):
        return layouts.LAYOUT_LABELS.get(self.layout, "")

    @property
    def values(self):
        return self.created + self.updated + self.unchanged


def import_file(path, source="", dry_run=False, user=None):
    """Import the file at `path` (see import_bytes)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        return Outcome(path.name, errors=[layouts.error(None, "", path.name, _os_reason(error))])
    return import_bytes(data, path.name, source=source, dry_run=dry_run, user=user)


def _os_reason(error):
    return "fichier introuvable" if isinstance(error, FileNotFoundError) else "fichier illisible"


def import_bytes(data, name, source="", dry_run=False, user=None, record=None, progress=None):
    """Validate the file's content, then (without errors and unless `dry_run`) write it.

    `record`: the IndicatorImport of an upload, written in the same transaction as the values
    (done); otherwise a new one is. `progress(percent, label)` is called between the steps,
    before the writing transaction (what it writes meanwhile is seen by other sessions).
    """
    progress = progress or _silent
    outcome = Outcome(name, dry_run=dry_run)
    values = _validated(data, name, source, outcome, progress)
    if values is None or outcome.errors:
        return outcome
    outcome.preview = values[:PREVIEW_ROWS]
    progress(70, "Comparaison avec les valeurs enregistrées" if dry_run else WRITING)
    with transaction.atomic():
        batch = None if dry_run else _batch(outcome, source, user, record)
        _upsert(values, batch, outcome)
        if batch is not None:
            _finish(batch, outcome)
        if dry_run:
            transaction.set_rollback(True)
    return outcome


def _silent(_percent, _label):
    """No progress to report (the command)."""


def _validated(data, name, source, outcome, progress=_silent):
    """The values to write, each with its `territory`; None (and errors) when unreadable."""
    progress(5, "Lecture du fichier")
    try:
        table = read_table(data, name)
    except FileError as problem:
        outcome.errors.append(layouts.error(None, "", name, str(problem)))
        return None
    try:
        outcome.layout = layouts.detect(table)
    except FileError as problem:
        outcome.errors.append(layouts.error(1, "", "", str(problem)))
        return None
    outcome.rows = len(table.rows)
    progress(20, "Contrôle des lignes")
    values, errors = layouts.parse(table, outcome.layout, source)
    progress(45, "Recherche des territoires")
    errors += _locate(values)
    progress(60, "Recherche des doublons")
    errors += _duplicates(values)
    errors.sort(key=lambda e: (e["row"] or 0, e["column"]))
    outcome.errors = errors[:MAX_ERRORS]
    if len(errors) > MAX_ERRORS:
        outcome.errors.append(
            layouts.error(None, "", "", f"{len(errors) - MAX_ERRORS} autres erreurs non listées")
        )
    return values


def _locate(values):
    """Set `territory` on every value; errors for the references that name none."""
    found = territories_for({value.ref for value in values})
    errors = []
    for value in values:
        territory = found[value.ref]
        if isinstance(territory, str):
            errors.append(layouts.error(value.line, value.ref_column, value.ref, territory))
        value.territory = territory
    return errors


def territories_for(refs):
    """{reference: Territory, or the reason it names none}, with one query per kind of
    territory and one for former commune codes (chunked), whatever the number of rows.
    Regional values are attached to official territories only: groupings are workspace data."""
    found, parsed = {}, {}
    for ref in refs:
        try:
            parsed[ref] = parse_ref(ref)
        except TerritoryRefError as problem:
            found[ref] = f"territoire illisible : {problem}"
    wanted = defaultdict(set)
    for kind, code in parsed.values():
        wanted[kind].add(code)
    known = _official(wanted)
    communes = wanted.get(Kind.COMMUNE, set())
    known.update(_former(communes - {code for kind, code in known if kind == Kind.COMMUNE}))
    for ref, (kind, code) in parsed.items():
        found[ref] = known.get((kind, code)) or _unknown(kind, code)
    return found


def _official(wanted):
    known = {}
    for kind, codes in wanted.items():
        if kind == Kind.GROUPING:
            continue
        for chunk in chunks(sorted(codes), BATCH):
            for territory in Territory.objects.filter(kind=kind, code__in=chunk):
                known[(kind, territory.code)] = territory
    return known


def _former(codes):
    known = {}
    for chunk in chunks(sorted(codes), BATCH):
        for former in FormerCode.objects.filter(code__in=chunk).select_related("commune"):
            known[(Kind.COMMUNE, former.code)] = former.commune
    return known


def _unknown(kind, code):
    if kind == Kind.GROUPING:
        return (
            "territoire non admis : les regroupements d'un espace de travail ne reçoivent pas "
            "de données régionales (indiquez des communes, EPCI, départements ou régions)"
        )
    return f"territoire inconnu : {kind}:{code}"


def chunks(items, size):
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _duplicates(values):
    seen, errors = {}, []
    for value in values:
        if isinstance(value.territory, str):
            continue
        key = (value.territory.pk, value.code, value.year, value.source)
        if key in seen:
            reason = (
                f"ligne en double : même territoire, indicateur, année et source que la ligne "
                f"{seen[key]}"
            )
            errors.append(layouts.error(value.line, value.column, value.code, reason))
        else:
            seen[key] = value.line
    return errors


def _batch(outcome, source, user, record=None):
    if record is None:
        return IndicatorImport.objects.create(
            file_name=outcome.file_name[:255], layout=outcome.layout, source=source, created_by=user
        )
    record.layout = outcome.layout
    return record


def _finish(batch, outcome):
    batch.rows, batch.created, batch.updated = outcome.rows, outcome.created, outcome.updated
    batch.unchanged, batch.status = outcome.unchanged, IndicatorImportStatus.DONE
    batch.progress, batch.progress_label, batch.token = 100, "", ""
    batch.updated_at = timezone.now()
    batch.save()
    outcome.batch_id = batch.pk


def _upsert(values, batch, outcome):
    now = timezone.now()
    for start in range(0, len(values), BATCH):
        chunk = values[start : start + BATCH]
        existing = _existing(chunk)
        new, changed = [], []
        for value in chunk:
            key = (value.territory.pk, value.code, value.year, value.source)
            row = existing.get(key)
            if row is None:
                new.append(_model(value, batch))
            elif (row.label, row.value, row.unit) != (value.label, value.value, value.unit):
                row.label, row.value, row.unit = value.label, value.value, value.unit
                row.batch, row.updated_at = batch, now
                changed.append(row)
        IndicatorValue.objects.bulk_create(new, batch_size=BATCH)
        IndicatorValue.objects.bulk_update(
            changed, [*FIELDS, "batch", "updated_at"], batch_size=BATCH
        )
        outcome.created += len(new)
        outcome.updated += len(changed)
        outcome.unchanged += len(chunk) - len(new) - len(changed)


def _existing(chunk):
    """{natural key: IndicatorValue} of the stored values among the chunk's keys."""
    rows = IndicatorValue.objects.filter(
        territory_id__in={v.territory.pk for v in chunk},
        indicator__in={v.code for v in chunk},
        year__in={v.year for v in chunk},
        source__in={v.source for v in chunk},
    )
    return {(r.territory_id, r.indicator, r.year, r.source): r for r in rows}


def _model(value, batch):
    return IndicatorValue(
        territory=value.territory,
        indicator=value.code,
        label=value.label[:255],
        year=value.year,
        value=value.value,
        unit=value.unit,
        source=value.source,
        batch=batch,
    )
