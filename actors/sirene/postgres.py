"""The SIRENE import on PostgreSQL: the files are copied as they are into staging tables,
then checked, located, classified, counted and upserted in SQL.

It gives what the Python reading (importer.py) gives, step by step:
1. each file's header is first read by the Python reading, so a file it refuses at its start
   (format, archive, encoding, missing column) is refused with the same error;
2. COPY of the file into a staging table (staging.py); a file COPY does not read as the csv
   module does (a row with the wrong number of columns, text that is not UTF-8...) is left to
   the Python reading, which says where it is wrong: `import_files` returns False. Given
   territories spanning a few départements, COPY ... WHERE leaves out as it reads the rows
   of other départements whose SIRET is valid (located_or_invalid): never a row step 3 keeps;
3. one pass over the establishments keeps the rows with a bad SIRET and the located ones
   (current and former commune codes of importer.places, copied into a table), with their
   values cleaned and the first problem of each row: the checks of parsing.parse_establishment,
   in its order; problems and repeated SIRETs are reported in file order, MAX_ERRORS at most;
4. the legal units file: the rows the Python reading would check (the SIRENs the located rows
   need, and the malformed ones), their problems, the last row of each SIREN;
5. the classification of classify.py as joins on the rules table, the summary by one GROUP BY,
   then, in one transaction, the upserts of writers.upsert_table.
Outside a caller's transaction (the command, the task), the legal units file is copied on a
second connection alongside the establishments' COPY (parallel.py), which then checks every
row of it: when none has a problem, it keeps the last row of each SIREN, and steps 3 to 5
become one statement (the establishments checked and classified at once, in parallel by the
server's workers); otherwise, or inside a caller's transaction, the steps run one by one.

The staging tables the server's parallel workers or the second connection read are UNLOGGED
(never written to the WAL), named after the import and its connection's process, so that
an import killed on the way leaves tables the next one drops (LEFTOVERS); the others are
temporary. All are dropped at the end. The staging runs outside the writing transaction so
that the progress bar, written on the way, is seen; the shared tables are written only in
that transaction.
"""

import logging
import time
from contextlib import contextmanager, nullcontext
from secrets import token_hex

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from psycopg2 import DataError, sql

from actors.enums import SIZE_BOUNDS, Family, RuleKind
from actors.models import ClassificationRule, Establishment, LegalUnit
from actors.sirene import parallel, parsing, staging, writers
from actors.sirene.queries import (
    CHECK,
    CHECK_SELECT,
    ERRORS,
    FILE_UNITS_EMPTY,
    FILE_UNITS_SQL,
    FINAL_SQL,
    UNIQUE_UNITS,
    UNIT_ROWS_SQL,
    UNITS_OF_FINAL,
)
from actors.sirene.summary import MAX_ERRORS

logger = logging.getLogger(__name__)
ESTABLISHMENTS = "sirene_stage_etablissements"
UNITS = "sirene_stage_unites_legales"
PLACES = "sirene_stage_places"
CHECKED = "sirene_stage_checked"
UNIT_ROWS = "sirene_stage_unit_rows"
FILE_UNITS = "sirene_stage_file_units"
FINAL = "sirene_stage_final"
TABLES = (ESTABLISHMENTS, UNITS, PLACES, CHECKED, UNIT_ROWS, FILE_UNITS, FINAL)
T = {name: sql.Identifier(name) for name in TABLES}
# The columns ERRORS reports (the file's SIREN, the NAF code and nomenclature) in the table of
# the checked establishments, or in FINAL when they were checked and classified at once.
ERROR_COLUMNS = {
    CHECKED: {"siren": "siren", "naf": "naf", "nomenclature": "nomenclature"},
    FINAL: {"siren": "file_siren", "naf": "naf_code", "nomenclature": "naf_nomenclature"},
}
# The tables the parallel workers of a query read too, which cannot read a temporary table:
# UNLOGGED ones, seen by every session, so named after the import (Run.prefix).
SHARED = (ESTABLISHMENTS, PLACES)
# The UNLOGGED tables an import killed on the way left behind: their name holds the process
# id of its connection, which no session has any more.
LEFTOVERS = """
    SELECT relname FROM pg_class
    WHERE relkind = 'r' AND relpersistence = 'u' AND relname ~ '^sirene_stage_p[0-9]+_'
        AND substring(relname FROM '^sirene_stage_p([0-9]+)_')::int NOT IN (
            SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL
        )
"""

