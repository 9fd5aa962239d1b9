"""The portfolio of a CRESS facilitator: every diagnostic of every workspace they belong to."""

from django.shortcuts import render
from django.utils import timezone

from diagnostics.models import Diagnostic
from essterritoire.accounts.permissions import authenticated, scope


@authenticated
def portfolio(request):
    """Each diagnostic with its workspace, current phase, late phases and counts; the number
    of queries does not depend on the number of diagnostics (annotations and a prefetch)."""
    today = timezone.localdate()
    diagnostics = list(
        scope(Diagnostic.objects.for_listing(), request.user).order_by(
            "workspace__name", "-start_date", "title", "pk"
        )
    )
    for diagnostic in diagnostics:
        diagnostic.late = diagnostic.late_phases(today)
    context = {
        "diagnostics": diagnostics,
        "late_count": sum(1 for diagnostic in diagnostics if diagnostic.late),
        "workspace_count": len({diagnostic.workspace_id for diagnostic in diagnostics}),
        "today": today,
    }
    return render(request, "diagnostics/portfolio.html", context)
