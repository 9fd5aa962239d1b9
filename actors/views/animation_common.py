"""Helpers shared by the pages of the territory's animation (networks, meetings, holders)."""

from django.contrib import messages
from django.shortcuts import redirect, render

from essterritoire.exports import FORMATS, export_response
from essterritoire.pagination import paginate


def list_page(request, template, queryset, filter_form, **context):
    """A filtered, paginated list page."""
    queryset = filter_form.apply(queryset)
    context.update(page=paginate(request, queryset), filter_form=filter_form)
    return render(request, template, context)


def export(request, list_url, filename, headers, rows_for):
    """The list as CSV or XLSX (?format=); `rows_for()` builds the rows once the format is
    known to be valid."""
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        messages.error(request, "Format d'export inconnu\u00a0: choisissez CSV ou XLSX.")
        return redirect(list_url)
    return export_response(fmt, filename, headers, rows_for(), title=filename)


def confirm_delete(request, *, obj, kind, consequence, cancel_url):
    """The page that asks before a deletion (it works without JavaScript)."""
    context = {"object": obj, "kind": kind, "consequence": consequence, "cancel_url": cancel_url}
    return render(request, "actors/animation/confirm_delete.html", context)


def form_error_message(form):
    """The form's errors in one French sentence, for pages that redirect after a POST."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = " ".join(errors)
        parts.append(f"{label}\u00a0: {text}" if label else text)
    return " ".join(parts)


def names(actors):
    """Actor names joined for a spreadsheet cell."""
    return "\u00a0; ".join(actor.name for actor in actors)


def posted(request):
    """The submitted data, or None to show an unbound form. Unlike `request.POST or None`, a
    POST with every box unchecked is still a submission."""
    return request.POST if request.method == "POST" else None