# The staged establishments are read once, by a hash join against the small table of
# places, which the planner chooses without statistics: ANALYZE (0,2 s on a million rows)
# only for the legal units, joined on their SIREN.
JOIN_KEYS = {UNITS: ("siren",)}
READING = "Lecture des établissements"
UNITS_LABEL = "Lecture des unités légales"
ESTABLISHMENT_WANTED = (parsing.ESTABLISHMENT_REQUIRED, parsing.ESTABLISHMENT_OPTIONAL)
UNIT_WANTED = (parsing.LEGAL_UNIT_REQUIRED, ())
# Settings of the session while it imports: no JIT compilation (a second per big query, for
# queries run once), room for the hashes and sorts of a few hundred thousand rows, hash joins
# rather than sorting a million staged rows for a merge join, and local buffers for the
# temporary tables (PostgreSQL takes the last one only before a session's
# first temporary table; they are reset afterwards, temp_buffers cannot be).
SETTINGS = {"jit": "off", "work_mem": "256MB", "enable_mergejoin": "off"}
TEMP_BUFFERS = "256MB"
# Beyond this many départements, the list costs COPY more than the rows it leaves out save.
MAX_PREFIXES = 12

# Problem numbers of the SQL checks: (column, reason), as the Python reading reports them.
ESTABLISHMENT_PROBLEMS = {
    1: ("siret", parsing.SIRET_INVALID),
    2: ("siren", parsing.SIREN_MISMATCH),
    3: ("etatAdministratifEtablissement", parsing.STATE_UNKNOWN),
    4: ("activitePrincipaleEtablissement", parsing.too_long(6)),
    5: ("nomenclatureActivitePrincipaleEtablissement", parsing.too_long(8)),
    6: ("siret", parsing.SIRET_DUPLICATE),
}
UNIT_PROBLEMS = {
    1: ("siren", parsing.SIREN_INVALID),
    2: ("categorieJuridiqueUniteLegale", parsing.too_long(4)),
}


def import_files(job, territories, dry_run, batch):
    """Run the import of `job` (an importer.Job) on PostgreSQL. False, with nothing done,
    when a file must be left to the Python reading."""
    with connection.cursor() as cursor:
        run = Run(job, cursor)
        try:
            return run.all(territories, dry_run, batch)
        except staging.NotCopyable:
            return False
        finally:
            run.drop()


# Trimming with the set of Unicode spaces is slow in PostgreSQL: it is skipped when the first
# and last characters are not spaces (code points 33 to 132), as nearly always; |2c - 165| <= 99
# tests 33 <= c <= 132 computing `c` once (BETWEEN computes it twice).
PLAIN = "abs(ascii({0}) * 2 - 165) <= 99 AND abs(ascii(right({0}, 1)) * 2 - 165) <= 99"


def stripped(value):
    """SQL of str.strip."""
    return sql.SQL(f"CASE WHEN {PLAIN} THEN {{0}} ELSE btrim({{0}}, {{1}}) END").format(
        value, sql.Literal(parsing.WHITESPACE)
    )


def clean(value):
    """SQL of the cleaning of parsing.parse_establishment: str.strip, then "[ND]" is blank."""
    if isinstance(value, sql.Literal):
        return value
    return sql.SQL(
        f"CASE WHEN {PLAIN} THEN CASE WHEN {{0}} = '[ND]' THEN '' ELSE {{0}} END "
        "ELSE coalesce(nullif(btrim({0}, {1}), '[ND]'), '') END"
    ).format(value, sql.Literal(parsing.WHITESPACE))


def refused(job, path, wanted):
    """Whether the Python reading refuses the file at its header (its error recorded)."""
    table = job.table(path, wanted, (0, 0), "")
    header = next(table, None)
    table.close()
    return header is None


