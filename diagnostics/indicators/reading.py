"""Reading a regional data file: CSV (UTF-8 or Windows-1252; ";", "," or tab) or XLSX (first
sheet), into a header and rows of text numbered as the lines of the file (the header is 1);
and French numbers and years, as people type them ("1 234,5", "12,3 %", "−4").
"""

import csv
import io
import re
import unicodedata
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import NamedTuple

from essterritoire.reports.formats import number

EXTENSIONS = (".csv", ".xlsx")
MAX_ROWS = 200_000
SPACES = dict.fromkeys(map(ord, " \u00a0\u202f\u2009\u2007\t"), None)
NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
MAX_INTEGER_DIGITS = 16  # IndicatorValue.value: 20 digits, 4 after the point
PLACES = Decimal("0.0001")


class FileError(ValueError):
    """A file that cannot be read as a table; the message is for people."""


class ValueProblem(ValueError):
    """A cell that cannot be read; the message is the reason shown."""


# Tables -----------------------------------------------------------------------------------


class Table(NamedTuple):
    keys: list  # the header as column keys ("Année" → "annee")
    labels: list  # the header as the file writes it
    rows: list  # (line number, cells as text, as many as the header)


def read_table(data, name):
    """The Table in the bytes of a .csv or .xlsx file; FileError when it cannot be read."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise FileError("format non pris en charge : déposez un fichier .csv ou .xlsx")
    rows = _xlsx_rows(data) if suffix == ".xlsx" else _csv_rows(data)
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise FileError("fichier vide : une ligne d'en-tête est attendue")
    if len(numbered) > MAX_ROWS + 1:
        raise FileError(f"plus de {number(MAX_ROWS)} lignes : découpez le fichier")
    (_, header), body = numbered[0], numbered[1:]
    labels = [cell.lstrip("\ufeff").strip() for cell in header]
    rows = [(n, _fit(row, len(header))) for n, row in body]
    return Table([_header_name(label) for label in labels], labels, rows)


def _fit(row, width):
    """The row cut or padded to the header's width."""
    return [cell.strip() for cell in (row + [""] * width)[:width]]


def decode(data):
    """Text of the bytes: UTF-8 (with or without BOM), else Windows-1252."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise FileError("encodage illisible : enregistrez le fichier en UTF-8")


def _csv_rows(data):
    text = decode(data)
    if "\x00" in text:
        raise FileError("ce fichier n'est pas un fichier texte CSV")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise FileError(f"CSV illisible ({error})") from None


def _xlsx_rows(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        return [[_cell_text(value) for value in row] for row in rows]
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError):
        raise FileError("ce fichier n'est pas un classeur XLSX lisible") from None


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _header_name(cell):
    """A header cell as a column key: "Code région" → "code_region"."""
    text = unicodedata.normalize("NFKD", cell.lstrip("\ufeff")).encode("ascii", "ignore")
    return re.sub(r"[^a-z0-9]+", "_", text.decode().lower()).strip("_")


def plain(text):
    """Lower-case, accents and extra spaces removed: for matching labels."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


# Cells --------------------------------------------------------------------------------------


def parse_number(text):
    """(Decimal, is a percentage) of a number as written in French or English spreadsheets:
    "1 234,5", "1.234,5", "1234.5", "12,3 %", "−4"; ValueProblem otherwise."""
    raw = (text or "").strip()
    if not raw:
        raise ValueProblem("valeur manquante")
    compact = raw.translate(SPACES).replace("\u2212", "-").replace("€", "")
    is_percent = compact.endswith("%")
    compact = compact.removesuffix("%")
    compact = _normalise_separators(compact)
    if compact is None or not NUMBER.fullmatch(compact):
        raise ValueProblem("valeur non numérique")
    try:
        value = Decimal(compact).quantize(PLACES, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise ValueProblem("valeur non numérique") from None
    if value.adjusted() >= MAX_INTEGER_DIGITS:
        raise ValueProblem("valeur trop grande")
    return value, is_percent


def _normalise_separators(text):
    """The number with "." as decimal point and no grouping; None when ambiguous."""
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return text.replace(grouping, "").replace(decimal, ".")
    if text.count(",") > 1:
        return None
    if text.count(".") > 1:
        return text.replace(".", "")
    return text.replace(",", ".")


def parse_year(text):
    raw = (text or "").strip()
    if not raw:
        raise ValueProblem("année manquante")
    if not re.fullmatch(r"\d{4}", raw) or not 1900 <= int(raw) <= 2100:
        raise ValueProblem("année illisible (quatre chiffres attendus, par exemple 2022)")
    return int(raw)
