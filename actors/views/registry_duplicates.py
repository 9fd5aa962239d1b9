"""Duplicates of the registry (same SIRET, or same name in the same commune) and their merge."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from actors import services_merge
from actors.forms import MergeForm
from actors.models import Actor
from actors.selectors import duplicate_pairs
from actors.services import guillemets
from actors.services_merge import merge_links
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import requires, scope


@requires(Action.CHANGE)
def actor_duplicates(request):
    pairs = duplicate_pairs(request.workspace)
    for pair in pairs:
        pair["form"] = MergeForm(first=pair["first"], second=pair["second"])
    return render(request, "actors/duplicates.html", {"pairs": pairs})


def _pair(request, data):
    """The two actors named by `a` and `b`, both of the active workspace; 404 otherwise."""
    texts = [data.get("a", ""), data.get("b", "")]
    if not all(t.isascii() and t.isdigit() and len(t) <= 18 for t in texts):
        raise Http404("Acteurs introuvables.")
    ids = {int(text) for text in texts}
    actors = scope(Actor, request.user, Action.DELETE).filter(workspace=request.workspace)
    actors = list(actors.filter(pk__in=ids).select_related("commune").order_by("pk"))
    if len(ids) != 2 or len(actors) != 2:
        raise Http404("Acteurs introuvables.")
    return actors


@requires(Action.DELETE)
def actor_merge(request):
    """GET (?a=&b=&keep=): what the merge will do; POST: merge."""
    data = request.POST if request.method == "POST" else request.GET
    first, second = _pair(request, data)
    form = MergeForm(data, first=first, second=second)
    if not form.is_valid():
        messages.error(request, "Choisissez l'acteur à garder.")
        return redirect("actors:actor-duplicates")
    keep, remove = form.keep_and_remove()
    if request.method != "POST":
        context = {"form": form, "keep": keep, "remove": remove, "links": merge_links(remove)}
        return render(request, "actors/merge_confirm.html", context)
    try:
        services_merge.actor_merge(keep=keep, remove=remove, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("actors:actor-duplicates")
    messages.success(
        request, f"{guillemets(remove.name)} a été fusionné dans {guillemets(keep.name)}."
    )
    return redirect(keep)
