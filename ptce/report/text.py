"""French formats for the printed documents, on top of essterritoire.reports.formats (money,
dates): FTE, counts, benchmark units, and the way back from
the collected JSON (strings) to Decimal and date."""

from datetime import date
from decimal import Decimal

from essterritoire.reports.formats import NBSP, money, number, percent, signed

EMPTY = "—"


def to_decimal(value):
    return None if value in (None, "") else Decimal(value)


def to_date(value):
    return None if not value else date.fromisoformat(value)


def fte(value, empty=EMPTY):
    if value is None:
        return empty
    value = Decimal(str(value))
    decimals = 0 if value == value.to_integral_value() else 1
    return f"{number(value, decimals)}{NBSP}ETP"


def count(value, empty=EMPTY):
    return number(value, 0, empty=empty)


# The units of ptce.rules.REFERENCES: euros, pourcentage, etp, nombre.
VALUE_FORMATS = {"euros": money, "pourcentage": lambda v: percent(v, 1), "etp": fte}
GAP_UNITS = {"euros": (0, "€"), "pourcentage": (1, "pts"), "etp": (1, "ETP"), "nombre": (0, "")}


def in_unit(value, unit):
    """A benchmark figure in its unit; 'non renseigné' without a value."""
    if value is None:
        return "non renseigné"
    return VALUE_FORMATS.get(unit, count)(value)


def gap_in_unit(value, unit):
    if value is None:
        return EMPTY
    decimals, suffix = GAP_UNITS.get(unit, (0, ""))
    return signed(value, decimals, suffix)


def quoted(text):
    return f"«{NBSP}{text}{NBSP}»"


def plural(amount, singular, many=None):
    """'1 membre', '12 membres'."""
    word = singular if amount in (0, 1) else (many or f"{singular}s")
    return f"{count(amount)}{NBSP}{word}"
