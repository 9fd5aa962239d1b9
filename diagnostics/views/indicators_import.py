"""The regional data import for staff: upload, then a page that follows the background check
(progress bar), shows the errors or the preview, and takes the confirmation, then follows the
writing; and the list of imports. Nothing is written before the confirmation, and nothing at
all when the file has an error."""

from decimal import Decimal

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from actors.permissions import staff_required
from diagnostics.indicators import forms, runs
from diagnostics.indicators.text import typo
from diagnostics.models import IndicatorImport, IndicatorValue
from essterritoire.pagination import paginate

NOT_WAITING = "Cet import n'attend plus de confirmation."


@staff_required
def indicator_import_list(request):
    """Imports, newest first, with how many values are stored."""
    runs.fail_abandoned()
    page = paginate(request, IndicatorImport.objects.select_related("created_by"))
    context = {"page": page, "stored": IndicatorValue.objects.count()}
    return render(request, "diagnostics/indicators/import_list.html", context)


@staff_required
def indicator_import(request):
    """Upload a file: it is kept and checked in the background, then shown, not written."""
    form = forms.IndicatorUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "diagnostics/indicators/import_form.html", {"form": form})
    upload, source = form.cleaned_data["fichier"], form.cleaned_data["source"]
    record = runs.start(upload.read(), upload.name, source, request.user)
    return redirect(record)


@staff_required
def indicator_import_detail(request, pk):
    """An import: its progress while a task runs (polled), then its errors, its preview with
    the confirmation, or what it wrote."""
    runs.fail_abandoned()
    record = get_object_or_404(IndicatorImport.objects.select_related("created_by"), pk=pk)
    report = record.report or {}
    preview = [{**row, "value": Decimal(row["value"])} for row in report.get("preview", [])]
    context = {"record": record, "report": report, "preview": preview}
    template = "diagnostics/indicators/import_detail.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, context)


@staff_required
@require_POST
def indicator_import_confirm(request, pk):
    """Queue the writing of a checked import."""
    record = get_object_or_404(IndicatorImport, pk=pk)
    if not runs.confirm(record):
        messages.error(request, NOT_WAITING)
    return redirect(record)


@staff_required
@require_POST
def indicator_import_cancel(request, pk):
    """Give up a checked import (its file is deleted); back to the upload form."""
    record = get_object_or_404(IndicatorImport, pk=pk)
    if not runs.cancel(record):
        messages.error(request, NOT_WAITING)
        return redirect(record)
    messages.info(request, typo("Import abandonné : rien n'a été enregistré."))
    return redirect("diagnostics:indicator-import")
