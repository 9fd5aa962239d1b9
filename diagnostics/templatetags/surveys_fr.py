"""French figures for the survey pages: {{ share|pourcent }} "12,3 %" (0 to 100),
{{ rate|taux }} "63,2 %" (0 to 1), {{ value|nombre:1 }} "1 234,5",
{{ value|nombre:"auto" }} "12" or "2,5"."""

from django import template

from essterritoire.reports.formats import number, percent

register = template.Library()


@register.filter
def pourcent(value, decimals=1):
    return percent(value, int(decimals))


@register.filter
def taux(value, decimals=1):
    return percent(None if value is None else 100 * value, int(decimals))


@register.filter
def nombre(value, decimals=0):
    """`decimals` digits after the comma; "auto": none for a whole number, else up to two."""
    if decimals == "auto":
        whole = value is not None and float(value).is_integer()
        text = number(value, 0 if whole else 2)
        return text.rstrip("0") if "," in text else text
    return number(value, int(decimals))
