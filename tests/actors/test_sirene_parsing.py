"""Pure parsing functions of the SIRENE import, on sample values and small files."""

import csv
import io
import zipfile

import pytest

from actors.sirene import parsing, samples
from actors.sirene.classify import LegalUnitInfo, Rules, classify, matching_rule
from actors.sirene.summary import Summary
from actors.sirene.text import typo


def values(**overrides):
    """Establishment values in the order parse_establishment expects."""
    row = samples.establishment("78430815700014", "44003", "88.99B", "11", "O")
    row.update(overrides)
    columns = (*parsing.ESTABLISHMENT_REQUIRED, *parsing.ESTABLISHMENT_OPTIONAL)
    return [row.get(column, "") for column in columns]


def test_an_establishment_row_is_parsed():
    row = parsing.parse_establishment(
        values(
            denominationUsuelleEtablissement=" Ressourcerie ",
            numeroVoieEtablissement="3",
            typeVoieEtablissement="RUE",
            libelleVoieEtablissement="DE LA LOIRE",
            codePostalEtablissement="44150",
            libelleCommuneEtablissement="ANCENIS",
        )
    )
    assert row.siren == "784308157"
    assert row.name == "Ressourcerie"
    assert row.employer and row.active and not row.non_diffusible
    assert row.size_band == "11"
    assert row.address == "3 RUE DE LA LOIRE, 44150 ANCENIS"


def test_the_name_falls_back_to_the_first_sign():
    row = parsing.parse_establishment(values(enseigne1Etablissement="La Gerbe"))
    assert row.name == "La Gerbe"


def test_not_diffused_values_are_blank_and_flag_the_row():
    nd = "[ND]"
    row = parsing.parse_establishment(
        values(
            statutDiffusionEtablissement="P",
            denominationUsuelleEtablissement=nd,
            enseigne1Etablissement=nd,
            libelleVoieEtablissement=nd,
        )
    )
    assert row.non_diffusible
    assert row.name == ""
    assert row.address == ""


def test_a_closed_establishment_is_inactive():
    assert not parsing.parse_establishment(values(etatAdministratifEtablissement="F")).active


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"etatAdministratifEtablissement": "X"}, "etatAdministratifEtablissement"),
        ({"siren": "111111111"}, "siren"),
        ({"activitePrincipaleEtablissement": "88.99BBB"}, "activitePrincipaleEtablissement"),
    ],
)
def test_values_that_cannot_be_stored_are_row_errors(overrides, column):
    with pytest.raises(parsing.RowError) as error:
        parsing.parse_establishment(values(**overrides))
    assert error.value.column == column


def test_unknown_tranche_is_blank_not_an_error():
    assert parsing.parse_establishment(values(trancheEffectifsEtablissement="99")).size_band == ""


def test_row_problem_names_the_bad_siret():
    assert parsing.row_problem(["123", "x"], 2, 0) == (
        "siret",
        "123",
        "SIRET invalide (14 chiffres attendus)",
    )
    assert parsing.row_problem(["12345678901234"], 2, 0)[0] == ""
    assert parsing.row_problem(["12345678901234", "x"], 2, 0) is None


def test_a_legal_unit_row_is_parsed():
    assert parsing.parse_legal_unit(["784308157", "9220", "O", "Amicale"]) == (
        "784308157",
        "Amicale",
        "9220",
        "O",
    )
    assert parsing.parse_legal_unit(["784308157", "5710", "?", "[ND]"])[1:] == ("", "5710", "")
    with pytest.raises(parsing.RowError):
        parsing.parse_legal_unit(["78430815", "9220", "O", ""])


def test_the_header_is_read_by_name_in_any_order_with_extra_columns():
    header = [
        "extra",
        "siren",
        "\ufeffcategorieJuridiqueUniteLegale",
        "denominationUniteLegale",
        "economieSocialeSolidaireUniteLegale",
    ]
    index, width = parsing.read_header(iter([header]), parsing.LEGAL_UNIT_REQUIRED, ())
    assert index["siren"] == 1 and index["categorieJuridiqueUniteLegale"] == 2
    assert width == 5


def test_a_missing_column_is_named():
    with pytest.raises(parsing.SireneFileError) as error:
        parsing.read_header(
            iter([["siren", "denominationUniteLegale"]]), parsing.LEGAL_UNIT_REQUIRED, ()
        )
    assert error.value.row == 1
    assert "categorieJuridiqueUniteLegale" in error.value.column


def test_a_zip_holding_one_csv_is_opened(tmp_path):
    archive = tmp_path / "StockUniteLegale_utf8.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.writestr("StockUniteLegale_utf8.csv", "siren\n784308157\n")
    with parsing.open_binary(archive) as (stream, size):
        rows = list(csv.reader(io.TextIOWrapper(stream, encoding="utf-8")))
    assert rows == [["siren"], ["784308157"]] and size == 16


def test_the_first_non_utf8_line_is_located(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("siren\nok\nAmicale laïque\n".encode("latin-1"))
    row, shown = parsing.locate_decoding_error(path)
    assert row == 3
    assert shown.startswith("Amicale la")


def test_luhn_numbers_of_the_samples_pass_the_luhn_test():
    siren = samples.luhn_complete("78430815")
    digits = [int(c) for c in reversed(samples.luhn_complete(siren + "0001"))]
    total = sum(
        d if i % 2 == 0 else (d * 2 - 9 if d * 2 > 9 else d * 2) for i, d in enumerate(digits)
    )
    assert total % 10 == 0


RULES = Rules.from_rows(
    [
        ("naf_exclusion", "94.11Z", "non_ess"),
        ("naf_exclusion", "84", "non_ess"),
        ("legal_category", "9220", "association"),
        ("legal_category", "5458", "cooperative"),
        ("ess_flag", "O", "ess_commercial"),
    ]
)


@pytest.mark.parametrize(
    ("naf", "unit", "family"),
    [
        ("94.11Z", LegalUnitInfo("Union des commerçants", "9220", "O"), "non_ess"),
        ("84.25Z", LegalUnitInfo("Amicale des pompiers", "9220", "O"), "non_ess"),
        ("88.99B", LegalUnitInfo("Amicale", "9220", "O"), "association"),
        ("43.32A", LegalUnitInfo("SCOP SAS", "5710", "O"), "ess_commercial"),
        ("16.23Z", LegalUnitInfo("SCOP SARL", "5458", "N"), "cooperative"),
        ("47.11B", LegalUnitInfo("Épicerie", "5499", "N"), "non_ess"),
        ("88.99B", None, "unclassified"),
    ],
)
def test_classification_applies_the_rules_in_order(naf, unit, family):
    assert classify(naf, unit, RULES) == family


def test_the_longest_naf_prefix_wins():
    rules = Rules.from_rows(
        [("naf_exclusion", "94", "non_ess"), ("naf_exclusion", "94.99", "association")]
    )
    assert matching_rule("94.99Z", LegalUnitInfo("", "9220", ""), rules)[:2] == (
        "association",
        "naf_exclusion",
    )


def test_the_central_estimate_is_the_midpoint_of_the_bounds_rounded_up():
    summary = Summary(ess_employees_min=3, ess_employees_max=6)
    assert summary.ess_employees_estimate == 5


def test_typography_puts_no_break_spaces():
    assert typo("Erreur : « x » ?") == "Erreur\u00a0: «\u00a0x\u00a0»\u00a0?"
