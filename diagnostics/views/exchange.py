from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import slugify

from diagnostics.exchange.documents import (
    DocumentError,
    export_json,
    import_diagnostic,
    parse_json,
)
from diagnostics.forms_exchange import ImportDocumentForm
from diagnostics.models import Diagnostic
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import requires, with_object
from essterritoire.accounts.services import activity_record


@with_object(Diagnostic, Action.VIEW, pk="pk")
def export_document(request, diagnostic):
    response = HttpResponse(export_json(diagnostic), content_type="application/json")
    name = slugify(diagnostic.title) or "diagnostic"
    response["Content-Disposition"] = f'attachment; filename="{name}.json"'
    return response


@requires(Action.CHANGE)
def import_document(request):
    form = ImportDocumentForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            document = parse_json(form.cleaned_data["file"].read())
            diagnostic = import_diagnostic(document, workspace=request.workspace, user=request.user)
        except DocumentError as error:
            errors = error.errors
        else:
            activity_record(
                workspace=request.workspace,
                user=request.user,
                verb="a importé le diagnostic",
                target=diagnostic.title,
                url=diagnostic.get_absolute_url(),
            )
            messages.success(request, f"Diagnostic « {diagnostic.title} » importé.")
            return redirect(diagnostic)
    return render(request, "diagnostics/import.html", {"form": form, "errors": errors})
