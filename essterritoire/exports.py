"""CSV and XLSX exports of tables, shared by every list page.

Cells that a spreadsheet would read as a formula (starting with = + - @, or a tab or carriage
return) are prefixed with an apostrophe: an export never runs code on the reader's machine.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def neutralize(value):
    """The cell value as written: formulas defused, dates and numbers kept as such."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float, Decimal, date)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _csv_bytes(headers, rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_cell(neutralize(v)) for v in row])
    # The BOM lets Excel open UTF-8 with accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_cell(value):
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (float, Decimal)):
        return str(value).replace(".", ",")
    return value


def _xlsx_bytes(headers, rows, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([neutralize(v) for v in row])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(fmt, filename, headers, rows, title="Export"):
    """An HTTP download of the table in `fmt` ("csv" or "xlsx"); `rows` may be a generator."""
    if fmt not in FORMATS:
        raise ValueError(f"Format d'export inconnu : {fmt}")
    content = _csv_bytes(headers, rows) if fmt == "csv" else _xlsx_bytes(headers, rows, title)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    stamp = timezone.localdate().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{fmt}"'
    return response
