"""Diagnostics of the active workspace: list (search, filter, export), create, detail, edit,
delete; comparison territories; the territory suggestions of the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from diagnostics import services
from diagnostics.forms import ComparisonForm, DiagnosticFilterForm, DiagnosticForm, posted
from diagnostics.models import ComparisonTerritory, Diagnostic, Phase
from diagnostics.timeline import build_timeline
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, requires, scope, with_object
from essterritoire.exports import FORMATS, export_response
from essterritoire.pagination import paginate
from essterritoire.territories.models import Territory
from essterritoire.territories.refs import TerritoryRefError
from essterritoire.territories.search import search_territories
from essterritoire.territories.text import normalize

EXPORT_HEADERS = [
    "Titre",
    "Territoire",
    "Référence du territoire",
    "Date de début",
    "État",
    "Phase en cours",
    "En retard",
    "Entretiens",
    "Éléments AFOM",
]
DETAIL = (
    Diagnostic.objects.with_counts()
    .select_related("territory", "workspace", "method", "created_by")
    .prefetch_related(
        Prefetch(
            "phases",
            queryset=Phase.objects.order_by("number")
            .select_related("override_by")
            .prefetch_related("deliverables"),
        )
    )
)
TERRITORY_OPTIONS = 12


@requires(Action.VIEW)
def diagnostic_list(request):
    """The active workspace's diagnostics; search, filter by state, CSV/XLSX export."""
    filters = DiagnosticFilterForm(request.GET or None)
    diagnostics = _filtered(_workspace_diagnostics(request), filters)
    export = request.GET.get("export")
    if export in FORMATS:
        rows = (_export_row(diagnostic) for diagnostic in diagnostics)
        return export_response(export, "diagnostics", EXPORT_HEADERS, rows, title="Diagnostics")
    if export:
        messages.error(request, "Format d'export inconnu\u00a0: choisissez CSV ou XLSX.")
    context = {"filters": filters, "page": paginate(request, diagnostics)}
    return render(request, "diagnostics/diagnostic_list.html", context)


def _workspace_diagnostics(request):
    diagnostics = scope(Diagnostic.objects.for_listing(), request.user)
    return diagnostics.filter(workspace=request.workspace).order_by("-start_date", "title", "pk")


def _filtered(diagnostics, filters):
    if not filters.is_valid():
        return diagnostics
    query, status = filters.cleaned_data["q"].strip(), filters.cleaned_data["status"]
    if query:
        diagnostics = diagnostics.filter(
            Q(title__icontains=query) | Q(territory__search_name__contains=normalize(query))
        )
    if status:
        diagnostics = diagnostics.filter(status=status)
    return diagnostics


def _export_row(diagnostic):
    current = diagnostic.current_phase()
    late = diagnostic.late_phases()
    return [
        diagnostic.title,
        diagnostic.territory.name,
        diagnostic.territory.ref,
        diagnostic.start_date,
        diagnostic.get_status_display(),
        str(current) if current else diagnostic.progress_label(),
        ", ".join(f"phase {phase.number}" for phase in late) if late else "non",
        diagnostic.interview_count,
        diagnostic.afom_count,
    ]


@requires(Action.CHANGE)
def diagnostic_create(request):
    form = DiagnosticForm(posted(request), workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        try:
            diagnostic = services.diagnostic_create(
                workspace=request.workspace, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Diagnostic «\u00a0{diagnostic.title}\u00a0» créé.")
            return redirect(diagnostic)
    return render(request, "diagnostics/diagnostic_form.html", {"form": form})


@with_object(DETAIL, Action.VIEW, pk="pk")
def diagnostic_detail(request, diagnostic):
    """The overview: territory, phases and timeline, counts, comparisons, steering committee."""
    can_change = can(request.user, diagnostic.workspace_id, Action.CHANGE)
    phases = list(diagnostic.phases.all())
    context = {
        "diagnostic": diagnostic,
        "phases": phases,
        "current": diagnostic.current_phase(),
        "next_phase": diagnostic.next_phase(),
        "timeline": build_timeline(phases),
        "comparisons": diagnostic.comparisons.select_related("territory").order_by(
            "territory__kind", "territory__name"
        ),
        "steering_actors": diagnostic.steering_actors.order_by("name"),
        "can_change": can_change,
        "can_delete": can(request.user, diagnostic.workspace_id, Action.DELETE),
    }
    if can_change:
        context["suggestions"] = services.suggest_comparisons(diagnostic)
        context["comparison_form"] = ComparisonForm(workspace_ids=[diagnostic.workspace_id])
    return render(request, "diagnostics/diagnostic_detail.html", context)


@with_object(Diagnostic, Action.CHANGE, pk="pk")
def diagnostic_edit(request, diagnostic):
    form = DiagnosticForm(posted(request), workspace=diagnostic.workspace, diagnostic=diagnostic)
    if request.method == "POST" and form.is_valid():
        services.diagnostic_update(diagnostic=diagnostic, by=request.user, **form.cleaned_data)
        messages.success(request, f"Diagnostic «\u00a0{diagnostic.title}\u00a0» enregistré.")
        return redirect(diagnostic)
    context = {"form": form, "diagnostic": diagnostic}
    return render(request, "diagnostics/diagnostic_form.html", context)


@with_object(Diagnostic.objects.with_counts(), Action.DELETE, pk="pk")
def diagnostic_delete(request, diagnostic):
    """GET asks for confirmation (with what goes with it); POST deletes."""
    if request.method != "POST":
        return render(
            request, "diagnostics/diagnostic_confirm_delete.html", {"diagnostic": diagnostic}
        )
    title = diagnostic.title
    services.diagnostic_delete(diagnostic=diagnostic, by=request.user)
    messages.success(request, f"Diagnostic «\u00a0{title}\u00a0» supprimé.")
    return redirect("diagnostics:diagnostic-list")


@with_object(Diagnostic, Action.CHANGE, pk="pk")
@require_POST
def comparison_add(request, diagnostic):
    """Add a comparison territory, typed by hand or taken from the suggestions."""
    form = ComparisonForm(request.POST, workspace_ids=[diagnostic.workspace_id])
    if not form.is_valid():
        messages.error(request, _errors(form))
        return redirect(diagnostic.get_absolute_url() + "#comparaisons")
    try:
        comparison = services.comparison_add(
            diagnostic=diagnostic,
            territory=form.cleaned_data["territory"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{comparison.territory.name} ajouté aux comparaisons.")
    return redirect(diagnostic.get_absolute_url() + "#comparaisons")


def _errors(form):
    return " ".join(" ".join(errors) for errors in form.errors.values())


@with_object(ComparisonTerritory.objects.select_related("diagnostic"), Action.CHANGE, pk="pk")
@require_POST
def comparison_remove(request, comparison):
    diagnostic, name = comparison.diagnostic, comparison.territory.name
    services.comparison_remove(comparison=comparison, by=request.user)
    messages.success(request, f"{name} retiré des comparaisons.")
    return redirect(diagnostic.get_absolute_url() + "#comparaisons")


@requires(Action.VIEW)
def territory_options(request):
    """<option>s for the territory field's datalist (htmx, while typing)."""
    query = " ".join(request.GET.get("territory", "").split())[:100]
    territories = Territory.objects.none()
    if len(query) >= 2:
        try:
            territories, _notice = search_territories(query, [request.workspace.pk])
        except TerritoryRefError:
            territories = Territory.objects.none()
    context = {"territories": territories[:TERRITORY_OPTIONS]}
    return render(request, "diagnostics/_territory_options.html", context)
