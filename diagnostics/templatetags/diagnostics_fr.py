"""French plural: 0 and 1 take the singular (Django's `pluralize` treats 0 as plural)."""

from django import template

register = template.Library()


@register.filter
def pluriel(count, forms="s"):
    """`{{ n|pluriel }}` gives "s" when n > 1; `{{ n|pluriel:"est,sont" }}` picks a form."""
    singular, _, plural = forms.rpartition(",") if "," in forms else ("", "", forms)
    try:
        many = int(count) > 1
    except (TypeError, ValueError):
        many = len(count) > 1 if hasattr(count, "__len__") else False
    return plural if many else singular
