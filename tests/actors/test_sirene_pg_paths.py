"""On PostgreSQL, the SQL import (COPY into staging tables) gives what the Python reading gives:
the same summary, the same stored rows, the same errors, on good and on bad files.

Each case runs both paths from the same database state (a savepoint rolled back in between)
and compares them; the SQL path must have done the work itself unless the case is one it
leaves to the Python reading (a file COPY does not read as the csv module does).
"""

import csv
import io
import zipfile

import pytest
from django.db import connection, transaction
from psycopg2 import sql

from actors.enums import RuleKind
from actors.models import ClassificationRule, Establishment, ImportBatch, LegalUnit
from actors.sirene import importer, postgres, staging, writers
from actors.sirene.importer import import_sirene
from actors.sirene.summary import MAX_ERRORS
from essterritoire.territories.models import Territory
from tests.fixtures.sirene import support

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the SQL import runs on PostgreSQL only (set DATABASE_URL to a PostgreSQL base)",
    ),
]
EPCI = "epci:244400552"
HEADER, *ROWS = support.ETABLISSEMENTS.read_text(encoding="utf-8").splitlines(keepends=True)
COLUMNS = HEADER.strip().split(",")
UNIT_HEADER, *UNIT_ROWS = support.UNITES_LEGALES.read_text(encoding="utf-8").splitlines(
    keepends=True
)
UNIT_COLUMNS = UNIT_HEADER.strip().split(",")


@pytest.fixture
def territories(db):
    return support.load_territories()


@pytest.fixture
def compare(territories, monkeypatch):
    """compare(etablissements, unites_legales=None, territories=(EPCI,), sql=True, **options):
    run both paths, assert they agree; the SQL path's summary. `sql`: whether the SQL path
    must do the work itself (False: it leaves the file to the Python reading)."""
    done = []
    real = postgres.import_files

    def spy(*args):
        done.append(real(*args))
        return done[-1]

    monkeypatch.setattr(postgres, "import_files", spy)

    def run(etablissements, unites_legales=None, territories=(EPCI,), sql=True, **options):
        results = []
        for vendors in ({"postgresql"}, set()):
            monkeypatch.setattr(importer, "SQL_VENDORS", vendors)
            savepoint = transaction.savepoint()
            summary = import_sirene(etablissements, unites_legales, territories, **options)
            results.append((summary, stored()))
            transaction.savepoint_rollback(savepoint)
        assert done.pop() is sql
        assert results[0] == results[1]
        return results[0][0]

    return run


def stored():
    """The stored rows, less what differs from one run to the other (batch ids, times)."""
    establishments = Establishment.objects.order_by("siret").values_list()
    batch = ImportBatch.objects.first()
    return (
        [row[:-2] for row in establishments],
        list(
            LegalUnit.objects.order_by("siren").values_list(
                "siren", "name", "legal_category", "ess_flag"
            )
        ),
        batch.summary if batch else None,
        Establishment.objects.filter(batch=batch).count() if batch else None,
    )


def write(tmp_path, header, rows, name="StockEtablissement.csv"):
    path = tmp_path / name
    path.write_bytes((header + "".join(rows)).encode("utf-8"))
    return path


def edited(rows, changes, columns=COLUMNS):
    """The rows with `changes` {row index: {column: value}} applied (csv written again)."""
    out = []
    for index, line in enumerate(rows):
        values = next(csv.reader([line]))
        for column, value in changes.get(index, {}).items():
            values[columns.index(column)] = value
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(values)
        out.append(buffer.getvalue())
    return out


def located_index():
    """An active establishment of Ancenis."""
    commune, state = (
        COLUMNS.index("codeCommuneEtablissement"),
        COLUMNS.index("etatAdministratifEtablissement"),
    )
    rows = enumerate(csv.reader(ROWS))
    return next(i for i, row in rows if i and row[commune] == "44003" and row[state] == "A")


def test_the_sample_gives_the_same_summary_and_rows(compare):
    summary = compare(support.ETABLISSEMENTS, support.UNITES_LEGALES)
    assert summary["errors"] == [] and summary["created"] > 150
    assert summary["created"] == summary["active"] + summary["closed"]


def test_without_territory_or_legal_units_file(compare):
    compare(support.ETABLISSEMENTS, support.UNITES_LEGALES, territories=())
    compare(support.ETABLISSEMENTS, None)


def test_a_commune_without_epci(compare):
    Territory.objects.filter(kind="com", code="44003").update(epci=None)
    compare(support.ETABLISSEMENTS, support.UNITES_LEGALES, territories=())


