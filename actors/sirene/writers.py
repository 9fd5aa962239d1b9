"""Upserts of imported rows by primary key, counting what was created and updated.

PostgreSQL: COPY into a temporary table, then one INSERT ... ON CONFLICT DO UPDATE ... WHERE
the row changed, in key order (index pages are then visited in order), of the rows an
anti-join finds new or changed; `xmax = 0` tells the inserted rows from the updated ones; into
a table nearly empty, its secondary indexes are built again afterwards (into an empty one,
a plain INSERT: nothing to compare with). Other databases: the
existing rows of each batch are read, then bulk_create and bulk_update. A row that did not
change is not written, so a re-run of the same file writes nothing. Callers hold the
transaction.
"""

import csv
import io
from contextlib import contextmanager
from itertools import islice

from django.db import connection

BATCH = 900
COPY_BATCH = 20_000
ESTABLISHMENT_COLUMNS = (
    "siret",
    "siren",
    "name",
    "non_diffusible",
    "commune_code",
    "epci_code",
    "departement_code",
    "region_code",
    "naf_code",
    "naf_nomenclature",
    "size_band",
    "employer",
    "active",
    "legal_category",
    "ess_flag",
    "family",
    "address",
)
LEGAL_UNIT_COLUMNS = ("siren", "name", "legal_category", "ess_flag")


def chunks(iterable, size):
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


def upsert(model, columns, rows, extra):
    """Write `rows` (tuples in the order of `columns`, primary key first) with the `extra`
    {column: value} set on created and changed rows; (created, updated)."""
    if connection.vendor == "postgresql":
        return _copy_upsert(model, columns, rows, extra)
    return _bulk_upsert(model, columns, rows, extra)


def _bulk_upsert(model, columns, rows, extra):
    created = updated = 0
    fields = [model._meta.get_field(column).attname for column in columns]
    for chunk in chunks(rows, BATCH):
        existing = {
            row[0]: row[1:]
            for row in model.objects.filter(pk__in=[r[0] for r in chunk]).values_list(*fields)
        }
        new, changed = [], []
        for row in chunk:
            old = existing.get(row[0])
            if old is None or old != row[1:]:
                target = new if old is None else changed
                target.append(model(**dict(zip(fields, row, strict=True)), **extra))
        model.objects.bulk_create(new, batch_size=BATCH)
        model.objects.bulk_update(changed, [*fields[1:], *extra], batch_size=BATCH)
        created, updated = created + len(new), updated + len(changed)
    return created, updated


def _copy_upsert(model, columns, rows, extra):
    table = connection.ops.quote_name(model._meta.db_table)
    stage = f"stage_{model._meta.db_table}"
    quoted = connection.ops.quote_name(stage)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    sql = f"COPY {quoted} ({names}) FROM STDIN WITH (FORMAT csv, FORCE_NOT_NULL ({names}))"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {quoted}")
        cursor.execute(f"CREATE TEMP TABLE {quoted} (LIKE {table}) ON COMMIT DROP")
        for chunk in chunks(rows, COPY_BATCH):
            copy_rows(cursor.cursor, sql, chunk)
        counts = upsert_table(model, columns, stage, extra)
        cursor.execute(f"DROP TABLE {quoted}")
    return counts


def upsert_table(model, columns, stage, extra):
    """PostgreSQL: upsert the rows of the table `stage` (a name of ours, with the `columns`)
    into the model's table; (created, updated)."""
    table = connection.ops.quote_name(model._meta.db_table)
    names = [connection.ops.quote_name(c) for c in columns]
    stage = connection.ops.quote_name(stage)
    with connection.cursor() as cursor, _indexes_rebuilt(cursor, table, stage) as empty:
        if empty:  # nothing to compare with, nothing to update: a plain insert
            cursor.execute(_insert_sql(table, stage, names, list(extra)), list(extra.values()))
            return cursor.rowcount, 0
        cursor.execute(_upsert_sql(table, stage, names, list(extra)), list(extra.values()))
        return cursor.fetchone()


