"""French numbers in the indicator pages: {{ n|nombre }}, {{ n|nombre:1 }}, {{ s|pourcentage }},
{{ gap|ecart:"pts" }}; "—" when the value is unknown."""

from decimal import Decimal, InvalidOperation

from django import template

from essterritoire.reports.formats import number, percent, signed

register = template.Library()


@register.filter
def nombre(value, decimals=0):
    return number(value, int(decimals))


@register.filter
def nombre_exact(value):
    """A Decimal with the decimals it has (at most 4): 1 234,5 ; 12 ; 0,0042."""
    return number(value, decimals_of(value))


def decimals_of(value):
    try:
        exponent = Decimal(value).normalize().as_tuple().exponent
    except (InvalidOperation, TypeError, ValueError):
        return 0
    return min(max(0, -exponent), 4) if isinstance(exponent, int) else 0


@register.filter
def pourcentage(value, decimals=1):
    return percent(value, int(decimals))


@register.filter
def ecart(value, unit=""):
    return signed(value, 1, unit)


@register.filter
def valeur(row):
    """An imported value with its unit: '12,3 %', '153 100 salariés'."""
    if not row:
        return "—"
    value, unit = row["value"], row["unit"]
    if unit == "%":
        return percent(value)
    shown = number(value, min(decimals_of(value), 1))
    return f"{shown}\u00a0{unit}" if unit else shown


@register.filter
def cle(mapping, key):
    """mapping[key] in a template, None when absent."""
    return mapping.get(key) if mapping else None