def test_a_rerun_changes_nothing_and_stored_legal_units_serve(compare):
    import_sirene(support.ETABLISSEMENTS, support.UNITES_LEGALES, [EPCI])
    again = compare(support.ETABLISSEMENTS, support.UNITES_LEGALES)
    assert (again["created"], again["updated"]) == (0, 0)
    alone = compare(support.ETABLISSEMENTS)
    assert (alone["created"], alone["updated"], alone["unclassified"]) == (0, 0, 1)


def test_changed_and_closed_rows_are_updated(compare, tmp_path):
    import_sirene(support.ETABLISSEMENTS, support.UNITES_LEGALES, [EPCI])
    target = located_index()
    rows = edited(
        ROWS,
        {target: {"etatAdministratifEtablissement": "F"}, 0: {"libelleVoieEtablissement": "X"}},
    )
    summary = compare(write(tmp_path, HEADER, rows), support.UNITES_LEGALES)
    assert (summary["created"], summary["updated"]) == (0, 2)


def test_a_dry_run_and_a_zip(compare, tmp_path):
    archive = tmp_path / "StockEtablissement_utf8.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(support.ETABLISSEMENTS, "StockEtablissement_utf8.csv")
    summary = compare(archive, support.UNITES_LEGALES, dry_run=True)
    assert summary["created"] > 150


def test_odd_values_are_cleaned_alike(compare, tmp_path):
    nd, spaces = "[ND]", " \u00a0\t"
    changes = {
        0: {"denominationUsuelleEtablissement": f"{spaces}Café{spaces}", "siren": nd},
        1: {"enseigne1Etablissement": " [ND] ", "trancheEffectifsEtablissement": "99"},
        2: {"codeCommuneEtablissement": " 44003\u3000", "caractereEmployeurEtablissement": ""},
        3: {"libelleVoieEtablissement": "", "numeroVoieEtablissement": nd},
        4: {"statutDiffusionEtablissement": " P", "denominationUsuelleEtablissement": "é" * 300},
        5: {"dateCreationEtablissement": "2024-13-45", "dateDebut": "hier"},  # not imported
        6: {"activitePrincipaleEtablissement": "", "etatAdministratifEtablissement": " F "},
    }
    columns = [c for c in COLUMNS if c != "enseigne1Etablissement"] + ["colonneInconnue"]
    path = tmp_path / "StockEtablissement.csv"
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=columns[::-1], extrasaction="ignore")
        writer.writeheader()
        for line in edited(ROWS, changes):
            writer.writerow(
                {
                    **dict(zip(COLUMNS, next(csv.reader([line])), strict=True)),
                    "colonneInconnue": "x",
                }
            )
    compare(path, support.UNITES_LEGALES)


def test_quoted_line_breaks_crlf_and_a_bom(compare, tmp_path):
    rows = edited(ROWS, {0: {"libelleVoieEtablissement": 'RUE "DU\nPORT",\r\nBIS'}})
    text = "\ufeff" + (HEADER + "".join(rows)).replace("\n", "\r\n")
    compare(write(tmp_path, "", [text]), support.UNITES_LEGALES)


def test_legal_units_edge_cases(compare, tmp_path):
    siren_at = UNIT_COLUMNS.index("siren")
    first = next(csv.reader([UNIT_ROWS[0]]))
    padded, unicode_digits, repeated = list(first), list(first), list(first)
    padded[siren_at] = f" {first[siren_at]} "
    unicode_digits[siren_at] = "\u0661" * 9
    repeated[UNIT_COLUMNS.index("denominationUniteLegale")] = "Nouveau nom"
    extra = [",".join(row) + "\n" for row in (padded, unicode_digits, repeated)]
    path = write(tmp_path, UNIT_HEADER, [*UNIT_ROWS, *extra], name="StockUniteLegale.csv")
    compare(support.ETABLISSEMENTS, path)


def test_the_rules_apply_alike(compare):
    ClassificationRule.objects.create(kind=RuleKind.NAF_EXCLUSION, value="88.1", family="fondation")
    ClassificationRule.objects.create(kind=RuleKind.NAF_EXCLUSION, value="88", family="mutuelle")
    ClassificationRule.objects.create(kind=RuleKind.LEGAL_CATEGORY, value="", family="fondation")
    compare(support.ETABLISSEMENTS, support.UNITES_LEGALES)