class Run:
    """One import on PostgreSQL: the job, its cursor, the steps."""

    def __init__(self, job, cursor):
        self.job, self.cursor, self.raw = job, cursor, cursor.cursor
        self.units, self.side = T[UNITS], None
        self.prefix = f"sirene_stage_p{self.raw.connection.get_backend_pid()}_{token_hex(4)}"
        self.t = dict(T)  # the tables of this import
        for name in SHARED:
            self.t[name] = sql.Identifier(f"{self.prefix}_{name.removeprefix('sirene_stage_')}")
        self.file_units = T[FILE_UNITS]  # the legal units the establishments are joined with
        self.checked = CHECKED  # the table of the checked establishments (or FINAL)

    def execute(self, query, params=None):
        self.cursor.execute(query.as_string(self.raw.connection), params)

    @contextmanager
    def timed(self, step):
        """Log the time of a step (logger actors.sirene.postgres, level DEBUG)."""
        start = time.perf_counter()
        yield
        logger.debug("%s : %.2f s", step, time.perf_counter() - start)

    def rows(self, query, params=None):
        self.execute(query, params)
        return self.cursor.fetchall()

    def configure(self):
        self.drop_leftovers()
        for name, value in SETTINGS.items():
            self.execute(sql.SQL("SET {} = {}").format(sql.Identifier(name), sql.Literal(value)))
        try:
            with transaction.atomic() if connection.in_atomic_block else nullcontext():
                self.execute(sql.SQL("SET temp_buffers = {}").format(sql.Literal(TEMP_BUFFERS)))
        except DatabaseError:  # temporary tables were used before in this session
            pass

    def drop_leftovers(self):
        for (name,) in self.rows(sql.SQL(LEFTOVERS)):
            try:  # in a savepoint inside a caller's transaction: a failure does not spoil it
                with transaction.atomic() if connection.in_atomic_block else nullcontext():
                    self.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(name)))
            except DatabaseError:  # dropped meanwhile by another import, or not ours
                logger.debug("table %s laissée", name, exc_info=True)

    def drop(self):
        # A failed statement inside the caller's transaction leaves it to its rollback.
        if self.side is not None:
            self.side.close()
        if not connection.needs_rollback:
            names = sql.SQL(", ").join(self.t.values())
            self.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(names))
            for name in SETTINGS:
                self.execute(sql.SQL("RESET {}").format(sql.Identifier(name)))

    def all(self, territories, dry_run, batch):
        job = self.job
        job.progress(0, READING)
        self.configure()
        if refused(job, job.etablissements, ESTABLISHMENT_WANTED):
            return True
        self.start_units_copy()
        with self.timed("COPY des établissements"):
            etab = self.stage(
                job.etablissements,
                ESTABLISHMENTS,
                ESTABLISHMENT_WANTED,
                (0, 50),
                where=located_or_invalid(job.places),
            )
        job.progress(50, "Contrôle des établissements")
        with self.timed("contrôle et localisation des établissements"):
            self.copy_places()
            one_pass = self.units_at_hand()
            if one_pass:  # checked and classified at once
                self.classify(sql.SQL("MATERIALIZED ({})").format(self.check_select(etab.columns)))
                self.checked = FINAL
            else:
                self.check_establishments(etab.columns)
            if self.establishment_errors(etab):
                return etab.lines_exact
        if one_pass:
            if job.unites_legales is not None and refused(job, job.unites_legales, UNIT_WANTED):
                return True
        else:
            job.progress(60, UNITS_LABEL)
            if refused(job, job.unites_legales, UNIT_WANTED):
                return True
            with self.timed("COPY des unités légales (fin)"):
                units = self.stage_units()
            job.progress(75, "Contrôle des unités légales")
            with self.timed("contrôle des unités légales"):
                if self.unit_errors(units):
                    return units.lines_exact
            with self.timed("classement"):
                self.classify(sql.SQL("NOT MATERIALIZED (SELECT * FROM {})").format(T[CHECKED]))
        with self.timed("bilan"):
            self.count()
        with self.timed("écriture (toute la transaction, commit compris)"):
            job.write(territories, dry_run, batch, self.upsert)
        return True

    def units_at_hand(self):
        """Whether the legal units the establishments are joined with are known before their
        check: there is no legal units file (an empty table), or its rows are all right and
        the second connection has kept the last row of each SIREN (waited for)."""
        if self.job.unites_legales is None:
            self.execute(FILE_UNITS_EMPTY.format(T[FILE_UNITS]))
            return True
        if self.side is None or not self.side.finished():
            return False
        self.file_units = self.side.unique
        return True

    def start_units_copy(self):
        """Outside a caller's transaction, start copying the legal units file at once, on a
        second connection (parallel.py)."""
        if self.job.unites_legales is None or connection.in_atomic_block:
            return
        self.side = parallel.SideCopy(
            self.job.unites_legales, UNIT_WANTED, clean_units, self.prefix
        )
        self.units = self.side.table

    def stage_units(self):
        if self.side is None:
            return self.stage(self.job.unites_legales, UNITS, UNIT_WANTED, (60, 75), UNITS_LABEL)
        staged = self.side.staged()
        if not self.side.ready:  # otherwise, the cleaned table is read, analyzed already
            self.analyze(self.units, staged, UNITS)
        return staged

    def stage(self, path, table, wanted, span, label=READING, where=None):
        def progress(done):
            self.job.report(done, span, label)

        # Outside a transaction, each COPY commits, and the progress written between two is
        # seen; inside the caller's, a savepoint keeps a refused COPY from spoiling it.
        savepoint = transaction.atomic() if connection.in_atomic_block else nullcontext()
        try:
            with savepoint:
                staged = staging.stage(
                    self.raw, path, self.t[table], wanted, progress, table in SHARED, where
                )
        except (DataError, parsing.SireneFileError) as error:
            raise staging.NotCopyable(str(error)) from error
        if table in JOIN_KEYS:
            self.analyze(self.t[table], staged, table)
        return staged

    def analyze(self, identifier, staged, table):
        # The planner needs the size of the table and its join keys (a small sample).
        keys = [staged.columns[name] for name in JOIN_KEYS[table]]
        self.execute(sql.SQL("ANALYZE {} ({})").format(identifier, sql.SQL(", ").join(keys)))

    def copy_places(self):
        self.execute(
            sql.SQL(
                "CREATE UNLOGGED TABLE {} (code text, commune text, epci text, "
                "departement text, region text)"
            ).format(self.t[PLACES])
        )
        rows = ((code, *place) for code, place in self.job.places.items())
        copy = sql.SQL(
            "COPY {} FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL (epci, departement, region))"
        ).format(self.t[PLACES])
        writers.copy_rows(self.raw, copy.as_string(self.raw.connection), rows)
        self.execute(sql.SQL("ANALYZE {}").format(self.t[PLACES]))

    def check_establishments(self, columns):
        self.execute(CHECK.format(checked=T[CHECKED], select=self.check_select(columns)))
        self.execute(sql.SQL("ANALYZE {} (siret, naf)").format(T[CHECKED]))

    def check_select(self, columns):
        value = {name: qualified(column) for name, column in columns.items()}
        cleaned = {name: clean(column) for name, column in value.items()}
        return CHECK_SELECT.format(
            staged=self.t[ESTABLISHMENTS],
            places=self.t[PLACES],
            max_name=sql.Literal(parsing.MAX_NAME),
            bands=sql.SQL(", ").join(map(sql.Literal, SIZE_BOUNDS)),
            siret=value["siret"],
            commune=stripped(value["codeCommuneEtablissement"]),
            siren=cleaned["siren"],
            state=cleaned["etatAdministratifEtablissement"],
            naf=cleaned["activitePrincipaleEtablissement"],
            nomenclature=cleaned["nomenclatureActivitePrincipaleEtablissement"],
            band=cleaned["trancheEffectifsEtablissement"],
            employer=cleaned["caractereEmployeurEtablissement"],
            diffusion=cleaned["statutDiffusionEtablissement"],
            usual=cleaned["denominationUsuelleEtablissement"],
            sign=cleaned["enseigne1Etablissement"],
            number=cleaned["numeroVoieEtablissement"],
            repetition=cleaned["indiceRepetitionEtablissement"],
            street_type=cleaned["typeVoieEtablissement"],
            street=cleaned["libelleVoieEtablissement"],
            postcode=cleaned["codePostalEtablissement"],
            city=cleaned["libelleCommuneEtablissement"],
            siret_ok=digits(value["siret"], 14),
        )

    def establishment_errors(self, etab):
        """Record the establishments' errors, and the rows read; whether there are any."""
        # Repeated SIRETs: fewer distinct ones than rows (a sort in byte order, quicker than
        # grouping).
        query = sql.SQL(
            "SELECT count(*), count(*) FILTER (WHERE problem > 0), count(*) FILTER (WHERE "
            'problem = 0) > count(DISTINCT siret COLLATE "C") FILTER (WHERE problem = 0) FROM {}'
        ).format(T[self.checked])
        ((kept, problems, repeated),) = self.rows(query)
        summary = self.job.summary
        summary.rows, summary.outside = etab.rows, etab.rows - kept
        if not (problems or repeated):
            return False
        if etab.lines_exact:
            named = ERROR_COLUMNS[self.checked]
            columns = {key: sql.Identifier(name) for key, name in named.items()}
            errors = ERRORS.format(checked=T[self.checked], **columns)
            found = self.rows(errors, [MAX_ERRORS + 1])
            stop = self.record(self.job.etablissements, found, ESTABLISHMENT_PROBLEMS)
            if stop is not None:  # the Python reading stops at that row
                query = sql.SQL("SELECT count(*) FROM {} WHERE line <= %s")
                query = query.format(T[self.checked])
                ((before,),) = self.rows(query, [stop])
                summary.rows, summary.outside = stop - 1, stop - 1 - before
        return True

    def record(self, path, found, problems):
        """Record the errors [(line, problem, value)]; the line where the reading stops."""
        for line, problem, value in found:
            column, reason = problems[problem]
            if not self.job.error(path, line, column, value, reason):
                return line
        return None

    def unit_errors(self, units):
        """Keep the legal units rows the Python reading reads; record their errors."""
        source, values = self.units, unit_values(units)
        if self.side is not None and self.side.ready:  # cleaned already, by clean_units
            source = self.side.extra
            values = {name: sql.SQL("s.{}").format(sql.Identifier(name)) for name in values}
        self.execute(
            UNIT_ROWS_SQL.format(
                unit_rows=T[UNIT_ROWS],
                units=source,
                checked=T[CHECKED],
                **values,
                siren_ok=digits(sql.SQL("siren"), 9),
                raw_ok=digits(values["raw"], 9),
            )
        )
        # A SIREN of nine digits not all ASCII: str.isdigit says whether the Python reading
        # skips the row (its SIREN is not needed) or checks it (and refuses it).
        odd = sql.SQL(
            "SELECT line, raw FROM {} WHERE char_length(raw) = 9 "
            r"AND raw !~ '[\x01-\x2f\x3a-\x7f]' AND NOT {}"
        ).format(T[UNIT_ROWS], digits(sql.SQL("raw"), 9))
        skipped = [line for line, siren in self.rows(odd) if siren.isdigit()]
        if skipped:
            query = sql.SQL("DELETE FROM {} WHERE line = ANY(%s)").format(T[UNIT_ROWS])
            self.execute(query, [skipped])
        query = sql.SQL(
            "SELECT line, problem, CASE problem WHEN 1 THEN siren ELSE category END FROM {} "
            "WHERE problem > 0 ORDER BY line LIMIT %s"
        ).format(T[UNIT_ROWS])
        found = self.rows(query, [MAX_ERRORS + 1])
        if found and units.lines_exact:
            self.record(self.job.unites_legales, found, UNIT_PROBLEMS)
        if not found:
            self.execute(
                FILE_UNITS_SQL.format(
                    file_units=T[FILE_UNITS],
                    unit_rows=T[UNIT_ROWS],
                    max_name=sql.Literal(parsing.MAX_NAME),
                )
            )
            self.execute(sql.SQL("ANALYZE {} (siren)").format(T[FILE_UNITS]))
        return bool(found)

    def classify(self, checked):
        """The table FINAL of the establishments classified; `checked`: their CTE's body."""
        self.execute(
            FINAL_SQL.format(
                final=T[FINAL],
                checked=checked,
                file_units=self.file_units,
                stored=sql.Identifier(LegalUnit._meta.db_table),
                rules=sql.Identifier(ClassificationRule._meta.db_table),
                naf_kind=sql.Literal(RuleKind.NAF_EXCLUSION.value),
                category_kind=sql.Literal(RuleKind.LEGAL_CATEGORY.value),
                flag_kind=sql.Literal(RuleKind.ESS_FLAG.value),
                unclassified=sql.Literal(Family.UNCLASSIFIED.value),
                non_ess=sql.Literal(Family.NON_ESS.value),
            )
        )

    def count(self):
        query = sql.SQL(
            "SELECT active, employer, size_band, family, count(*) FROM {} GROUP BY 1, 2, 3, 4"
        ).format(T[FINAL])
        for active, employer, band, family, times in self.rows(query):
            self.job.summary.count(active, employer, band, family, times)

    def upsert(self, batch_id):
        """Write the legal units of the file and the establishments; (created, updated) of
        the establishments."""
        if self.file_units != T[FILE_UNITS]:
            with self.timed("  unités légales du fichier utiles"):
                self.execute(UNITS_OF_FINAL.format(file_units=T[FILE_UNITS], final=T[FINAL]))
        with self.timed("  upsert des unités légales"):
            writers.upsert_table(
                LegalUnit, writers.LEGAL_UNIT_COLUMNS, FILE_UNITS, {"batch_id": batch_id}
            )
        extra = {"batch_id": batch_id, "imported_at": timezone.now()}
        with self.timed("  upsert des établissements"):
            counts = writers.upsert_table(
                Establishment, writers.ESTABLISHMENT_COLUMNS, FINAL, extra
            )
        return counts


