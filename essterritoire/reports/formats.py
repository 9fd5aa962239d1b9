"""French number formats for reports, charts and pages: 1 234,5 and 12,3 %.

The thousands separator is the narrow no-break space of the project's French formats
(essterritoire/formats/fr), the space before % a no-break space. Pure functions: charts use them
outside any request.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import timezone

THOUSANDS = "\u202f"
NBSP = "\u00a0"
MINUS = "\u2212"


def _decimal(value):
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None


def number(value, decimals=0, empty="—"):
    """`value` with French grouping and decimal comma; `empty` for None or non-numbers.

    >>> number(1234.5, 1)
    '1\\u202f234,5'
    """
    value = _decimal(value) if value is not None else None
    if value is None or not value.is_finite():
        return empty
    quantum = Decimal(1).scaleb(-decimals)
    value = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, _, fraction = f"{abs(value):f}".partition(".")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = THOUSANDS.join([whole, *groups])
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def percent(value, decimals=1, empty="—"):
    """'12,3 %' (no-break space before the sign)."""
    text = number(value, decimals, empty=None)
    return empty if text is None else f"{text}{NBSP}%"


def signed(value, decimals=1, unit="", empty="—"):
    """A gap with its sign: '+2,5 pts', '−1 234' (a true minus sign)."""
    text = number(value, decimals, empty=None)
    if text is None:
        return empty
    if text.startswith("-"):
        text = MINUS + text[1:]
    elif _decimal(value) != 0:
        text = "+" + text
    return f"{text}{NBSP}{unit}" if unit else text


def money(value, decimals=None, empty="—"):
    """'152\u202f000\u00a0€'; `decimals` None gives cents only when there are some
    ('1\u202f234,50\u00a0€')."""
    amount = _decimal(value) if value not in (None, "") else None
    if amount is None:
        return empty
    if decimals is None:
        decimals = 0 if amount == amount.to_integral_value() else 2
    return f"{number(amount, decimals)}{NBSP}€"


def day(value, empty="—"):
    """'23/11/2026' from a date, an aware datetime (in the local time zone) or an ISO text."""
    if not value:
        return empty
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y")
