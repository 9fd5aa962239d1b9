"""Thematic meetings: invitations, attendance and minutes."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect, render

from actors import services_animation as services
from actors.forms_animation import AttendanceForm, MeetingFilterForm, MeetingForm
from actors.models import Actor, Meeting, Network
from actors.services_animation import MEETING_FIELDS, guillemets
from actors.views.animation_common import confirm_delete, export, list_page, names, posted
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, requires, scope, with_object

EXPORT_HEADERS = [
    "Date",
    "Heure",
    "Titre",
    "Thème",
    "Réseau",
    "Lieu",
    "Nombre d'invités",
    "Nombre de présents",
    "Invités",
    "Présents",
    "Compte rendu",
]


def meetings_of(request):
    queryset = scope(Meeting, request.user).filter(workspace=request.workspace)
    return queryset.select_related("theme", "network")


def meeting_filters(request):
    return MeetingFilterForm(request.GET, user=request.user, workspace=request.workspace)


@requires(Action.VIEW)
def meeting_list(request):
    queryset = meetings_of(request).with_counts().order_by(*Meeting._meta.ordering)
    template = "actors/animation/meeting_list.html"
    return list_page(request, template, queryset, meeting_filters(request))


def export_row(meeting):
    invited, present = list(meeting.invited.all()), list(meeting.present.all())
    return [
        meeting.date,
        meeting.start_time.strftime("%H:%M") if meeting.start_time else "",
        meeting.title,
        meeting.theme.name if meeting.theme else "",
        meeting.network.name if meeting.network else "",
        meeting.place,
        len(invited),
        len(present),
        names(invited),
        names(present),
        meeting.minutes,
    ]


@requires(Action.VIEW)
def meeting_export(request):
    def rows():
        queryset = meeting_filters(request).apply(meetings_of(request))
        actors = Actor.objects.only("name")
        queryset = queryset.prefetch_related(
            Prefetch("invited", actors), Prefetch("present", actors)
        )
        return (export_row(meeting) for meeting in queryset)

    return export(request, "actors:meeting-list", "rencontres", EXPORT_HEADERS, rows)


def save_meeting(request, form, meeting=None):
    """Create or update through the services; None when they refuse (message on the form)."""
    fields = {name: form.cleaned_data[name] for name in MEETING_FIELDS}
    people = {"invited": form.cleaned_data["invited"], "present": form.cleaned_data["present"]}
    try:
        if meeting is None:
            return services.meeting_create(
                workspace=request.workspace, user=request.user, **people, **fields
            )
        return services.meeting_update(meeting=meeting, user=request.user, **people, **fields)
    except ValidationError as error:
        form.add_error(None, error)
        return None


def render_meeting_form(request, form, meeting=None):
    context = {"form": form, "meeting": meeting}
    return render(request, "actors/animation/meeting_form.html", context)


def initial_network(request):
    """A meeting created from a network's page starts with that network and its members."""
    pk = request.GET.get("reseau", "")
    if not pk.isdigit():
        return {}
    network = scope(Network, request.user).filter(workspace=request.workspace, pk=pk).first()
    return {"network": network, "invite_network_members": True} if network else {}


@requires(Action.CHANGE)
def meeting_create(request):
    form = MeetingForm(
        posted(request),
        initial=initial_network(request),
        user=request.user,
        workspace=request.workspace,
    )
    if request.method == "POST" and form.is_valid():
        meeting = save_meeting(request, form)
        if meeting:
            messages.success(request, f"Rencontre {guillemets(meeting)} créée.")
            return redirect(meeting)
    return render_meeting_form(request, form)


@with_object(Meeting, Action.CHANGE, pk="pk")
def meeting_update(request, meeting):
    form = MeetingForm(
        posted(request), instance=copy(meeting), user=request.user, workspace=meeting.workspace_id
    )
    if request.method == "POST" and form.is_valid() and save_meeting(request, form, meeting):
        messages.success(request, f"Rencontre {guillemets(meeting)} enregistrée.")
        return redirect(meeting)
    return render_meeting_form(request, form, meeting)


@with_object(Meeting, Action.DELETE, pk="pk")
def meeting_delete(request, meeting):
    if request.method == "POST":
        services.meeting_delete(meeting=meeting, user=request.user)
        messages.success(request, f"Rencontre {guillemets(meeting)} supprimée.")
        return redirect("actors:meeting-list")
    return confirm_delete(
        request,
        obj=meeting,
        kind="la rencontre",
        consequence="Ses invitations, ses présences et son compte rendu seront perdus.",
        cancel_url=meeting.get_absolute_url(),
    )


@with_object(Meeting, Action.VIEW, pk="pk")
def meeting_detail(request, meeting):
    present = set(meeting.present.values_list("pk", flat=True))
    invited = meeting.invited.select_related("commune").order_by("normalized_name")
    context = {
        "meeting": meeting,
        "participants": [(actor, actor.pk in present) for actor in invited],
        "present_count": len(present),
        "can_change": can(request.user, meeting.workspace_id, Action.CHANGE),
        "can_delete": can(request.user, meeting.workspace_id, Action.DELETE),
    }
    return render(request, "actors/animation/meeting_detail.html", context)


@with_object(Meeting, Action.CHANGE, pk="pk")
def meeting_attendance(request, meeting):
    initial = {"present": meeting.present.all()}
    form = AttendanceForm(posted(request), initial=initial, user=request.user, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_set_attendance(
                meeting=meeting, present=form.cleaned_data["present"], user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(form.cleaned_data["present"])
            label = "acteur présent" if count <= 1 else "acteurs présents"
            messages.success(request, f"Présences enregistrées\u00a0: {count} {label}.")
            return redirect(meeting)
    context = {"meeting": meeting, "form": form}
    return render(request, "actors/animation/meeting_attendance.html", context)