def located_or_invalid(places):
    """The condition of COPY ... WHERE that leaves out, as they are read, most establishments
    outside the territories: those whose commune code is five characters long but not in one
    of the territories' départements (its first two characters), and whose SIRET is valid.
    Every row the check pass keeps passes it: a code of the places is five characters long,
    and one with spaces around it is longer, or shorter once stripped, so not a code of the
    places. None (every row copied) when the places span too many départements to gain."""
    prefixes = sorted({code[:2] for code in places})
    if not prefixes or len(prefixes) > MAX_PREFIXES or any(len(code) != 5 for code in places):
        return None

    def where(columns):
        commune, siret = columns["codeCommuneEtablissement"], columns["siret"]
        return sql.SQL(
            "left({0}, 2) IN ({2}) OR octet_length({0}) <> 5 OR octet_length({1}) <> 14 "
            "OR ltrim({1}, '0123456789') <> ''"
        ).format(commune, siret, sql.SQL(", ").join(map(sql.Literal, prefixes)))

    return where


def unit_values(units):
    """SQL of the legal units' values (the raw SIREN, then the cleaned ones) in `units`."""
    cleaned = {name: clean(qualified(column)) for name, column in units.columns.items()}
    return {
        "raw": qualified(units.columns["siren"]),
        "siren": cleaned["siren"],
        "category": cleaned["categorieJuridiqueUniteLegale"],
        "flag": cleaned["economieSocialeSolidaireUniteLegale"],
        "name": cleaned["denominationUniteLegale"],
    }


