"""A malformed file is refused with its row, column, value and reason, and changes nothing."""

import json
import zipfile
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actors.models import Establishment, ImportBatch, LegalUnit
from tests.fixtures.sirene import support

pytestmark = pytest.mark.django_db
SAMPLE = support.ETABLISSEMENTS.read_text(encoding="utf-8")
LINES = SAMPLE.splitlines(keepends=True)
LAST = len(LINES)  # the row number of the last data row (the header is row 1)


@pytest.fixture
def imported(db):
    """Territories, and the sample imported once: a bad file must leave it as it is."""
    support.load_territories()
    call_command(
        "import_sirene",
        "--etablissements",
        str(support.ETABLISSEMENTS),
        "--unites-legales",
        str(support.UNITES_LEGALES),
        stdout=StringIO(),
    )
    return snapshot()


def snapshot():
    return (
        sorted(Establishment.objects.values_list()),
        sorted(LegalUnit.objects.values_list()),
        ImportBatch.objects.count(),
    )


def refused(path, *extra):
    """Run the command on a bad file: it must fail; its --json errors."""
    out = StringIO()
    with pytest.raises(CommandError, match="rien n'a été écrit"):
        call_command("import_sirene", "--etablissements", str(path), *extra, "--json", stdout=out)
    return json.loads(out.getvalue())["errors"]


def write(tmp_path, text, name="StockEtablissement.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding) if isinstance(text, str) else text)
    return path


def last_row_with(old, new):
    return "".join(LINES[:-1]) + LINES[-1].replace(old, new, 1)


def test_a_missing_required_column_is_named(imported, tmp_path):
    header = LINES[0].replace("codeCommuneEtablissement,", "codeCommune,")
    errors = refused(write(tmp_path, header + "".join(LINES[1:])))
    assert errors[0]["row"] == 1
    assert errors[0]["column"] == "codeCommuneEtablissement"
    assert "absente" in errors[0]["reason"]
    assert snapshot() == imported


def test_a_siret_that_is_not_14_digits_is_named(imported, tmp_path):
    siret = LINES[-1].split(",")[2]
    errors = refused(write(tmp_path, last_row_with(siret, siret[:13])))
    assert errors == [
        {
            "file": "StockEtablissement.csv",
            "row": LAST,
            "column": "siret",
            "value": siret[:13],
            "reason": "SIRET invalide (14 chiffres attendus)",
        }
    ]
    assert snapshot() == imported


def test_a_file_not_in_utf8_is_refused_at_its_row(imported, tmp_path):
    target = next(n for n, line in enumerate(LINES, 1) if not line.isascii())
    errors = refused(write(tmp_path, SAMPLE, encoding="cp1252"))
    assert errors[0]["row"] == target
    assert "UTF-8" in errors[0]["reason"]
    assert snapshot() == imported


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "image.csv", "UTF-8"),
        ("Bonjour,\nceci n'est pas un fichier SIRENE\n", "notes.csv", "absente"),
        ("", "vide.csv", "vide"),
        ("siret;siren\n", "StockEtablissement.xlsx", "format non pris en charge"),
        (b"PK\x03\x04 not really a zip", "StockEtablissement.zip", "zip"),
    ],
)
def test_a_file_that_is_not_a_sirene_csv_is_refused(imported, tmp_path, content, name, reason):
    errors = refused(write(tmp_path, content, name=name))
    assert reason in errors[0]["reason"]
    assert snapshot() == imported


def test_a_zip_without_csv_is_refused(imported, tmp_path):
    archive = tmp_path / "StockEtablissement_utf8.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("LISEZMOI.txt", "rien")
    errors = refused(archive)
    assert "aucun fichier .csv" in errors[0]["reason"]
    assert snapshot() == imported


def test_a_row_with_missing_columns_or_a_duplicate_siret_is_refused(imported, tmp_path):
    short = ",".join(LINES[-1].split(",")[:10]) + "\n"
    errors = refused(write(tmp_path, SAMPLE + LINES[1] + short))
    assert [(e["row"], e["column"]) for e in errors] == [(LAST + 1, "siret"), (LAST + 2, "")]
    assert errors[0]["reason"] == "SIRET en double dans le fichier"
    assert "nombre de colonnes" in errors[1]["reason"]
    assert snapshot() == imported


def test_a_bad_legal_units_file_changes_nothing(imported, tmp_path):
    units = support.UNITES_LEGALES.read_text(encoding="utf-8").splitlines(keepends=True)
    siren_at = units[0].split(",").index("siren")
    bad = units[-1].split(",")
    bad[siren_at] = "12AB"
    path = write(tmp_path, "".join(units[:-1]) + ",".join(bad), name="StockUniteLegale.csv")
    errors = refused(support.ETABLISSEMENTS, "--unites-legales", str(path))
    assert errors[0]["column"] == "siren" and errors[0]["value"] == "12AB"
    assert errors[0]["row"] == len(units)
    assert snapshot() == imported


def test_an_unknown_territory_is_refused_before_reading(imported):
    with pytest.raises(CommandError, match="Territoire inconnu"):
        call_command(
            "import_sirene",
            "--etablissements",
            str(support.ETABLISSEMENTS),
            "--territory",
            "epci:999999999",
        )
    assert snapshot() == imported
