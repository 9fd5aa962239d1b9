"""Project holders received by the collectivity, their orientations and their follow-up.

A holder's name, email, phone and the follow-up notes are personal data: a role without
VIEW_PERSONAL (readers, élus) sees the project, its need, stage and status, never the person."""

from copy import copy

from django.contrib import messages
from django.db.models import F, Prefetch
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from actors import services_animation as services
from actors.forms_animation import (
    HolderFilterForm,
    HolderStatusForm,
    OrientationForm,
    ProjectHolderForm,
)
from actors.models import Orientation, ProjectHolder
from actors.services_animation import HOLDER_FIELDS, ORIENTATION_FIELDS, guillemets
from actors.views.animation_common import (
    confirm_delete,
    export,
    form_error_message,
    list_page,
    posted,
)
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, requires, scope, with_object

# Holders still to receive first, then the most recently received.
LIST_ORDER = (F("received_on").desc(nulls_first=True), "-pk")
PERSONAL_FIELDS = ("person_name", "email", "phone", "notes", "consent", "consent_date")
EXPORT_HEADERS = [
    "Projet ou structure",
    "Description du projet",
    "Besoin principal",
    "Précisions sur le besoin",
    "Stade",
    "Suivi",
    "Reçu le",
    "Nombre d'orientations",
    "Orientations",
]
PERSONAL_HEADERS = [
    "Personne",
    "E-mail",
    "Téléphone",
    "Accepte d'être recontacté·e",
    "Date du consentement",
    "Notes de suivi",
]


def sees_personal(request, workspace):
    return can(request.user, workspace, Action.VIEW_PERSONAL)


def holders_of(request):
    """The active workspace's holders; their personal columns are not even loaded for a role
    that may not see them."""
    queryset = scope(ProjectHolder, request.user).filter(workspace=request.workspace)
    queryset = queryset.order_by(*LIST_ORDER)
    if not sees_personal(request, request.workspace):
        queryset = queryset.defer(*PERSONAL_FIELDS)
    return queryset


def holder_filters(request):
    personal = sees_personal(request, request.workspace)
    return HolderFilterForm(request.GET, personal=personal)


@requires(Action.VIEW)
def holder_list(request):
    queryset = holders_of(request).with_orientation_summary()
    personal = sees_personal(request, request.workspace)
    template = "actors/animation/holder_list.html"
    return list_page(request, template, queryset, holder_filters(request), personal=personal)


def orientation_summary(orientation):
    actor = orientation.actor.name if orientation.actor else "acteur supprimé"
    return f"{orientation.date:%d/%m/%Y} {actor} ({orientation.get_outcome_status_display()})"


def export_row(holder, personal):
    orientations = list(holder.orientations.all())
    row = [
        holder.project_name,
        holder.description,
        holder.get_need_display(),
        holder.need_details,
        holder.get_stage_display(),
        holder.get_status_display(),
        holder.received_on,
        len(orientations),
        "\u00a0; ".join(orientation_summary(o) for o in orientations),
    ]
    if personal:
        row += [getattr(holder, name) for name in PERSONAL_FIELDS[:3]]
        row += [holder.consent, holder.consent_date, holder.notes]
    return row


@requires(Action.VIEW)
def holder_export(request):
    personal = sees_personal(request, request.workspace)
    headers = EXPORT_HEADERS + (PERSONAL_HEADERS if personal else [])

    def rows():
        queryset = holder_filters(request).apply(holders_of(request))
        orientations = Orientation.objects.select_related("actor")
        queryset = queryset.prefetch_related(Prefetch("orientations", orientations))
        return (export_row(holder, personal) for holder in queryset)

    return export(request, "actors:holder-list", "porteurs-de-projet", headers, rows)


def render_holder_form(request, form, holder=None):
    context = {"form": form, "holder": holder}
    return render(request, "actors/animation/holder_form.html", context)


@requires(Action.CHANGE)
def holder_create(request):
    form = ProjectHolderForm(posted(request))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in HOLDER_FIELDS}
        holder = services.holder_create(workspace=request.workspace, user=request.user, **fields)
        messages.success(request, f"Porteur de projet {guillemets(holder)} enregistré.")
        return redirect(holder)
    return render_holder_form(request, form)


