from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, ProtectedError
from django.shortcuts import redirect, render

from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import (
    authenticated,
    can,
    requires,
    scope,
    with_object,
    workspace_ids_for,
)
from essterritoire.territories import services
from essterritoire.territories.enums import Kind
from essterritoire.territories.forms import GroupingForm
from essterritoire.territories.models import FormerCode, Territory
from essterritoire.territories.refs import TerritoryRefError
from essterritoire.territories.search import search_territories

RESULTS_PER_PAGE = 25
COMMUNES_PER_PAGE = 50


@authenticated
def search(request):
    """The search box; an htmx request gets the results fragment alone (live search)."""
    query = request.GET.get("q", "").strip()[:100]
    context = {"query": query, **_search_results(request, query)}
    template = "territories/search.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


def _search_results(request, query):
    if not query:
        return {}
    try:
        results, notice = search_territories(query, workspace_ids_for(request.user))
    except TerritoryRefError as error:
        return {"error": str(error)}
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return {"page": page, "notice": notice}


@authenticated
def detail(request, kind, code):
    """A territory's page; a grouping only for the members of its workspace."""
    territory = _visible_territory(request.user, kind, code)
    if territory is None:
        return _not_found(request, kind, code)
    context = {"territory": territory, **DETAILS[territory.kind](request, territory)}
    return render(request, "territories/detail.html", context)


def _not_found(request, kind, code):
    """A former commune code redirects to today's commune; anything else is a French 404."""
    former = None
    if kind == Kind.COMMUNE:
        former = FormerCode.objects.select_related("commune").filter(code=code).first()
    if former:
        return redirect(former.commune)
    context = {"ref": f"{kind}:{code}"[:80]}
    return render(request, "territories/not_found.html", context, status=404)


def _visible_territory(user, kind, code):
    if kind not in Kind.values:
        return None
    queryset = Territory.objects.filter(kind=kind, code=code).select_related(
        "departement", "region", "epci", "workspace"
    )
    if kind == Kind.GROUPING:
        queryset = scope(queryset, user)
    return queryset.first()


def _communes_page(request, territory):
    communes = territory.communes().select_related("departement").order_by("name", "code")
    return Paginator(communes, COMMUNES_PER_PAGE).get_page(request.GET.get("page"))


def _commune_details(request, commune):
    groupings = scope(commune.groupings.select_related("workspace"), request.user)
    return {"former_codes": commune.former_codes.all(), "groupings": groupings}


def _epci_details(request, epci):
    communes = epci.communes()
    parents = Territory.objects.order_by("code")
    return {
        "communes_page": _communes_page(request, epci),
        "departements": parents.filter(pk__in=communes.values("departement")),
        "regions": parents.filter(pk__in=communes.values("region")),
    }


def _departement_details(request, departement):
    return {"communes_page": _communes_page(request, departement)}


def _region_details(request, region):
    departements = Territory.objects.filter(kind=Kind.DEPARTEMENT, region=region).order_by("code")
    return {"departements": departements}


def _grouping_details(request, grouping):
    return {
        "communes_page": _communes_page(request, grouping),
        "can_change": can(request.user, grouping.workspace_id, Action.CHANGE),
        "can_delete": can(request.user, grouping.workspace_id, Action.DELETE),
    }


DETAILS = {
    Kind.COMMUNE: _commune_details,
    Kind.EPCI: _epci_details,
    Kind.DEPARTEMENT: _departement_details,
    Kind.REGION: _region_details,
    Kind.GROUPING: _grouping_details,
}


@requires(Action.VIEW)
def grouping_list(request):
    groupings = scope(Territory.objects.filter(kind=Kind.GROUPING), request.user)
    groupings = groupings.filter(workspace=request.workspace).annotate(
        commune_count=Count("members")
    )
    context = {"groupings": groupings.order_by("name")}
    return render(request, "territories/grouping_list.html", context)


@requires(Action.CHANGE)
def grouping_create(request):
    form = GroupingForm(request.POST or None, workspace_ids=workspace_ids_for(request.user))
    if request.method == "POST" and form.is_valid():
        grouping = services.grouping_create(
            workspace=request.workspace, user=request.user, **_grouping_data(form)
        )
        messages.success(request, f"Regroupement « {grouping.name} » créé.")
        return redirect(grouping)
    return render(request, "territories/grouping_form.html", {"form": form})


@with_object(Territory, Action.CHANGE, pk="pk")
def grouping_edit(request, grouping):
    form = GroupingForm(
        request.POST or None,
        initial=GroupingForm.initial_for(grouping),
        workspace_ids=workspace_ids_for(request.user),
    )
    if request.method == "POST" and form.is_valid():
        services.grouping_update(grouping=grouping, user=request.user, **_grouping_data(form))
        messages.success(request, f"Regroupement « {grouping.name} » enregistré.")
        return redirect(grouping)
    context = {"form": form, "grouping": grouping}
    return render(request, "territories/grouping_form.html", context)


@with_object(Territory, Action.DELETE, pk="pk")
def grouping_delete(request, grouping):
    """GET asks for confirmation; POST deletes."""
    if request.method != "POST":
        return render(request, "territories/grouping_confirm_delete.html", {"grouping": grouping})
    try:
        services.grouping_delete(grouping=grouping, user=request.user)
    except ProtectedError:
        messages.error(
            request,
            f"« {grouping.name} » est utilisé ailleurs (par exemple comme territoire principal "
            "d'un espace) : il n'a pas été supprimé.",
        )
        return redirect(grouping)
    messages.success(request, f"Regroupement « {grouping.name} » supprimé.")
    return redirect("territories:grouping-list")


def _grouping_data(form):
    data = form.cleaned_data
    return {
        "name": data["name"],
        "description": data["description"],
        "commune_ids": form.commune_ids,
    }
