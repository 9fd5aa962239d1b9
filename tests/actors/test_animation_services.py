"""The services keep the invariants whatever the caller passes: no actor, theme or network of
another workspace, present actors among the invited ones."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from actors import services_animation as services
from actors.enums import HolderStatus, NetworkScope
from actors.models import Meeting, Network
from essterritoire.accounts.models import Activity
from tests.actors.factories import ActorFactory, ThemeFactory
from tests.actors.factories_animation import (
    MeetingFactory,
    NetworkFactory,
    ProjectHolderFactory,
)

pytestmark = pytest.mark.django_db


def test_network_add_members_refuses_a_foreign_actor(workspace, other_workspace, editor_user):
    network = NetworkFactory(workspace=workspace)
    mine, foreign = ActorFactory(workspace=workspace), ActorFactory(workspace=other_workspace)
    with pytest.raises(ValidationError, match="n'appartient pas à cet espace"):
        services.network_add_members(network=network, actors=[mine, foreign], user=editor_user)
    assert not network.members.exists()
    assert not Activity.objects.exists()


def test_network_add_members_counts_only_newcomers(workspace, editor_user):
    network = NetworkFactory(workspace=workspace)
    actors = ActorFactory.create_batch(2, workspace=workspace)
    network.members.add(actors[0])
    assert services.network_add_members(network=network, actors=actors, user=editor_user) == 1
    assert Activity.objects.get().verb == "a ajouté 1 membre au réseau"


def test_network_create_refuses_a_foreign_theme(workspace, other_workspace, editor_user):
    theme = ThemeFactory(workspace=other_workspace)
    with pytest.raises(ValidationError):
        services.network_create(
            workspace=workspace,
            user=editor_user,
            name="R",
            scope=NetworkScope.THEMATIC,
            theme=theme,
        )
    assert not Network.objects.exists()


def test_meeting_create_refuses_present_actors_not_invited(workspace, editor_user):
    invited, other = ActorFactory(workspace=workspace), ActorFactory(workspace=workspace)
    with pytest.raises(ValidationError, match="Seuls des acteurs invités"):
        services.meeting_create(
            workspace=workspace,
            user=editor_user,
            title="Rencontre",
            date=datetime.date(2026, 12, 3),
            invited=[invited],
            present=[invited, other],
        )
    assert not Meeting.objects.exists()


def test_meeting_create_refuses_a_foreign_network(workspace, other_workspace, editor_user):
    network = NetworkFactory(workspace=other_workspace)
    with pytest.raises(ValidationError):
        services.meeting_create(
            workspace=workspace,
            user=editor_user,
            title="Rencontre",
            date=datetime.date(2026, 12, 3),
            network=network,
        )
    assert not Meeting.objects.exists()


def test_attendance_refuses_foreign_and_uninvited_actors(workspace, other_workspace, editor_user):
    meeting = MeetingFactory(workspace=workspace)
    invited, uninvited = ActorFactory(workspace=workspace), ActorFactory(workspace=workspace)
    meeting.invited.add(invited)
    foreign = ActorFactory(workspace=other_workspace)
    meeting.invited.add(foreign)  # even a corrupted invitation list does not let it through
    for present in ([uninvited], [foreign]):
        with pytest.raises(ValidationError):
            services.meeting_set_attendance(meeting=meeting, present=present, user=editor_user)
    services.meeting_set_attendance(meeting=meeting, present=[invited], user=editor_user)
    assert list(meeting.present.all()) == [invited]


def test_orientation_create_refuses_a_foreign_actor(workspace, other_workspace, editor_user):
    holder = ProjectHolderFactory(workspace=workspace, status=HolderStatus.RECEIVED)
    with pytest.raises(ValidationError):
        services.orientation_create(
            holder=holder,
            user=editor_user,
            actor=ActorFactory(workspace=other_workspace),
            date=datetime.date(2026, 11, 20),
            purpose="x",
        )
    holder.refresh_from_db()
    assert not holder.orientations.exists()
    assert holder.status == HolderStatus.RECEIVED


def test_an_orientation_leaves_a_later_status_alone(workspace, editor_user):
    holder = ProjectHolderFactory(workspace=workspace, status=HolderStatus.SUPPORTED)
    services.orientation_create(
        holder=holder,
        user=editor_user,
        actor=ActorFactory(workspace=workspace),
        date=datetime.date(2026, 11, 20),
        purpose="Financement",
    )
    holder.refresh_from_db()
    assert holder.status == HolderStatus.SUPPORTED


def test_services_refuse_unknown_fields(workspace, editor_user):
    with pytest.raises(TypeError):
        services.holder_create(workspace=workspace, user=editor_user, workspace_id=3)


def test_deleting_an_actor_keeps_the_orientation(workspace, editor_user):
    holder = ProjectHolderFactory(workspace=workspace)
    actor = ActorFactory(workspace=workspace)
    orientation = services.orientation_create(
        holder=holder, user=editor_user, actor=actor, date=datetime.date(2026, 1, 5), purpose="x"
    )
    actor.delete()
    orientation.refresh_from_db()
    assert orientation.actor is None
    assert str(orientation).endswith("acteur supprimé")
