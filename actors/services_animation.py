"""Writes of the territory's animation: networks, thematic meetings, project holders and their
orientations. Each is atomic, HTTP-free, records a line of recent changes, and refuses an actor
of another workspace whatever the caller passed."""

from django.core.exceptions import ValidationError
from django.db import transaction

from actors.enums import HolderStatus
from actors.models import Meeting, Network, Orientation, ProjectHolder
from essterritoire.accounts.services import activity_record

NETWORK_FIELDS = ("name", "scope", "theme", "description")
MEETING_FIELDS = ("title", "date", "start_time", "theme", "place", "network", "minutes")
HOLDER_FIELDS = (
    "person_name",
    "email",
    "phone",
    "project_name",
    "description",
    "need",
    "need_details",
    "stage",
    "status",
    "received_on",
    "notes",
    "consent",
    "consent_date",
)
ORIENTATION_FIELDS = ("actor", "date", "purpose", "outcome_status", "outcome")
# Statuses that an orientation moves forward to "orienté"; later ones are left as they are.
BEFORE_ORIENTATION = (HolderStatus.TO_RECEIVE, HolderStatus.RECEIVED)


def guillemets(text):
    """« text » with the no-break spaces of French typography."""
    return f"«\u00a0{text}\u00a0»"


def _record(obj, user, verb, workspace=None):
    url = obj.get_absolute_url() if obj.pk else ""
    activity_record(
        workspace=workspace or obj.workspace, user=user, verb=verb, target=str(obj), url=url
    )


def _assign(obj, fields, allowed):
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Champs inattendus\u00a0: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(obj, name, value)


def _check_workspace(workspace_id, *objects):
    """Refuse any actor, theme or network that belongs to another workspace."""
    for obj in objects:
        if obj is not None and obj.workspace_id != workspace_id:
            raise ValidationError(f"{guillemets(obj)} n'appartient pas à cet espace de travail.")


def check_attendance(invited, present):
    """The actors present must all have been invited."""
    extra = {actor.pk for actor in present} - {actor.pk for actor in invited}
    if extra:
        raise ValidationError(
            "Seuls des acteurs invités peuvent être notés présents.", code="not_invited"
        )


# Networks


@transaction.atomic
def network_create(*, workspace, user, **fields):
    network = Network(workspace=workspace)
    _assign(network, fields, NETWORK_FIELDS)
    _check_workspace(workspace.pk, network.theme)
    network.save()
    _record(network, user, "a créé le réseau")
    return network


@transaction.atomic
def network_update(*, network, user, **fields):
    _assign(network, fields, NETWORK_FIELDS)
    _check_workspace(network.workspace_id, network.theme)
    network.save()
    _record(network, user, "a modifié le réseau")
    return network


@transaction.atomic
def network_delete(*, network, user):
    workspace, name = network.workspace, str(network)
    network.delete()
    activity_record(workspace=workspace, user=user, verb="a supprimé le réseau", target=name)


@transaction.atomic
def network_add_members(*, network, actors, user):
    """Add `actors` to the network; returns how many were not members yet."""
    actors = list(actors)
    _check_workspace(network.workspace_id, *actors)
    before = set(network.members.values_list("pk", flat=True))
    network.members.add(*actors)
    added = len({actor.pk for actor in actors} - before)
    if added:
        verb = f"a ajouté {added} membre{'s' if added > 1 else ''} au réseau"
        _record(network, user, verb)
    return added


@transaction.atomic
def network_remove_member(*, network, actor, user):
    network.members.remove(actor)
    _record(network, user, f"a retiré {actor} du réseau")


# Thematic meetings


def _set_participants(meeting, invited, present):
    invited, present = list(invited), list(present)
    _check_workspace(meeting.workspace_id, *invited, *present)
    check_attendance(invited, present)
    meeting.invited.set(invited)
    meeting.present.set(present)


@transaction.atomic
def meeting_create(*, workspace, user, invited=(), present=(), **fields):
    meeting = Meeting(workspace=workspace)
    _assign(meeting, fields, MEETING_FIELDS)
    _check_workspace(workspace.pk, meeting.theme, meeting.network)
    meeting.save()
    _set_participants(meeting, invited, present)
    _record(meeting, user, "a créé la rencontre")
    return meeting


@transaction.atomic
def meeting_update(*, meeting, user, invited, present, **fields):
    _assign(meeting, fields, MEETING_FIELDS)
    _check_workspace(meeting.workspace_id, meeting.theme, meeting.network)
    meeting.save()
    _set_participants(meeting, invited, present)
    _record(meeting, user, "a modifié la rencontre")
    return meeting


@transaction.atomic
def meeting_set_attendance(*, meeting, present, user):
    present = list(present)
    _check_workspace(meeting.workspace_id, *present)
    check_attendance(meeting.invited.all(), present)
    meeting.present.set(present)
    _record(meeting, user, "a noté les présences de la rencontre")
    return meeting


@transaction.atomic
def meeting_delete(*, meeting, user):
    workspace, title = meeting.workspace, str(meeting)
    meeting.delete()
    activity_record(workspace=workspace, user=user, verb="a supprimé la rencontre", target=title)


# Project holders and their orientations


@transaction.atomic
def holder_create(*, workspace, user, **fields):
    holder = ProjectHolder(workspace=workspace)
    _assign(holder, fields, HOLDER_FIELDS)
    holder.save()
    _record(holder, user, "a enregistré le porteur de projet")
    return holder


@transaction.atomic
def holder_update(*, holder, user, **fields):
    _assign(holder, fields, HOLDER_FIELDS)
    holder.save()
    _record(holder, user, "a modifié le porteur de projet")
    return holder


@transaction.atomic
def holder_set_status(*, holder, status, user):
    holder.status = HolderStatus(status)
    holder.save(update_fields=["status", "updated_at"])
    _record(holder, user, f"a passé à {guillemets(holder.get_status_display())} le suivi de")
    return holder


@transaction.atomic
def holder_delete(*, holder, user):
    workspace, name = holder.workspace, str(holder)
    holder.delete()
    activity_record(
        workspace=workspace, user=user, verb="a supprimé le porteur de projet", target=name
    )


@transaction.atomic
def orientation_create(*, holder, user, **fields):
    """Orient the holder towards an actor; a holder not yet oriented becomes "orienté"."""
    orientation = Orientation(holder=holder)
    _assign(orientation, fields, ORIENTATION_FIELDS)
    _check_workspace(holder.workspace_id, orientation.actor)
    orientation.save()
    if holder.status in BEFORE_ORIENTATION:
        holder.status = HolderStatus.ORIENTED
        holder.save(update_fields=["status", "updated_at"])
    _record(orientation, user, "a orienté", workspace=holder.workspace)
    return orientation


@transaction.atomic
def orientation_update(*, orientation, user, **fields):
    _assign(orientation, fields, ORIENTATION_FIELDS)
    _check_workspace(orientation.holder.workspace_id, orientation.actor)
    orientation.save()
    _record(orientation, user, "a mis à jour l'orientation", workspace=orientation.holder.workspace)
    return orientation


@transaction.atomic
def orientation_delete(*, orientation, user):
    holder = orientation.holder
    target = str(orientation)
    orientation.delete()
    activity_record(
        workspace=holder.workspace,
        user=user,
        verb="a supprimé l'orientation",
        target=target,
        url=holder.get_absolute_url(),
    )