@pytest.mark.parametrize(
    "changes",
    [
        {3: {"siret": "1234"}},
        {3: {"siret": "7374609310001X"}, 200: {"siret": ""}},
        {5: {"siren": "111111111"}},
        {6: {"etatAdministratifEtablissement": "X"}},
        {7: {"activitePrincipaleEtablissement": "88.99BBB"}},
        {8: {"nomenclatureActivitePrincipaleEtablissement": "NAFRev2025"}},
        {9: {"siret": ROWS[4].split(",")[2], "siren": ROWS[4].split(",")[0]}},
        {9: {"siret": ROWS[4].split(",")[2], "etatAdministratifEtablissement": "?"}},
    ],
    ids=["short", "letters-empty", "siren", "state", "naf", "nomenclature", "twice", "twice-bad"],
)
def test_row_errors_are_reported_alike(compare, tmp_path, changes):
    summary = compare(write(tmp_path, HEADER, edited(ROWS, changes)), support.UNITES_LEGALES)
    assert summary["errors"] and not Establishment.objects.exists()


def test_an_outside_row_is_not_checked(compare, tmp_path):
    outside = next(i for i, line in enumerate(ROWS) if ",44109," in line)
    changes = {outside: {"etatAdministratifEtablissement": "X"}}
    summary = compare(write(tmp_path, HEADER, edited(ROWS, changes)), support.UNITES_LEGALES)
    assert summary["errors"] == []


def test_rows_of_other_departements_are_counted_and_their_siret_checked(compare, tmp_path):
    # Left out by COPY ... WHERE (another département's commune), yet read, numbered and
    # counted as outside; a bad SIRET there is still an error, on its own line.
    elsewhere = {i: {"codeCommuneEtablissement": "75056"} for i in range(0, 40, 3)}
    summary = compare(write(tmp_path, HEADER, edited(ROWS, elsewhere)), support.UNITES_LEGALES)
    assert summary["errors"] == [] and summary["rows"] == len(ROWS)
    assert summary["outside"] >= len(elsewhere)
    bad = {**elsewhere, 12: {"codeCommuneEtablissement": "2A004", "siret": "123"}}
    summary = compare(write(tmp_path, HEADER, edited(ROWS, bad)), support.UNITES_LEGALES)
    assert [(e["row"], e["column"]) for e in summary["errors"]] == [(14, "siret")]


def test_a_file_of_a_header_only(compare, tmp_path):
    summary = compare(write(tmp_path, HEADER, []), support.UNITES_LEGALES)
    assert (summary["rows"], summary["outside"], summary["created"]) == (0, 0, 0)


def test_the_copy_keeps_every_row_of_the_territories_departements():
    where = postgres.located_or_invalid({"44003": (), "49007": (), "2A004": ()})
    columns = {"codeCommuneEtablissement": sql.Identifier("c9"), "siret": sql.Identifier("c2")}
    with connection.cursor() as cursor:
        text = where(columns).as_string(cursor.cursor.connection)
    assert "IN ('2A', '44', '49')" in text
    assert postgres.located_or_invalid({}) is None
    many = {f"{n:02d}001": () for n in range(1, postgres.MAX_PREFIXES + 2)}
    assert postgres.located_or_invalid(many) is None
    assert postgres.located_or_invalid({"9712": ()}) is None


def test_more_errors_than_the_limit_stop_alike(compare, tmp_path):
    bad = edited(ROWS[:1], {0: {"siret": "1"}}) * (MAX_ERRORS + 50)
    summary = compare(write(tmp_path, HEADER, [*ROWS[:20], *bad, *ROWS[20:]]))
    assert len(summary["errors"]) == MAX_ERRORS + 1
    assert summary["rows"] == 20 + MAX_ERRORS


