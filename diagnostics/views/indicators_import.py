"""The regional data import for staff: upload, preview with the error list, confirmation; and
the list of past imports. Nothing is written before the confirmation, and nothing at all when
the file has an error."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from actors.permissions import staff_required
from diagnostics.indicators import forms
from diagnostics.indicators.importer import import_bytes
from diagnostics.indicators.text import typo
from diagnostics.models import IndicatorImport, IndicatorValue
from essterritoire.pagination import paginate
from essterritoire.reports.formats import number

EXPIRED = "Le fichier déposé n'est plus disponible\u00a0: déposez-le à nouveau."


@staff_required
def indicator_import_list(request):
    """Past imports, newest first, with how many values are stored."""
    page = paginate(request, IndicatorImport.objects.select_related("created_by"))
    context = {"page": page, "stored": IndicatorValue.objects.count()}
    return render(request, "diagnostics/indicators/import_list.html", context)


@staff_required
def indicator_import(request):
    """Upload a file: it is checked in full and shown, not written."""
    form = forms.IndicatorUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "diagnostics/indicators/import_form.html", {"form": form})
    upload, source = form.cleaned_data["fichier"], form.cleaned_data["source"]
    data = upload.read()
    outcome = import_bytes(data, upload.name, source=source, dry_run=True)
    token = "" if outcome.errors else forms.stage(data, upload.name)
    context = {"outcome": outcome, "token": token, "name": upload.name, "source": source}
    return render(request, "diagnostics/indicators/import_preview.html", context)


@staff_required
@require_POST
def indicator_import_confirm(request):
    """Write the previewed file (checked again: the reference data may have changed)."""
    token = request.POST.get("token", "")
    data = forms.staged(token)
    if data is None:
        messages.error(request, EXPIRED)
        return redirect("diagnostics:indicator-import")
    name, source = request.POST.get("name", "")[:255], request.POST.get("source", "")[:120]
    outcome = import_bytes(data, name or token, source=source, user=request.user)
    if outcome.errors:
        context = {"outcome": outcome, "token": "", "name": name, "source": source}
        return render(request, "diagnostics/indicators/import_preview.html", context)
    forms.discard(token)
    messages.success(
        request,
        typo(
            f"Import terminé : {number(outcome.created)} valeurs créées, "
            f"{number(outcome.updated)} mises à jour, {number(outcome.unchanged)} inchangées."
        ),
    )
    return redirect("diagnostics:indicator-import-list")
