"""The SIRENE import service: staged, then written in one transaction.

On PostgreSQL the files are copied into staging tables and the rest is done in SQL
(postgres.py); a file COPY does not read as the csv module does is left to the Python reading
below, which reports what is wrong with it. Other databases (SQLite), the Python reading:

1. The establishments file is streamed once (csv module): every row is checked; rows located
   in the territories are parsed and spooled to a temporary file (marshal batches), so memory
   holds only their SIRET and SIREN sets.
2. The legal units file is streamed, keeping the legal units those establishments need; the
   ones it lacks are looked up among the stored legal units.
3. Any error: nothing is written and the summary lists the errors (row, column, value,
   reason). Otherwise, in one transaction, legal units then establishments are upserted by
   SIREN and SIRET (see writers), each establishment classified on the way.
"""

import marshal
import tempfile
from operator import itemgetter
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from actors.enums import ImportStatus
from actors.models import Establishment, ImportBatch, LegalUnit
from actors.sirene import parsing, writers
from actors.sirene.classify import LegalUnitInfo, Rules, classify
from actors.sirene.locate import places, territories_from
from actors.sirene.nomenclatures import nomenclatures_ensure
from actors.sirene.summary import Summary

ESTABLISHMENT_COLUMNS = writers.ESTABLISHMENT_COLUMNS
LEGAL_UNIT_COLUMNS = writers.LEGAL_UNIT_COLUMNS
# The databases where the import runs in SQL (tests empty it to run the Python reading).
SQL_VENDORS = {"postgresql"}
SPOOL_BATCH = 10_000
PROGRESS_EVERY = 50_000
READING = "Lecture des établissements"


def import_sirene(
    etablissements, unites_legales=None, territories=(), dry_run=False, batch=None, progress=None
):
    """Import a StockEtablissement file, and its StockUniteLegale file, into the establishments.

    `territories`: Territory objects or KIND:CODE references (default: all of France);
    `dry_run`: everything is done then rolled back, so the counts are those a real run would
    give; `batch`: the ImportBatch of this run (the upload page's, updated by its caller), else
    one is recorded with the data when something is written; `progress(percent, label)` is
    called on the way. Returns the summary dict (summary.Summary.as_dict): nothing was written
    when its "errors" list is not empty.
    """
    located = places(territories_from(territories))
    if connection.vendor in SQL_VENDORS:
        from actors.sirene import postgres  # psycopg2, needed on PostgreSQL only

        job = Job(etablissements, unites_legales, progress, located)
        if postgres.import_files(job, territories, dry_run, batch):
            return job.summary.as_dict()
    job = Job(etablissements, unites_legales, progress, located)
    with tempfile.TemporaryFile() as spool:
        needed = job.scan_establishments(spool)
        units = job.read_legal_units(needed)
        if not job.summary.errors:
            units.update(stored_legal_units(needed - units.keys()))
            spool.seek(0)
            job.write(territories, dry_run, batch, writes(job, spool, units))
    return job.summary.as_dict()