@with_object(ProjectHolder, Action.CHANGE, pk="pk")
def holder_update(request, holder):
    form = ProjectHolderForm(posted(request), instance=copy(holder))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in HOLDER_FIELDS}
        services.holder_update(holder=holder, user=request.user, **fields)
        messages.success(request, f"Porteur de projet {guillemets(holder)} enregistré.")
        return redirect(holder)
    return render_holder_form(request, form, holder)


@with_object(ProjectHolder, Action.DELETE, pk="pk")
def holder_delete(request, holder):
    if request.method == "POST":
        services.holder_delete(holder=holder, user=request.user)
        messages.success(request, f"Porteur de projet {guillemets(holder)} supprimé.")
        return redirect("actors:holder-list")
    return confirm_delete(
        request,
        obj=holder,
        kind="le porteur de projet",
        consequence="Ses coordonnées, ses notes et l'historique de ses orientations seront "
        "effacés. C'est aussi ce qu'il faut faire quand la personne le demande.",
        cancel_url=holder.get_absolute_url(),
    )


@with_object(ProjectHolder, Action.VIEW, pk="pk")
def holder_detail(request, holder):
    can_change = can(request.user, holder.workspace_id, Action.CHANGE)
    context = {
        "holder": holder,
        "personal": sees_personal(request, holder.workspace_id),
        "orientations": holder.orientations.select_related("actor"),
        "can_change": can_change,
        "can_delete": can(request.user, holder.workspace_id, Action.DELETE),
    }
    if can_change:
        context["status_form"] = HolderStatusForm(initial={"status": holder.status})
        form = OrientationForm(user=request.user, workspace=holder.workspace_id)
        context["orientation_form"] = form
    return render(request, "actors/animation/holder_detail.html", context)


@with_object(ProjectHolder, Action.CHANGE, pk="pk")
@require_POST
def holder_status(request, holder):
    form = HolderStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, f"Suivi inchangé. {form_error_message(form)}")
        return redirect(holder)
    services.holder_set_status(holder=holder, status=form.cleaned_data["status"], user=request.user)
    label = guillemets(holder.get_status_display())
    messages.success(request, f"Suivi mis à jour\u00a0: {label}.")
    return redirect(holder)


def render_orientation_form(request, form, holder, orientation=None):
    context = {"form": form, "holder": holder, "orientation": orientation}
    return render(request, "actors/animation/orientation_form.html", context)


@with_object(ProjectHolder, Action.CHANGE, pk="pk")
def orientation_create(request, holder):
    form = OrientationForm(posted(request), user=request.user, workspace=holder.workspace_id)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ORIENTATION_FIELDS}
        orientation = services.orientation_create(holder=holder, user=request.user, **fields)
        messages.success(request, f"Orientation vers {guillemets(orientation.actor)} ajoutée.")
        return redirect(holder)
    return render_orientation_form(request, form, holder)


@with_object(Orientation.objects.select_related("holder"), Action.CHANGE, pk="pk")
def orientation_update(request, orientation):
    holder = orientation.holder
    form = OrientationForm(
        posted(request),
        instance=copy(orientation),
        user=request.user,
        workspace=holder.workspace_id,
    )
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ORIENTATION_FIELDS}
        services.orientation_update(orientation=orientation, user=request.user, **fields)
        messages.success(request, "Orientation enregistrée.")
        return redirect(holder)
    return render_orientation_form(request, form, holder, orientation)


@with_object(Orientation.objects.select_related("holder"), Action.DELETE, pk="pk")
def orientation_delete(request, orientation):
    holder = orientation.holder
    if request.method == "POST":
        services.orientation_delete(orientation=orientation, user=request.user)
        messages.success(request, "Orientation supprimée.")
        return redirect(holder)
    return confirm_delete(
        request,
        obj=orientation,
        kind="l'orientation",
        consequence="Elle disparaîtra de l'historique du porteur de projet.",
        cancel_url=holder.get_absolute_url(),
    )
