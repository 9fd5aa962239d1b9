"""On PostgreSQL, outside a caller's transaction (the command, the task), the legal units file
is copied on a second connection while the establishments are: same results as the Python
reading, and no staging table left behind, whatever the outcome."""

import csv

import pytest
from django.db import connection

from actors.models import Establishment, ImportBatch, LegalUnit
from actors.sirene import importer, parallel, postgres
from actors.sirene.importer import import_sirene
from tests.actors.test_sirene_pg_paths import (
    EPCI,
    HEADER,
    ROWS,
    UNIT_COLUMNS,
    UNIT_HEADER,
    UNIT_ROWS,
    edited,
    stored,
    write,
)
from tests.fixtures.sirene import support

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the SQL import runs on PostgreSQL only (set DATABASE_URL to a PostgreSQL base)",
    ),
]


@pytest.fixture
def compare(monkeypatch):
    """compare(etablissements, unites_legales): run the SQL path (outside any transaction)
    then the Python reading on emptied tables; assert they agree; the summary."""
    support.load_territories()
    copies = []
    real = parallel.SideCopy

    def spy(*args):
        copies.append(real(*args))
        return copies[-1]

    monkeypatch.setattr(parallel, "SideCopy", spy)

    def run(etablissements, unites_legales):
        results = []
        for vendors in ({"postgresql"}, set()):
            monkeypatch.setattr(importer, "SQL_VENDORS", vendors)
            assert not connection.in_atomic_block
            summary = import_sirene(etablissements, unites_legales, [EPCI])
            results.append((summary, stored()))
            for model in (Establishment, LegalUnit, ImportBatch):
                model.objects.all().delete()
        assert len(copies) == 1
        assert staging_tables() == 0
        assert results[0] == results[1]
        return results[0][0]

    run.copies = copies
    return run


def staging_tables():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname LIKE 'sirene_stage_%%'")
        return cursor.fetchone()[0]


def test_it_imports_both_files_at_once(compare):
    summary = compare(support.ETABLISSEMENTS, support.UNITES_LEGALES)
    assert summary["created"] and not summary["errors"]


def test_errors_of_the_establishments_stop_the_legal_units_copy(compare, tmp_path):
    rows = edited(ROWS, {3: {"siret": "123"}})
    assert compare(write(tmp_path, HEADER, rows), support.UNITES_LEGALES)["errors"]


def test_a_legal_units_file_copy_cannot_read(compare, tmp_path):
    short = write(tmp_path, UNIT_HEADER, [*UNIT_ROWS, "1,2\n"], name="StockUniteLegale.csv")
    assert compare(support.ETABLISSEMENTS, short)["errors"]


def test_a_legal_units_file_refused_at_its_header(compare, tmp_path):
    header = UNIT_HEADER.replace("categorieJuridiqueUniteLegale", "categorie")
    missing = write(tmp_path, header, UNIT_ROWS, name="StockUniteLegale.csv")
    assert compare(support.ETABLISSEMENTS, missing)["errors"][0]["row"] == 1


def test_errors_of_the_legal_units_are_reported_alike(compare, tmp_path):
    siren, category = (
        UNIT_COLUMNS.index("siren"),
        UNIT_COLUMNS.index("categorieJuridiqueUniteLegale"),
    )
    rows = [line.split(",") for line in UNIT_ROWS]
    rows[2][category], rows[5][siren] = "12345", "12 34"
    units = write(tmp_path, UNIT_HEADER, [",".join(row) for row in rows], "StockUniteLegale.csv")
    assert compare(support.ETABLISSEMENTS, units)["errors"]


def test_the_legal_units_are_cleaned_by_the_first_connection_if_need_be(compare, monkeypatch):
    def fail(*args):
        raise RuntimeError

    monkeypatch.setattr(postgres, "clean_units", fail)
    assert not compare(support.ETABLISSEMENTS, support.UNITES_LEGALES)["errors"]


def unit_rows_with(*rows):
    """The legal units file's rows, then `rows` (lists of values) written after them."""
    return [*UNIT_ROWS, *(",".join(row) + "\n" for row in rows)]


def test_right_legal_units_are_joined_from_the_second_connection(compare, tmp_path):
    # No row with a problem: the second connection keeps the last row of each SIREN, and
    # the first one joins the establishments with it (a repeated SIREN: its last row wins).
    first = next(csv.reader([UNIT_ROWS[0]]))
    repeated = list(first)
    repeated[UNIT_COLUMNS.index("denominationUniteLegale")] = "Nouveau nom"
    units = write(tmp_path, UNIT_HEADER, unit_rows_with(repeated), "StockUniteLegale.csv")
    assert not compare(support.ETABLISSEMENTS, units)["errors"]
    assert compare.copies[0].outcome is True


def test_a_wrong_legal_unit_nobody_needs_takes_the_longer_way(compare, tmp_path):
    first = next(csv.reader([UNIT_ROWS[0]]))
    unknown = list(first)
    unknown[UNIT_COLUMNS.index("siren")] = "999999999"
    unknown[UNIT_COLUMNS.index("categorieJuridiqueUniteLegale")] = "92201"
    units = write(tmp_path, UNIT_HEADER, unit_rows_with(unknown), "StockUniteLegale.csv")
    summary = compare(support.ETABLISSEMENTS, units)
    assert summary["errors"] == [] and summary["created"]
    assert compare.copies[0].outcome is False


def test_tables_left_by_a_killed_import_are_dropped_by_the_next_one():
    # Named after the process of their connection: one no session has any more is dropped,
    # one of a live session (an import running elsewhere) is left alone.
    support.load_territories()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (alive,) = cursor.fetchone()
        dead, living = "sirene_stage_p99999999_ab_etablissements", f"sirene_stage_p{alive}_cd_x"
        for name in (dead, living):
            cursor.execute(f"CREATE UNLOGGED TABLE {name} (c0 text)")
    try:
        summary = import_sirene(support.ETABLISSEMENTS, support.UNITES_LEGALES, [EPCI])
        assert summary["created"] and not summary["errors"]
        with connection.cursor() as cursor:
            cursor.execute("SELECT relname FROM pg_class WHERE relname LIKE 'sirene_stage_%%'")
            assert [name for (name,) in cursor.fetchall()] == [living]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {dead}, {living}")
