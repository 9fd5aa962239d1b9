"""Uploaded tables of the actor import: size and type checks, staging in MEDIA_ROOT/tmp under
a random name between the steps, and reading CSV (UTF-8 or Windows-1252, ; , or tab) or XLSX
(first sheet) into headers and rows of text."""

import csv
import io
import secrets
import time
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from django.conf import settings

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 100
EXTENSIONS = (".csv", ".xlsx")
TOO_MANY_ROWS = "Le fichier dépasse 5\u00a0000 lignes\u00a0: découpez-le."
STAGING_DIR = "tmp/actor-imports"
STAGED_LIFETIME = 24 * 3600


class ImportFileError(ValueError):
    """A file that cannot be read as a table; the message is for people."""


@dataclass
class Table:
    headers: list
    rows: list  # lists of strings, as long as `headers`
    numbers: list  # the row number of each row in the file (the headers' row is 1)


# Staging


def _staging_dir():
    path = Path(settings.MEDIA_ROOT) / STAGING_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def extension_of(filename):
    suffix = Path(filename or "").suffix.lower()
    if suffix not in EXTENSIONS:
        raise ImportFileError("Déposez un fichier .csv ou .xlsx.")
    return suffix


def stage(uploaded):
    """Check an uploaded file, read it once, keep it under a random name; returns
    (token, extension, table). Files older than a day are removed on the way."""
    extension = extension_of(uploaded.name)
    if uploaded.size > MAX_BYTES:
        raise ImportFileError("Le fichier dépasse 5\u00a0Mo.")
    data = uploaded.read(MAX_BYTES + 1)
    table = read_table(data, extension)
    _purge_old()
    token = secrets.token_hex(16)
    (_staging_dir() / f"{token}{extension}").write_bytes(data)
    return token, extension, table


def staged_path(token, extension):
    """The staged file's path; None for a token or extension that is not ours."""
    valid = isinstance(token, str) and len(token) == 32 and token.isalnum()
    if not valid or extension not in EXTENSIONS:
        return None
    path = _staging_dir() / f"{token}{extension}"
    return path if path.exists() else None


def read_staged(token, extension):
    path = staged_path(token, extension)
    if path is None:
        raise ImportFileError(
            "Le fichier déposé n'est plus disponible\u00a0: déposez-le à nouveau."
        )
    return read_table(path.read_bytes(), extension)


def discard(token, extension):
    path = staged_path(token, extension)
    if path:
        path.unlink(missing_ok=True)


def _purge_old():
    horizon = time.time() - STAGED_LIFETIME
    for path in _staging_dir().iterdir():
        if path.stat().st_mtime < horizon:
            path.unlink(missing_ok=True)


# Reading


def read_table(data, extension):
    """The table in the bytes of a .csv or .xlsx file; ImportFileError when it cannot be read."""
    if len(data) > MAX_BYTES:
        raise ImportFileError("Le fichier dépasse 5\u00a0Mo.")
    rows = _read_xlsx(data) if extension == ".xlsx" else _read_csv(data)
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if not numbered:
        raise ImportFileError("Le fichier est vide.")
    if len(numbered) > MAX_ROWS + 1:
        raise ImportFileError(TOO_MANY_ROWS)
    headers = _headers(numbered[0][1])
    body = [(row + [""] * len(headers))[: len(headers)] for _n, row in numbered[1:]]
    if not body:
        raise ImportFileError("Le fichier n'a pas de ligne de données sous les en-têtes.")
    return Table(headers, body, [n for n, _row in numbered[1:]])


def _decode(data):
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError("Encodage illisible\u00a0: enregistrez le fichier en CSV UTF-8.")


def _read_csv(data):
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError("Ce fichier n'est pas un fichier texte CSV.")
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [[cell.strip() for cell in row[:MAX_COLUMNS]] for row in _limited(reader)]
    except csv.Error:
        raise ImportFileError(
            "CSV illisible\u00a0: une cellule est trop longue ou des guillemets ne sont pas fermés."
        ) from None


def _limited(rows):
    for number, row in enumerate(rows):
        if number > MAX_ROWS + 1:
            raise ImportFileError(TOO_MANY_ROWS)
        yield row


def _read_xlsx(data):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        return [[_cell_text(value) for value in row] for row in _limited(rows)]
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError, TypeError):
        raise ImportFileError("Ce fichier n'est pas un classeur XLSX lisible.") from None


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\x00", "").strip()


def _headers(row):
    headers, seen = [], {}
    for number, cell in enumerate(row, start=1):
        header = " ".join(cell.split()) or f"Colonne {number}"
        seen[header] = seen.get(header, 0) + 1
        headers.append(header if seen[header] == 1 else f"{header} ({seen[header]})")
    return headers
