"""SIRENE reference data pages: establishments (any logged-in person), the ESS classification
rules (read by all, changed by staff) and the imports (staff)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from actors.enums import ImportStatus, RuleKind
from actors.forms_sirene import (
    ClassificationRuleForm,
    EstablishmentFilterForm,
    SireneUploadForm,
    upload_max_size,
)
from actors.models import ClassificationRule, Establishment, ImportBatch
from actors.permissions import staff_required
from actors.sirene import pages as data
from actors.sirene import services
from actors.sirene.summary import family_rows, number
from actors.sirene.text import typo
from essterritoire.accounts.permissions import authenticated, user_workspaces
from essterritoire.exports import FORMATS, export_response
from essterritoire.pagination import paginate

EXPORT_MAX = 50_000


def _workspace_ids(user):
    return [workspace.pk for workspace in user_workspaces(user)]


@authenticated
def establishment_list(request):
    """Search the SIRENE establishments (public reference data); ?format=csv|xlsx exports."""
    form = EstablishmentFilterForm(request.GET, workspace_ids=_workspace_ids(request.user))
    queryset = data.filtered(form)
    if request.GET.get("format") in FORMATS:
        return _export(request, queryset)
    page = paginate(request, queryset)
    page.object_list = data.label_page(page.object_list)
    context = {"form": form, "page": page}
    return render(request, "actors/sirene/establishment_list.html", context)


def _export(request, queryset):
    count = queryset.count()
    if count > EXPORT_MAX:
        messages.error(
            request,
            typo(
                f"Export trop volumineux ({number(count)} lignes) : "
                f"affinez les filtres ({number(EXPORT_MAX)} lignes au plus)."
            ),
        )
        return redirect(f"{request.path}?{_without_format(request)}")
    rows = data.export_rows(queryset)
    return export_response(
        request.GET["format"],
        "etablissements-sirene",
        data.EXPORT_HEADERS,
        rows,
        title="Établissements SIRENE",
    )


def _without_format(request):
    query = request.GET.copy()
    query.pop("format", None)
    return query.urlencode()


@authenticated
def establishment_detail(request, pk):
    establishment = get_object_or_404(Establishment, siret=pk)
    context = {"establishment": establishment, **data.detail_context(establishment)}
    return render(request, "actors/sirene/establishment_detail.html", context)


@authenticated
def rule_list(request):
    """The ESS classification rules, in the order they apply."""
    rules = data.label_rules(ClassificationRule.objects.all())
    context = {"groups": [(kind, [r for r in rules if r.kind == kind]) for kind in RuleKind]}
    return render(request, "actors/sirene/rule_list.html", context)


@staff_required
def rule_create(request):
    return _rule_form(request, ClassificationRuleForm(request.POST or None), None)


@staff_required
def rule_update(request, pk):
    rule = get_object_or_404(ClassificationRule, pk=pk)
    form = ClassificationRuleForm(request.POST or None, instance=rule)
    return _rule_form(request, form, rule)


def _rule_form(request, form, rule):
    """Form, then a confirmation telling how many establishments change family, then the
    change itself."""
    if request.method == "POST" and form.is_valid():
        changed = _save_rule(form.cleaned_data, rule, dry_run="confirmer" not in request.POST)
        if "confirmer" in request.POST:
            messages.success(request, _reclassified_message("Règle enregistrée", changed))
            return redirect("actors:sirene-rule-list")
        return render(
            request,
            "actors/sirene/rule_confirm.html",
            {"form": form, "rule": rule, "changed": changed},
        )
    return render(request, "actors/sirene/rule_form.html", {"form": form, "rule": rule})


def _save_rule(values, rule, dry_run):
    fields = {key: values[key] for key in ("kind", "value", "family", "note")}
    if rule is None:
        return services.rule_create(**fields, dry_run=dry_run)[1]
    return services.rule_update(rule=rule, **fields, dry_run=dry_run)


@staff_required
def rule_delete(request, pk):
    rule = get_object_or_404(ClassificationRule, pk=pk)
    if request.method == "POST":
        changed = services.rule_delete(rule=rule)
        messages.success(request, _reclassified_message("Règle supprimée", changed))
        return redirect("actors:sirene-rule-list")
    changed = services.rule_delete(rule=rule, dry_run=True)
    return render(request, "actors/sirene/rule_delete.html", {"rule": rule, "changed": changed})


def _reclassified_message(done, changed):
    if not changed:
        return typo(f"{done} : aucun établissement ne change de famille.")
    plural = "s" if changed > 1 else ""
    return typo(f"{done} : {number(changed)} établissement{plural} reclassé{plural}.")


@staff_required
def import_list(request):
    page = paginate(request, ImportBatch.objects.select_related("created_by"))
    return render(request, "actors/sirene/import_list.html", {"page": page})


@staff_required
@csrf_exempt
def import_create(request):
    """The upload form. The declared size is checked before the body is read, so a file over
    the limit is refused without being stored; CSRF is then checked as usual."""
    length = request.META.get("CONTENT_LENGTH") or 0
    if request.method == "POST" and str(length).isdigit() and int(length) > upload_max_size():
        context = {
            "form": SireneUploadForm(workspace_ids=_workspace_ids(request.user)),
            "max_size": data.size(upload_max_size()),
            "too_large": typo(
                "Envoi trop volumineux : réduisez ou compressez (.zip) les fichiers."
            ),
        }
        return render(request, "actors/sirene/import_form.html", context, status=413)
    return _import_upload(request)


@csrf_protect
def _import_upload(request):
    form = SireneUploadForm(
        request.POST or None, request.FILES or None, workspace_ids=_workspace_ids(request.user)
    )
    if request.method == "POST" and form.is_valid():
        batch = services.import_batch_create(
            user=request.user,
            etablissements=form.cleaned_data["etablissements"],
            unites_legales=form.cleaned_data["unites_legales"],
            territories=form.cleaned_data["territoires"],
            dry_run=form.cleaned_data["simulation"],
        )
        messages.success(request, typo("Fichiers reçus : l'import est lancé."))
        return redirect("actors:sirene-import-detail", pk=batch.pk)
    context = {"form": form, "max_size": data.size(upload_max_size())}
    return render(request, "actors/sirene/import_form.html", context)


@staff_required
def import_detail(request, pk):
    """An import: a progress bar refreshed by htmx while it runs, then its summary."""
    batch = get_object_or_404(ImportBatch.objects.select_related("created_by"), pk=pk)
    running = batch.status in (ImportStatus.PENDING, ImportStatus.RUNNING)
    summary = batch.summary or {}
    context = {
        "batch": batch,
        "running": running,
        "failed": batch.status == ImportStatus.FAILED,
        "summary": summary,
        "families": family_rows(summary) if "by_family" in summary else [],
    }
    template = "actors/sirene/import_detail.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, context)