@contextmanager
def _indexes_rebuilt(cursor, table, stage):
    """When the table holds less than half as many rows as `stage` brings (a first import),
    drop its secondary indexes for the writes and build them again afterwards: one sort per
    index instead of a random insertion per row and index, several times faster. The table
    is locked against other writers until the commit meanwhile (DROP INDEX locks it for
    readers too), as a bulk load may. Gives whether the table is empty."""
    cursor.execute(f"SELECT count(*) FROM {stage}")  # noqa: S608 - a name of ours
    half = cursor.fetchone()[0] // 2
    cursor.execute(f"SELECT count(*) FROM (SELECT FROM {table} LIMIT %s) AS s", [half])  # noqa: S608
    if half == 0 or cursor.fetchone()[0] >= half:
        yield False
        return
    cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")
    cursor.execute(f"SELECT NOT EXISTS (SELECT FROM {table})")  # noqa: S608
    (empty,) = cursor.fetchone()
    cursor.execute(SECONDARY_INDEXES, [table])
    indexes = cursor.fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    # Into an empty table, the rows come with distinct keys (checked before): the primary
    # key too is built again after the insert, by one sort, rather than filled row by row.
    key = None
    if empty:
        cursor.execute(PRIMARY_KEY, [table])
        key = cursor.fetchone()
        cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {key[0]}")
    yield empty
    if key is not None:
        cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {key[0]} {key[1]}")
    for _, definition in indexes:
        cursor.execute(definition)


# The primary key constraint of a table: its quoted name and definition.
PRIMARY_KEY = """
    SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint
    WHERE conrelid = %s::regclass AND contype = 'p'
"""

# The indexes of a table that back no constraint, with the statements that create them.
SECONDARY_INDEXES = """
    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index AS i
    WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT i.indisunique
        AND NOT EXISTS (SELECT FROM pg_constraint AS c WHERE c.conindid = i.indexrelid)
    ORDER BY 1
"""


def copy_rows(raw, sql, rows):
    """COPY `rows` (tuples) as CSV with the `sql` COPY statement, on a psycopg cursor."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    buffer.seek(0)
    if hasattr(raw, "copy_expert"):  # psycopg2
        raw.copy_expert(sql, buffer)
    else:  # psycopg 3
        with raw.copy(sql) as copy:
            copy.write(buffer.getvalue())


def _insert_sql(table, stage, names, extra_names):
    """Into an empty table locked by us, without its indexes: no conflict, no row to compare
    with. In key order (byte order: a quick sort, and the same for keys of digits), so that
    the primary key is then built from sorted rows."""
    extra = [connection.ops.quote_name(name) for name in extra_names]
    values = "".join(", %s" for _ in extra)
    return f"""
        INSERT INTO {table} ({", ".join(names + extra)})
        SELECT {", ".join(f"s.{c}" for c in names)}{values} FROM {stage} AS s
        ORDER BY s.{names[0]} COLLATE "C"
    """  # noqa: S608 - identifiers come from the models, values are parameters


def _upsert_sql(table, stage, names, extra_names):
    extra = [connection.ops.quote_name(name) for name in extra_names]
    data = names[1:]
    assignments = ", ".join(f"{c} = EXCLUDED.{c}" for c in data + extra)
    current = ", ".join(f"t.{c}" for c in data)
    incoming = ", ".join(f"EXCLUDED.{c}" for c in data)
    stored = ", ".join(f"o.{c}" for c in data)
    staged = ", ".join(f"s.{c}" for c in data)
    values = ", ".join(["%s"] * len(extra))
    key = names[0]
    # The rows stored with the same values are left out by an anti-join before the INSERT:
    # ON CONFLICT would lock each of them (writing every page of a re-run) to find it unchanged.
    return f"""
        WITH upserted AS (
            INSERT INTO {table} AS t ({", ".join(names + extra)})
            SELECT {", ".join(f"s.{c}" for c in names)}{", " if extra else ""}{values}
            FROM {stage} AS s
            WHERE NOT EXISTS (
                SELECT FROM {table} AS o WHERE o.{key} = s.{key}
                AND ({stored}) IS NOT DISTINCT FROM ({staged})
            )
            ORDER BY s.{key}
            ON CONFLICT ({names[0]}) DO UPDATE SET {assignments}
            WHERE ({current}) IS DISTINCT FROM ({incoming})
            RETURNING (xmax = 0) AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted)
        FROM upserted
    """  # noqa: S608 - identifiers come from the models, values are parameters
