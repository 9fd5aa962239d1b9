"""Reading the imported regional values: as the indicators document lists them, the latest
value of an indicator, the series of an indicator over the years."""

from collections import defaultdict
from decimal import Decimal

from diagnostics.indicators import catalog
from diagnostics.models import IndicatorValue

FIELDS = ("territory_id", "indicator", "label", "year", "value", "unit", "source")


def json_number(value):
    """A Decimal as the JSON number it is: an int when whole, else a float."""
    if value is None:
        return None
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def rows_for(territories):
    """{territory pk: [value dicts]} of the territories, ordered by indicator, year, source;
    one query."""
    rows = defaultdict(list)
    queryset = IndicatorValue.objects.filter(territory__in=[t.pk for t in territories])
    for row in queryset.order_by("indicator", "year", "source").values(*FIELDS):
        rows[row.pop("territory_id")].append(row)
    return rows


def values_document(territory):
    """The `imported` list of the indicators document."""
    return as_json(rows_for([territory]).get(territory.pk, []))


def as_json(rows):
    return [{**row, "value": json_number(row["value"])} for row in rows]


def latest(rows, code):
    """The row of `code` with the latest year (then the first source by name), or None."""
    matching = [row for row in rows if row["indicator"] == code]
    if not matching:
        return None
    year = max(row["year"] for row in matching)
    return min((row for row in matching if row["year"] == year), key=lambda row: row["source"])


def total_employment(rows):
    """(row, phrase) of the first total employment known among the rows, or (None, "")."""
    for code, phrase in catalog.TOTAL_EMPLOYMENT:
        row = latest(rows, code)
        if row is not None:
            return row, phrase
    return None, ""


def series(rows, code):
    """[(year, value)] of an indicator, one source (the one with most years), by year."""
    by_source = defaultdict(list)
    for row in rows:
        if row["indicator"] == code:
            by_source[row["source"]].append((row["year"], row["value"]))
    if not by_source:
        return "", []
    source = max(sorted(by_source), key=lambda name: len(by_source[name]))
    return source, sorted(by_source[source])
