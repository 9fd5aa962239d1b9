"""Import of actors from a file: upload, map the columns, preview with every error, confirm.

The uploaded file waits in MEDIA_ROOT/tmp under a random name; the session remembers its name,
the workspace and the mapping. Nothing is written before the confirmation, and nothing at all
when a row has an error."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from actors import import_files
from actors.forms import ImportMappingForm, ImportUploadForm
from actors.import_files import ImportFileError
from actors.imports import FIELDS, actors_import, auto_mapping, counted, validate
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import requires

SESSION_KEY = "actor_import"
PREVIEW_ROWS = 50
SHOWN_ERRORS = 200


def _staged(request):
    """The session's staged import of the active workspace, or None."""
    staged = request.session.get(SESSION_KEY)
    if not isinstance(staged, dict) or staged.get("workspace") != request.workspace.pk:
        return None
    return staged


def _read(request, staged):
    try:
        return import_files.read_staged(staged.get("token"), staged.get("ext"))
    except ImportFileError as error:
        messages.error(request, str(error))
        request.session.pop(SESSION_KEY, None)
        return None


@requires(Action.CHANGE)
def actor_import(request):
    """Step 1: upload a .csv or .xlsx file."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, ext, table = import_files.stage(form.cleaned_data["file"])
        except ImportFileError as error:
            form.add_error("file", str(error))
        else:
            _forget(request)
            request.session[SESSION_KEY] = {
                "token": token,
                "ext": ext,
                "filename": form.cleaned_data["file"].name[:200],
                "workspace": request.workspace.pk,
                "mapping": auto_mapping(table.headers),
            }
            return redirect("actors:actor-import-mapping")
    return render(request, "actors/import_upload.html", {"form": form, "fields": FIELDS})


@requires(Action.CHANGE)
def actor_import_mapping(request):
    """Step 2: which column fills which field (guessed from the headers)."""
    staged = _staged(request)
    table = _read(request, staged) if staged else None
    if table is None:
        return redirect("actors:actor-import")
    initial = {name: str(index) for name, index in staged["mapping"].items()}
    form = ImportMappingForm(
        request.POST or None, initial=initial, headers=table.headers, fields=FIELDS
    )
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = {**staged, "mapping": form.mapping()}
        return redirect("actors:actor-import-preview")
    samples = [
        (header, [row[i] for row in table.rows[:3] if row[i]])
        for i, header in enumerate(table.headers)
    ]
    context = {"form": form, "staged": staged, "samples": samples, "row_count": len(table.rows)}
    return render(request, "actors/import_mapping.html", context)


def _mapping(staged, table):
    mapping = staged.get("mapping") or {}
    valid = all(isinstance(i, int) and 0 <= i < len(table.headers) for i in mapping.values())
    return mapping if valid and "name" in mapping else None


@requires(Action.CHANGE)
def actor_import_preview(request):
    """Step 3: every row checked; POST writes them when none has an error."""
    staged = _staged(request)
    table = _read(request, staged) if staged else None
    if table is None:
        return redirect("actors:actor-import")
    mapping = _mapping(staged, table)
    if mapping is None:
        return redirect("actors:actor-import-mapping")
    validation = validate(table, mapping, request.workspace)
    if request.method == "POST" and not validation.errors:
        return _write(request, staged, validation)
    if request.method == "POST":
        messages.error(request, "Le fichier comporte des erreurs\u00a0: rien n'a été importé.")
    mapped = [f for f in FIELDS if f.name in mapping]
    rows = validation.rows[:PREVIEW_ROWS]
    context = {
        "staged": staged,
        "validation": validation,
        "errors": validation.errors[:SHOWN_ERRORS],
        "rows": [(row, [row.display(f.name) for f in mapped]) for row in rows],
        "mapped": mapped,
        "counts": {a: validation.count(a) for a in ("create", "update", "unchanged")},
    }
    return render(request, "actors/import_preview.html", context)


def _write(request, staged, validation):
    try:
        summary = actors_import(workspace=request.workspace, validation=validation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("actors:actor-import-preview")
    _forget(request)
    parts = (
        counted(summary["created"], "acteur créé", "acteurs créés"),
        counted(summary["updated"], "mis à jour", "mis à jour"),
        counted(summary["unchanged"], "inchangé", "inchangés"),
    )
    messages.success(request, f"Import terminé\u00a0: {', '.join(parts)}.")
    return redirect("actors:actor-list")


def _forget(request):
    staged = request.session.pop(SESSION_KEY, None)
    if isinstance(staged, dict):
        import_files.discard(staged.get("token"), staged.get("ext"))


@requires(Action.CHANGE)
@require_POST
def actor_import_cancel(request):
    _forget(request)
    messages.info(request, "Import annulé\u00a0: le fichier déposé a été supprimé.")
    return redirect("actors:actor-list")