def clean_units(cursor, units, source, table, unique):
    """Run by the second connection after its COPY (`units`, in `source`), while the first one
    checks the establishments. When no row of the legal units file has a problem (a SIREN that
    is not nine ASCII digits, a category too long once cleaned), the table `unique` of the
    last row of each SIREN, its values cleaned (UNIQUE_UNITS), and True: the establishments
    are then checked and classified in one pass. Otherwise the table `table` of every row with
    its cleaned values and its problem, and False: the rows the establishments need are kept
    from it, nothing left to clean."""
    values = unit_values(units)
    cursor.execute("SET jit = off")
    category = qualified(units.columns["categorieJuridiqueUniteLegale"])
    wrong = sql.SQL(
        "SELECT EXISTS (SELECT FROM {} AS s WHERE NOT {} "
        "OR (char_length({}) > 4 AND char_length({}) > 4))"
    ).format(source, digits(values["raw"], 9), category, values["category"])
    cursor.execute(wrong)
    if not cursor.fetchone()[0]:
        query = UNIQUE_UNITS.format(
            unique=unique,
            units=source,
            max_name=sql.Literal(parsing.MAX_NAME),
            siren=values["raw"],
            name=values["name"],
            category=values["category"],
            flag=values["flag"],
        )
        cursor.execute(query)
        cursor.execute(sql.SQL("ANALYZE {} (siren)").format(unique))
        return True
    columns = sql.SQL(", ").join(
        sql.SQL("{} AS {}").format(value, sql.Identifier(name)) for name, value in values.items()
    )
    cursor.execute(
        sql.SQL(
            "CREATE UNLOGGED TABLE {} AS SELECT v.*, CASE WHEN NOT {} THEN 1 "
            "WHEN char_length(category) > 4 THEN 2 ELSE 0 END AS problem "
            "FROM (SELECT s.line, {} FROM {} AS s) AS v"
        ).format(table, digits(sql.SQL("raw"), 9), columns, source)
    )
    cursor.execute(sql.SQL("ANALYZE {} (raw)").format(table))
    return False


def digits(value, size):
    """SQL: `value` is `size` ASCII digits (parsing.is_digits)."""
    return sql.SQL("(octet_length({0}) = {1} AND {0} !~ '[^0-9]')").format(value, sql.Literal(size))


def qualified(column):
    """A staging column of the row `s`, or the literal of an absent one."""
    if isinstance(column, sql.Identifier):
        return sql.SQL("s.{}").format(column)
    return column
