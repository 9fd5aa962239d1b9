import io
from datetime import date
from decimal import Decimal

from openpyxl import load_workbook

from essterritoire.exports import export_response, neutralize


def test_formula_cells_are_neutralised():
    for value in ["=1+1", "+33 6", "-2", "@SUM(A1)", "\t=x"]:
        assert neutralize(value).startswith("'")
    assert neutralize("Association =") == "Association ="
    assert neutralize(-2) == -2


def test_csv_is_utf8_with_bom_semicolons_and_french_numbers():
    response = export_response(
        "csv",
        "acteurs",
        ["Nom", "Budget", "Date"],
        [["=Évry", Decimal("1234.5"), date(2026, 11, 23)]],
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffNom;Budget;Date")
    assert "'=Évry;1234,5;23/11/2026" in text
    assert 'filename="acteurs-' in response["Content-Disposition"]


def test_xlsx_keeps_numbers_and_neutralises_text():
    response = export_response("xlsx", "acteurs", ["Nom", "Nombre"], [["@x", 12]])
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[2]] == ["'@x", 12]
