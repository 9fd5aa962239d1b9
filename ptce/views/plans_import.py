"""Import of an existing plan from an XLSX workbook: the template to download, the upload that
shows a preview with every problem (row, column, value, reason), and the confirmation that
writes the plan. Nothing is written while a problem remains (ptce/imports_plans.py)."""

import io
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from diagnostics.models import Diagnostic
from essterritoire.accounts.enums import Action as Permission
from essterritoire.accounts.permissions import with_object
from essterritoire.exports import FORMATS
from ptce import imports_plans as imports
from ptce import services_plans as services
from ptce.forms_plans import PlanImportForm
from ptce.views.plans import plan_url, posted

SESSION_KEY = "ptce_plan_import"
STAGING_DIR = "tmp/plan-imports"
STAGED_LIFETIME = 24 * 3600
SHOWN_ROWS = 200
SHOWN_ERRORS = 500
NBSP = "\u00a0"
EXAMPLE = [
    "Structurer la coopération entre acteurs de l'ESS",
    "Faire connaître l'ESS du territoire",
    "Organiser le Mois de l'ESS",
    "Programme commun des structures en novembre",
    "collectivité",
    "",
    "01/09/2026",
    "30/11/2026",
    "En cours",
    "40",
    "8 000",
    "Région Pays de la Loire",
    "5 000",
    "oui",
    "Participants",
    "personnes",
    "0",
    "600",
]


# Staging between the upload and the confirmation


def staging_dir():
    path = Path(settings.MEDIA_ROOT) / STAGING_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def stage(data):
    """Keep the uploaded bytes under a random name; returns the token. Files older than a
    day are removed on the way."""
    horizon = time.time() - STAGED_LIFETIME
    for path in staging_dir().iterdir():
        if path.stat().st_mtime < horizon:
            path.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (staging_dir() / f"{token}.xlsx").write_bytes(data)
    return token


def staged_path(token):
    if not (isinstance(token, str) and len(token) == 32 and token.isalnum()):
        return None
    path = staging_dir() / f"{token}.xlsx"
    return path if path.exists() else None


def read_staged(token):
    path = staged_path(token)
    if path is None:
        raise imports.PlanFileError(
            f"Le fichier déposé n'est plus disponible{NBSP}: déposez-le à nouveau."
        )
    return path.read_bytes()


def discard(token):
    path = staged_path(token)
    if path:
        path.unlink(missing_ok=True)


def template_bytes():
    """The workbook people fill: the plan sheet first (the only one read), then a sheet of
    explanations and one example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Plan d'action"
    headers = [header for _, header, _ in imports.COLUMNS]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        sheet.column_dimensions[cell.column_letter].width = max(14, len(cell.value) + 2)
    sheet.freeze_panes = "A2"
    help_sheet = workbook.create_sheet("Mode d'emploi")
    help_sheet.append(["Colonne", "Contenu"])
    for _, header, explanation in imports.COLUMNS:
        help_sheet.append([header, explanation.replace(" :", f"{NBSP}:")])
    help_sheet.append([])
    help_sheet.append(["Une ligne par action. L'exemple est dans la feuille « Exemple »."])
    help_sheet.column_dimensions["A"].width = 32
    help_sheet.column_dimensions["B"].width = 90
    example = workbook.create_sheet("Exemple")
    example.append(headers)
    example.append(EXAMPLE)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@with_object(Diagnostic, Permission.VIEW, pk="diagnostic_pk")
def plan_import_template(request, diagnostic):
    response = HttpResponse(template_bytes(), content_type=FORMATS["xlsx"])
    response["Content-Disposition"] = 'attachment; filename="modele-plan-d-action.xlsx"'
    return response


def preview(request, diagnostic, validation, filename):
    keys = imports.existing_keys(diagnostic)
    rows = validation.rows[:SHOWN_ROWS]
    for row in rows:
        row.outcome = "mise à jour" if row.key in keys else "création"
    context = {
        "diagnostic": diagnostic,
        "collectivity": diagnostic.workspace.name,
        "validation": validation,
        "rows": rows,
        "errors": validation.errors[:SHOWN_ERRORS],
        "filename": filename,
    }
    return render(request, "ptce/plans/import_preview.html", context)


def render_upload(request, diagnostic, form):
    context = {"diagnostic": diagnostic, "form": form, "columns": imports.COLUMNS}
    return render(request, "ptce/plans/import_upload.html", context)


@with_object(Diagnostic, Permission.CHANGE, pk="diagnostic_pk")
def plan_import(request, diagnostic):
    form = PlanImportForm(posted(request), request.FILES or None)
    if not form.is_valid():
        return render_upload(request, diagnostic, form)
    upload = form.cleaned_data["file"]
    data = upload.read(imports.MAX_UPLOAD_BYTES + 1)
    try:
        validation = imports.validate(data, diagnostic.workspace)
    except imports.PlanFileError as error:
        form.add_error("file", str(error))
        return render_upload(request, diagnostic, form)
    request.session.pop(SESSION_KEY, None)
    if not validation.errors:
        token = stage(data)
        request.session[SESSION_KEY] = {
            "token": token,
            "diagnostic": diagnostic.pk,
            "filename": upload.name,
        }
    return preview(request, diagnostic, validation, upload.name)


@with_object(Diagnostic, Permission.CHANGE, pk="diagnostic_pk")
@require_POST
def plan_import_confirm(request, diagnostic):
    staged = request.session.get(SESSION_KEY) or {}
    if staged.get("diagnostic") != diagnostic.pk:
        messages.error(request, f"Aucun import en attente pour ce plan{NBSP}: déposez le fichier.")
        return redirect("ptce:plan-import", diagnostic_pk=diagnostic.pk)
    try:
        validation = imports.validate(read_staged(staged["token"]), diagnostic.workspace)
    except imports.PlanFileError as error:
        request.session.pop(SESSION_KEY, None)
        messages.error(request, str(error))
        return redirect("ptce:plan-import", diagnostic_pk=diagnostic.pk)
    if validation.errors:  # the registry changed since the preview
        return preview(request, diagnostic, validation, staged["filename"])
    try:
        counts = services.plan_import(
            diagnostic=diagnostic, user=request.user, rows=validation.rows
        )
    except ValidationError as error:
        messages.error(request, "Rien n'a été importé" + f"{NBSP}: " + " ".join(error.messages))
        return redirect("ptce:plan-import", diagnostic_pk=diagnostic.pk)
    discard(staged["token"])
    request.session.pop(SESSION_KEY, None)
    created, updated = counts["created"], counts["updated"]
    messages.success(
        request,
        f"Plan importé{NBSP}: {created} action{'s' if created > 1 else ''} "
        f"créée{'s' if created > 1 else ''}, {updated} mise{'s' if updated > 1 else ''} à jour.",
    )
    return redirect(plan_url(diagnostic.pk))
