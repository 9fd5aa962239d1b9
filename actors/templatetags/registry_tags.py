"""Template filters of the actor registry."""

from django import template

register = template.Library()


@register.filter
def pluriel(value, suffixes="s"):
    """The French plural suffix: 0 and 1 are singular ("0 acteur", "1 acteur", "2 acteurs").

    `suffixes` is "plural" or "singular,plural", as for Django's pluralize.
    """
    singular, _, plural = suffixes.rpartition(",") if "," in suffixes else ("", "", suffixes)
    try:
        return plural if abs(float(value)) >= 2 else singular
    except (TypeError, ValueError):
        return singular