class Job:
    """One import run: its files, the places kept, the summary being built."""

    def __init__(self, etablissements, unites_legales, progress, located):
        self.etablissements = Path(etablissements)
        self.unites_legales = Path(unites_legales) if unites_legales else None
        self.progress = progress or (lambda percent, label: None)
        self.summary = Summary()
        self.places = located
        self.from_file = set()

    def error(self, path, row, column, value, reason):
        """Record an error; False when the reading should stop (too many)."""
        return self.summary.add_error(path.name, row, column, value, reason)

    def table(self, path, wanted, span, label):
        """Yield ({column: position}, width) once the header is read, then (line, row) for
        every row; a file that cannot be read yields nothing, its error recorded."""
        try:
            with parsing.open_binary(path) as (stream, size):
                reader = parsing.text_reader(stream)
                yield parsing.read_header(reader, *wanted)
                for count, row in enumerate(reader, start=1):
                    if count % PROGRESS_EVERY == 0:
                        self.report(stream.tell() / (size or 1), span, label)
                    yield reader.line_num, row
        except parsing.SireneFileError as error:
            self.error(path, error.row, error.column, error.value, error.reason)
        except UnicodeDecodeError:
            row, shown = parsing.locate_decoding_error(path)
            self.error(path, row, "", shown, parsing.NOT_UTF8)
        except (parsing.csv.Error, OSError, EOFError) as error:
            self.error(path, None, "", "", f"fichier illisible ({error})")

    def report(self, done, span, label):
        start, end = span
        self.progress(int(start + (end - start) * min(done, 1)), label)

    def scan_establishments(self, spool):
        """Check every row and spool the located ones; the SIRENs they need."""
        self.progress(0, READING)
        wanted = (parsing.ESTABLISHMENT_REQUIRED, parsing.ESTABLISHMENT_OPTIONAL)
        table = self.table(self.etablissements, wanted, (0, 60), READING)
        header = next(table, None)
        spooler = Spooler(spool)
        if header is not None:
            scan_rows(self, table, *header, spooler)
            table.close()
        spooler.flush()
        return spooler.sirens

    def read_legal_units(self, needed):
        """{siren: LegalUnitInfo} of the file's legal units that `needed` holds."""
        if self.unites_legales is None or self.summary.errors:
            return {}
        label = "Lecture des unités légales"
        self.progress(60, label)
        wanted = (parsing.LEGAL_UNIT_REQUIRED, ())
        table = self.table(self.unites_legales, wanted, (60, 80), label)
        header = next(table, None)
        units = read_unit_rows(self, table, *header, needed) if header else {}
        table.close()
        self.from_file = set(units)
        return units

    def write(self, territories, dry_run, batch, writes):
        """Run `writes(batch_id)`, which returns the (created, updated) establishments, in one
        transaction with the batch record (rolled back if dry)."""
        self.progress(80, "Écriture en base")
        with transaction.atomic():
            nomenclatures_ensure()
            own = None if batch or dry_run else self.new_batch(territories)
            batch_id = (batch or own).pk if (batch or own) else None
            self.record(*writes(batch_id))
            if own is not None:
                finish_batch(own, self.summary.as_dict())
            if dry_run:
                transaction.set_rollback(True)
        self.progress(100, "Terminé")

    def record(self, created, updated):
        summary = self.summary
        summary.created, summary.updated = created, updated
        summary.unchanged = summary.closed + summary.active - created - updated

    def new_batch(self, territories):
        files = [path.name for path in (self.etablissements, self.unites_legales) if path]
        return ImportBatch.objects.create(
            files=", ".join(files),
            options={"territories": [getattr(t, "ref", t) for t in territories]},
            status=ImportStatus.RUNNING,
            progress_label="Import en ligne de commande",
        )


def writes(job, spool, units):
    """The writes of the Python reading: legal units and the spooled establishments,
    classified and counted on the way."""

    def write(batch_id):
        unit_rows = [(siren, *units[siren]) for siren in job.from_file]
        writers.upsert(LegalUnit, LEGAL_UNIT_COLUMNS, unit_rows, {"batch_id": batch_id})
        rows = classified(read_spool(spool), units, Rules.load(), job.summary)
        extra = {"batch_id": batch_id, "imported_at": timezone.now()}
        return writers.upsert(Establishment, ESTABLISHMENT_COLUMNS, rows, extra)

    return write


def finish_batch(batch, summary, status=ImportStatus.DONE):
    """Record the outcome of a run on its batch."""
    batch.summary, batch.status, batch.finished_at = summary, status, timezone.now()
    batch.progress, batch.progress_label = 100, ImportStatus(status).label
    batch.save(update_fields=["summary", "status", "finished_at", "progress", "progress_label"])


# Positions in a located row: parsing.Establishment's fields, with the commune code followed
# by the EPCI, département and région codes (a plain tuple, for marshal).
SIREN, NAME, NAF, BAND, EMPLOYER, ACTIVE, ADDRESS = 1, 2, 8, 10, 11, 12, 13


def located(row, place):
    """A parsing.Establishment placed in (commune, epci, département, région)."""
    return (*row[:4], *place, *row[5:])


