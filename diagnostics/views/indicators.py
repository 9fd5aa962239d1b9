"""The indicators dashboard of a diagnostic (readers see it) and the decisions on its AFOM
suggestions (editors)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from diagnostics.indicators import services, suggestions
from diagnostics.indicators.comparisons import compare
from diagnostics.indicators.dashboard import dashboard
from diagnostics.models import Diagnostic
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object

DIAGNOSTICS = Diagnostic.objects.select_related("territory", "workspace")
GONE = "Cette suggestion ne ressort plus des chiffres actuels\u00a0: rien n'a été fait."


def _dashboard_url(diagnostic, anchor=""):
    url = reverse("diagnostics:indicator-dashboard", args=[diagnostic.pk])
    return f"{url}#{anchor}" if anchor else url


@with_object(DIAGNOSTICS, Action.VIEW, pk="pk")
def indicator_dashboard(request, diagnostic):
    """Key figures, charts with their data tables, comparisons, communes, imported values."""
    context = {
        "diagnostic": diagnostic,
        "can_change": can(request.user, diagnostic.workspace_id, Action.CHANGE),
        **dashboard(diagnostic),
    }
    return render(request, "diagnostics/indicators/dashboard.html", context)


def _posted_suggestion(request, diagnostic):
    key = request.POST.get("key", "")
    found = suggestions.suggest(compare(diagnostic))
    return next((suggestion for suggestion in found if suggestion.key == key), None)


@with_object(DIAGNOSTICS, Action.CHANGE, pk="pk")
@require_POST
def suggestion_accept(request, diagnostic):
    """The suggestion becomes an AFOM item with the indicator as its evidence."""
    suggestion = _posted_suggestion(request, diagnostic)
    if suggestion is None:
        messages.error(request, GONE)
        return redirect(_dashboard_url(diagnostic, "suggestions"))
    try:
        item = services.suggestion_accept(
            diagnostic=diagnostic, suggestion=suggestion, user=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_dashboard_url(diagnostic, "suggestions"))
    quadrant = item.get_quadrant_display().lower()
    messages.success(
        request, f"«\u00a0{item.title}\u00a0» est ajouté à la matrice AFOM ({quadrant})."
    )
    return redirect(_dashboard_url(diagnostic, "suggestions"))


@with_object(DIAGNOSTICS, Action.CHANGE, pk="pk")
@require_POST
def suggestion_reject(request, diagnostic):
    """The suggestion is set aside and not offered again."""
    suggestion = _posted_suggestion(request, diagnostic)
    if suggestion is None:
        messages.error(request, GONE)
        return redirect(_dashboard_url(diagnostic, "suggestions"))
    try:
        services.suggestion_reject(diagnostic=diagnostic, suggestion=suggestion, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_dashboard_url(diagnostic, "suggestions"))
    messages.success(request, f"Suggestion écartée\u00a0: «\u00a0{suggestion.title}\u00a0».")
    return redirect(_dashboard_url(diagnostic, "suggestions"))
