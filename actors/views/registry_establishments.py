"""Actors from SIRENE: search the establishments of the workspace's territory and create one
actor with a prefilled form, or add every ESS employer of the territory at once."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import number_format

from actors import services
from actors.forms import ActorForm, EstablishmentSearchForm, commune_label
from actors.models import Establishment
from actors.selectors import (
    ess_employers,
    ess_employers_missing,
    establishments_search,
    sirets_in_registry,
)
from actors.services import guillemets, themes_for
from actors.views.registry import render_actor_form, save_actor
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import requires
from essterritoire.pagination import paginate


@requires(Action.CHANGE)
def establishment_search(request):
    """Establishments of the main territory by name or SIRET, each with its "create" button
    (or a link to the actor that already has its SIRET)."""
    territory = request.workspace.main_territory
    form = EstablishmentSearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    context = {"form": form, "query": query, "territory": territory}
    if territory and query:
        context["page"] = _annotated(request, establishments_search(territory, query))
    return render(request, "actors/establishment_search.html", context)


def _annotated(request, establishments):
    """The page of establishments, each with its commune's name and the id of the actor of the
    registry that has its SIRET (or None)."""
    page = paginate(request, establishments)
    in_registry = sirets_in_registry(request.workspace, (e.siret for e in page))
    communes = services.communes_by_code(e.commune_code for e in page)
    for establishment in page:
        establishment.actor_id = in_registry.get(establishment.siret)
        commune = communes.get(establishment.commune_code)
        establishment.commune_name = commune.name if commune else ""
    return page


def _prefill(establishment):
    fields = services.establishment_fields(establishment)
    initial = {name: value for name, value in fields.items() if name in ActorForm.base_fields}
    initial["commune_ref"] = commune_label(fields["commune"])
    return initial


@requires(Action.CHANGE)
def actor_create_from_establishment(request, siret):
    """The actor form prefilled from the establishment; saving links the actor to it."""
    establishment = get_object_or_404(Establishment, siret=siret)
    themes = themes_for(request.workspace)
    form = ActorForm(
        request.POST or None,
        initial=_prefill(establishment),
        workspace=request.workspace,
        themes=themes,
    )
    if request.method == "POST" and form.is_valid():

        def create(**fields):
            return services.actor_create_from_establishment(
                workspace=request.workspace, establishment=establishment, by=request.user, **fields
            )

        actor = save_actor(request, form, create)
        if actor:
            messages.success(request, f"Acteur {guillemets(actor.name)} ajouté depuis SIRENE.")
            return redirect(actor)
    return render_actor_form(request, form, establishment=establishment)


@requires(Action.CHANGE)
def actor_bulk_add_ess(request):
    """GET: how many ESS employers would be added; POST: add them (idempotent)."""
    territory = request.workspace.main_territory
    if territory is None:
        return render(request, "actors/bulk_add_ess.html", {"territory": None})
    if request.method != "POST":
        context = {
            "territory": territory,
            "to_add": ess_employers_missing(request.workspace, territory).count(),
            "total": ess_employers(territory).count(),
        }
        return render(request, "actors/bulk_add_ess.html", context)
    result = services.actors_add_ess_employers(
        workspace=request.workspace, territory=territory, by=request.user
    )
    messages.success(request, _bulk_message(result, territory))
    return redirect("actors:actor-list")


def _bulk_message(result, territory):
    created, skipped = result["created"], result["skipped"]
    if not created:
        return (
            f"Aucun acteur ajouté\u00a0: les employeurs de l'ESS de {territory.name} sont déjà "
            "tous dans le registre."
        )
    plural = "s" if created > 1 else ""
    text = f"{number_format(created)} acteur{plural} ajouté{plural} depuis SIRENE"
    if skipped:
        text += f" ({number_format(skipped)} déjà présent{'s' if skipped > 1 else ''})"
    return text + "."