class Spooler:
    """Located rows written to a temporary file in marshal batches; their SIRETs and SIRENs."""

    def __init__(self, file):
        self.file, self.rows, self.sirets, self.sirens = file, [], set(), set()

    def add(self, row):
        self.rows.append(row)
        self.sirets.add(row[0])
        self.sirens.add(row[SIREN])
        if len(self.rows) >= SPOOL_BATCH:
            self.flush()

    def flush(self):
        if self.rows:
            marshal.dump(self.rows, self.file)
            self.rows = []


def read_spool(file):
    while True:
        try:
            rows = marshal.load(file)  # noqa: S302 - our own spool file, written above
        except EOFError:
            return
        yield from rows


def scan_rows(job, table, index, width, spooler):
    """The establishments pass: rows checked, located ones parsed and spooled. Every row goes
    through this loop: its checks are inlined (parsing.row_problem says the same)."""
    located, path, rows, outside = job.places, job.etablissements, 0, 0
    siret_at, commune_at = index["siret"], index["codeCommuneEtablissement"]
    names = (*parsing.ESTABLISHMENT_REQUIRED, *parsing.ESTABLISHMENT_OPTIONAL)
    values_of = itemgetter(*[index[name] for name in names])
    for line, row in table:
        rows += 1
        siret = row[siret_at] if len(row) == width else ""
        if len(siret) == 14 and siret.isdigit() and siret.isascii():
            place = located.get(row[commune_at].strip())
            if place is None:
                outside += 1
                continue
            row.append("")  # the value of the optional columns the file lacks
            problem = keep(spooler, values_of(row), place)
        else:
            problem = parsing.row_problem(row, width, siret_at)
        if problem and not job.error(path, line, *problem):
            break
    job.summary.rows, job.summary.outside = rows, outside


def keep(spooler, values, place):
    """Parse and spool a located row; (column, value, reason) when it cannot be imported."""
    try:
        row = parsing.parse_establishment(values)
    except parsing.RowError as error:
        return error.column, error.value, error.reason
    if row.siret in spooler.sirets:
        return "siret", row.siret, parsing.SIRET_DUPLICATE
    spooler.add(located(row, place))
    return None


def read_unit_rows(job, table, index, width, needed):
    """The legal units pass: every SIREN checked, the needed units parsed."""
    units, siren_at = {}, index["siren"]
    fields = [index[name] for name in parsing.LEGAL_UNIT_REQUIRED]
    for line, row in table:
        siren = row[siren_at] if len(row) == width else ""
        if len(siren) == 9 and siren.isdigit() and siren not in needed:
            continue
        problem = parsing.row_problem(row, width)
        if problem is None:
            try:
                siren, *unit = parsing.parse_legal_unit([row[i] for i in fields])
            except parsing.RowError as error:
                problem = error.column, error.value, error.reason
            else:
                units[siren] = LegalUnitInfo(*unit)
                continue
        if not job.error(job.unites_legales, line, *problem):
            break
    return units


def stored_legal_units(sirens):
    """{siren: LegalUnitInfo} of the stored legal units among `sirens`."""
    units = {}
    for chunk in writers.chunks(sorted(sirens), writers.BATCH):
        rows = LegalUnit.objects.filter(siren__in=chunk).values_list(*LEGAL_UNIT_COLUMNS)
        units.update((siren, LegalUnitInfo(*unit)) for siren, *unit in rows)
    return units


def classified(rows, units, rules, summary):
    """Final rows (ESTABLISHMENT_COLUMNS order), classified and counted in the summary."""
    blank, families = LegalUnitInfo(), {}
    for row in rows:
        unit = units.get(row[SIREN])
        key = (row[NAF], unit.legal_category, unit.ess_flag) if unit else None
        family = families.get(key)
        if family is None:
            family = families[key] = classify(row[NAF], unit, rules)
        summary.count(row[ACTIVE], row[EMPLOYER], row[BAND], family)
        unit = unit or blank
        yield (
            *row[:2],
            row[NAME] or unit.name,
            *row[3:13],
            unit.legal_category,
            unit.ess_flag,
            family,
            row[ADDRESS],
        )
