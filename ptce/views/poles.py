"""PTCE pages: the list of the active workspace's poles, the pole's sheet, create, edit,
delete. Members and the pole's parts have their own modules (poles_members, poles_parts)."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, requires, scope, with_object
from essterritoire.exports import FORMATS, export_response
from essterritoire.pagination import paginate
from ptce import rules
from ptce import services_poles as services
from ptce.forms_poles import MemberAddForm, PtceFilterForm, PtceForm
from ptce.models import Ptce
from ptce.selectors_poles import ptce_sheet
from ptce.services_poles import guillemets

LIST_HEADERS = [
    "Nom",
    "Stade",
    "Forme juridique",
    "Périmètre",
    "Structure pilote",
    "Date de création",
    "Filières",
    "Membres actuels",
    "Éligible (décret 2015-431)",
]


def workspace_ptces(request):
    return scope(Ptce, request.user).filter(workspace=request.workspace)


def filter_form(request):
    return PtceFilterForm(request.GET)


@requires(Action.VIEW)
def ptce_list(request):
    form = filter_form(request)
    queryset = form.apply(workspace_ptces(request)).for_list().order_by("name", "pk")
    page = paginate(request, queryset)
    for ptce in page.object_list:
        ptce.eligibility = ptce.eligibility_from(ptce.current_members)
    context = {"page": page, "filter_form": form}
    template = "ptce/ptce_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@requires(Action.VIEW)
def ptce_export(request):
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        messages.error(request, "Format d'export inconnu\u00a0: choisissez CSV ou XLSX.")
        return redirect("ptce:ptce-list")
    queryset = filter_form(request).apply(workspace_ptces(request)).for_list()
    rows = (list_row(ptce) for ptce in queryset.order_by("name", "pk"))
    return export_response(fmt, "ptce", LIST_HEADERS, rows, title="PTCE")


def list_row(ptce):
    eligible = ptce.eligibility_from(ptce.current_members).eligible
    return [
        ptce.name,
        ptce.get_stage_display(),
        ptce.get_legal_form_display(),
        str(ptce.perimeter) if ptce.perimeter_id else "",
        ptce.pilot.name if ptce.pilot_id else "",
        ptce.created_on,
        "\u00a0; ".join(ptce.sector_labels),
        len(ptce.current_members),
        eligible,
    ]


def render_form(request, form, ptce=None):
    return render(request, "ptce/ptce_form.html", {"form": form, "ptce": ptce})


def save_ptce(request, form, ptce=None):
    """Run the service; its ValidationError (a rule the form could not see) goes back to the
    form. Returns the pole, or None when nothing was written."""
    try:
        if ptce is None:
            return services.ptce_create(
                workspace=request.workspace, user=request.user, **form.service_fields()
            )
        return services.ptce_update(ptce=ptce, user=request.user, **form.service_fields())
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


@requires(Action.CHANGE)
def ptce_create(request):
    data = request.POST if request.method == "POST" else None
    instance = Ptce(workspace=request.workspace)
    form = PtceForm(data, instance=instance, user=request.user, workspace_id=request.workspace.pk)
    if form.is_valid() and (ptce := save_ptce(request, form)):
        messages.success(request, f"PTCE {guillemets(ptce)} créé.")
        return redirect(ptce)
    return render_form(request, form)


@with_object(Ptce, Action.CHANGE, pk="pk")
def ptce_update(request, ptce):
    data = request.POST if request.method == "POST" else None
    form = PtceForm(data, instance=copy(ptce), user=request.user, workspace_id=ptce.workspace_id)
    if form.is_valid() and save_ptce(request, form, ptce):
        messages.success(request, f"PTCE {guillemets(ptce)} enregistré.")
        return redirect(ptce)
    return render_form(request, form, ptce)


@with_object(Ptce, Action.DELETE, pk="pk")
def ptce_delete(request, ptce):
    if request.method == "POST":
        services.ptce_delete(ptce=ptce, user=request.user)
        messages.success(request, f"PTCE {guillemets(ptce)} supprimé.")
        return redirect("ptce:ptce-list")
    context = {
        "object": ptce,
        "kind": "le PTCE",
        "consequence": "Ses membres, son budget d'animation, ses financements, mutualisations "
        "et projets de coopération sont supprimés avec lui. Les acteurs restent dans le "
        "registre.",
        "cancel_url": ptce.get_absolute_url(),
    }
    return render(request, "ptce/confirm_delete.html", context)


def sheet_context(request, ptce, add_form=None):
    """The context of the pole's page (and of its htmx fragments)."""
    can_change = can(request.user, ptce.workspace_id, Action.CHANGE)
    if can_change and add_form is None:
        add_form = MemberAddForm(user=request.user, ptce=ptce)
    return {
        "ptce": ptce,
        "sheet": ptce_sheet(ptce),
        "can_change": can_change,
        "can_delete": can(request.user, ptce.workspace_id, Action.DELETE),
        "add_form": add_form if can_change else None,
        "benchmark_source": rules.BENCHMARK_SOURCE,
        "benchmark_study": rules.BENCHMARK_STUDY,
        "benchmark_quotes": rules.QUOTES,
    }


# What the sheet shows of the pole itself, fetched with it.
PTCE_FOR_SHEET = Ptce.objects.select_related("perimeter", "pilot").prefetch_related(
    "diagnostics", "communes"
)


@with_object(PTCE_FOR_SHEET, Action.VIEW, pk="pk")
def ptce_detail(request, ptce):
    return render(request, "ptce/ptce_detail.html", sheet_context(request, ptce))
