"""Networks of actors: territorial or thematic groups the collectivity helps to form."""

from copy import copy

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from actors import services_animation as services
from actors.forms_animation import NetworkFilterForm, NetworkForm, NetworkMembersForm
from actors.models import Actor, Meeting, Network
from actors.services_animation import NETWORK_FIELDS, guillemets
from actors.views.animation_common import (
    confirm_delete,
    export,
    form_error_message,
    list_page,
    names,
    posted,
)
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, requires, scope, with_object

EXPORT_HEADERS = ["Nom", "Portée", "Thème", "Description", "Nombre de membres", "Membres"]


def networks_of(request):
    queryset = scope(Network, request.user).filter(workspace=request.workspace)
    return queryset.select_related("theme")


def network_filters(request):
    return NetworkFilterForm(request.GET, user=request.user, workspace=request.workspace)


@requires(Action.VIEW)
def network_list(request):
    queryset = networks_of(request).with_counts().order_by("name", "pk")
    template = "actors/animation/network_list.html"
    return list_page(request, template, queryset, network_filters(request))


@requires(Action.VIEW)
def network_export(request):
    def rows():
        queryset = network_filters(request).apply(networks_of(request))
        queryset = queryset.prefetch_related(Prefetch("members", Actor.objects.only("name")))
        for network in queryset:
            members = list(network.members.all())
            theme = network.theme.name if network.theme else ""
            row = [network.name, network.get_scope_display(), theme, network.description]
            yield [*row, len(members), names(members)]

    return export(request, "actors:network-list", "reseaux", EXPORT_HEADERS, rows)


def render_network_form(request, form, network=None):
    context = {"form": form, "network": network}
    return render(request, "actors/animation/network_form.html", context)


@requires(Action.CHANGE)
def network_create(request):
    form = NetworkForm(posted(request), user=request.user, workspace=request.workspace)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in NETWORK_FIELDS}
        network = services.network_create(workspace=request.workspace, user=request.user, **fields)
        messages.success(request, f"Réseau {guillemets(network)} créé.")
        return redirect(network)
    return render_network_form(request, form)


@with_object(Network, Action.CHANGE, pk="pk")
def network_update(request, network):
    form = NetworkForm(
        posted(request),
        instance=copy(network),
        user=request.user,
        workspace=network.workspace_id,
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in NETWORK_FIELDS}
        services.network_update(network=network, user=request.user, **fields)
        messages.success(request, f"Réseau {guillemets(network)} enregistré.")
        return redirect(network)
    return render_network_form(request, form, network)


@with_object(Network, Action.DELETE, pk="pk")
def network_delete(request, network):
    if request.method == "POST":
        services.network_delete(network=network, user=request.user)
        messages.success(request, f"Réseau {guillemets(network)} supprimé.")
        return redirect("actors:network-list")
    return confirm_delete(
        request,
        obj=network,
        kind="le réseau",
        consequence="Ses membres restent dans le registre et ses rencontres sont conservées, "
        "sans réseau.",
        cancel_url=network.get_absolute_url(),
    )


@with_object(Network, Action.VIEW, pk="pk")
def network_detail(request, network):
    can_change = can(request.user, network.workspace_id, Action.CHANGE)
    members = network.members.select_related("commune").order_by("normalized_name")
    meetings = Meeting.objects.filter(network=network).select_related("theme").with_counts()
    meetings = meetings.order_by(*Meeting._meta.ordering)
    context = {
        "network": network,
        "members": members,
        "meetings": meetings,
        "can_change": can_change,
        "can_delete": can(request.user, network.workspace_id, Action.DELETE),
    }
    if can_change:
        context["members_form"] = NetworkMembersForm(user=request.user, network=network)
    return render(request, "actors/animation/network_detail.html", context)


@with_object(Network, Action.CHANGE, pk="pk")
@require_POST
def network_member_add(request, network):
    form = NetworkMembersForm(request.POST, user=request.user, network=network)
    if not form.is_valid():
        messages.error(request, f"Aucun membre ajouté. {form_error_message(form)}")
        return redirect(network)
    added = services.network_add_members(
        network=network, actors=form.cleaned_data["actors"], user=request.user
    )
    label = "membre ajouté" if added <= 1 else "membres ajoutés"
    messages.success(request, f"{added} {label} au réseau.")
    return redirect(network)


@with_object(Network, Action.CHANGE, pk="pk")
@require_POST
def network_member_remove(request, network, actor_pk):
    actor = get_object_or_404(Actor.objects.filter(workspace=network.workspace_id), pk=actor_pk)
    if network.members.filter(pk=actor.pk).exists():
        services.network_remove_member(network=network, actor=actor, user=request.user)
    messages.success(request, f"{guillemets(actor)} ne fait plus partie du réseau.")
    return redirect(network)