def test_legal_units_errors_are_reported_alike(compare, tmp_path):
    changes = {
        0: {"siren": "12AB"},
        1: {"categorieJuridiqueUniteLegale": "92200"},
        2: {"siren": " [ND] "},
    }
    rows = edited(UNIT_ROWS, changes, UNIT_COLUMNS)
    path = write(tmp_path, UNIT_HEADER, rows, name="StockUniteLegale.csv")
    assert len(compare(support.ETABLISSEMENTS, path)["errors"]) == 3


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (HEADER.replace("codeCommuneEtablissement,", "codeCommune,") + ROWS[0], "a.csv"),
        ("", "vide.csv"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "image.csv"),
        ("siret;siren\n", "StockEtablissement.xlsx"),
        (b"PK\x03\x04 not really a zip", "StockEtablissement.zip"),
        (HEADER, "en-tete-seul.csv"),
    ],
)
def test_files_refused_at_their_header_alike(compare, tmp_path, content, name):
    path = tmp_path / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    summary = compare(path, support.UNITES_LEGALES, sql=True)
    assert summary["errors"] or name == "en-tete-seul.csv"


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "".join(ROWS) + ",".join(["1"] * 10) + "\n",
        HEADER + "".join(ROWS[:100]) + "\n" + "".join(ROWS[100:]),
        HEADER + "".join(ROWS) + 'a,"b\n',
        HEADER + "".join(ROWS[:3]) + ROWS[3].replace(",A,", ',A"Z,', 1) + "".join(ROWS[4:]),
        HEADER + "".join(ROWS[:3]) + ROWS[3].replace(",,", ',"X" Y,', 1) + "".join(ROWS[4:]),
        HEADER + "".join(ROWS[:10]) + "\\.\n" + "".join(ROWS[10:]),
    ],
    ids=["short-row", "blank-line", "open-quote", "stray-quote", "quoted-word", "end-marker"],
)
def test_files_copy_cannot_read_are_left_to_the_python_reading(compare, tmp_path, text):
    compare(write(tmp_path, "", [text]), support.UNITES_LEGALES, sql=False)


def test_a_file_not_in_utf8_is_left_to_the_python_reading(compare, tmp_path):
    path = tmp_path / "StockEtablissement.csv"
    start = (HEADER + "".join(ROWS[:150])).encode("utf-8")
    path.write_bytes(start + "".join(ROWS[150:]).encode("cp1252"))
    assert any(not line.isascii() for line in ROWS[150:])
    assert compare(path, support.UNITES_LEGALES, sql=False)["errors"]


def test_a_line_break_in_a_value_before_an_error_is_left_to_the_python_reading(compare, tmp_path):
    rows = edited(ROWS, {0: {"libelleVoieEtablissement": "RUE\nDU PORT"}, 9: {"siret": "1"}})
    compare(write(tmp_path, HEADER, rows), support.UNITES_LEGALES, sql=False)


def test_a_bad_legal_units_file_after_good_establishments(compare, tmp_path):
    header = UNIT_HEADER.replace("categorieJuridiqueUniteLegale", "categorie")
    missing = write(tmp_path, header, UNIT_ROWS, name="StockUniteLegale.csv")
    assert compare(support.ETABLISSEMENTS, missing)["errors"][0]["row"] == 1
    short = write(tmp_path, UNIT_HEADER, [*UNIT_ROWS, "1,2\n"], name="StockUniteLegale2.csv")
    compare(support.ETABLISSEMENTS, short, sql=False)


def test_the_progress_only_goes_forward(territories):
    steps = []
    import_sirene(
        support.ETABLISSEMENTS,
        support.UNITES_LEGALES,
        [EPCI],
        progress=lambda percent, label: steps.append(percent),
    )
    assert steps[0] == 0 and steps[-1] == 100 and steps == sorted(steps)


def test_the_staging_tables_are_dropped(territories):
    import_sirene(support.ETABLISSEMENTS, support.UNITES_LEGALES, [EPCI])
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname LIKE 'sirene_stage_%%'")
        assert cursor.fetchone() == (0,)


def test_small_segments_end_at_record_ends(territories, monkeypatch, compare, tmp_path):
    monkeypatch.setattr(staging, "SEGMENT", 1000)
    monkeypatch.setattr(staging, "BLOCK", 333)
    rows = edited(ROWS, {i: {"libelleVoieEtablissement": 'A "B"\n, C'} for i in range(0, 200, 7)})
    compare(write(tmp_path, HEADER, rows), support.UNITES_LEGALES)


def test_it_inserts_plainly_into_an_empty_table_and_upserts_into_a_nearly_empty_one():
    rows = [(f"{n:09d}", f"Unité {n}", "9220", "O") for n in range(1, 7)]
    columns, extra = writers.LEGAL_UNIT_COLUMNS, {"batch_id": None}
    assert writers.upsert(LegalUnit, columns, rows[:1], extra) == (1, 0)
    changed = [(rows[0][0], "Autre nom", "9220", "O"), *rows[1:]]
    assert writers.upsert(LegalUnit, columns, changed, extra) == (5, 1)
    assert writers.upsert(LegalUnit, columns, changed, extra) == (0, 0)
    assert LegalUnit.objects.get(siren=rows[0][0]).name == "Autre nom"
