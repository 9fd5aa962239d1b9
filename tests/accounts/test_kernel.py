import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from essterritoire.accounts.enums import Action, Role
from essterritoire.accounts.models import Membership
from essterritoire.accounts.permissions import can, get_object_for, role_allows, scope
from tests.factories import MembershipFactory, member

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "action", "allowed"),
    [
        (Role.READER, Action.VIEW, True),
        (Role.READER, Action.VIEW_PERSONAL, False),
        (Role.READER, Action.CHANGE, False),
        (Role.EDITOR, Action.CHANGE, True),
        (Role.EDITOR, Action.DELETE, True),
        (Role.EDITOR, Action.MANAGE, False),
        (Role.ADMIN, Action.MANAGE, True),
        (None, Action.VIEW, False),
    ],
)
def test_roles_grant_their_actions_only(role, action, allowed):
    assert role_allows(role, action) is allowed


def test_scope_keeps_only_the_users_workspaces(workspace, other_workspace, reader_user):
    mine = MembershipFactory(workspace=workspace)
    MembershipFactory(workspace=other_workspace)
    visible = scope(Membership.objects.all(), reader_user)
    assert mine in visible
    assert set(visible.values_list("workspace", flat=True)) == {workspace.pk}


def test_scope_by_action_drops_workspaces_where_the_role_lacks_it(workspace, reader_user):
    assert not scope(Membership, reader_user, Action.CHANGE).exists()


def test_anonymous_sees_nothing(workspace, admin_user):
    from django.contrib.auth.models import AnonymousUser

    assert not scope(Membership, AnonymousUser()).exists()
    assert not can(AnonymousUser(), workspace, Action.VIEW)


def test_object_of_another_workspace_is_a_404(other_workspace, admin_user):
    foreign = MembershipFactory(workspace=other_workspace)
    with pytest.raises(Http404):
        get_object_for(admin_user, Membership, Action.VIEW, pk=foreign.pk)


def test_object_of_own_workspace_beyond_role_is_a_403(workspace, reader_user):
    target = MembershipFactory(workspace=workspace)
    with pytest.raises(PermissionDenied):
        get_object_for(reader_user, Membership, Action.MANAGE, pk=target.pk)
    assert get_object_for(reader_user, Membership, Action.VIEW, pk=target.pk) == target


def test_a_person_in_two_workspaces_acts_with_each_role(workspace, other_workspace):
    person = member(workspace, Role.EDITOR)
    MembershipFactory(user=person, workspace=other_workspace, role=Role.READER)
    assert can(person, workspace, Action.CHANGE)
    assert not can(person, other_workspace, Action.CHANGE)
    assert can(person, other_workspace, Action.VIEW)


def test_bad_lookup_value_is_a_404(admin_user):
    with pytest.raises(Http404):
        get_object_for(admin_user, Membership, Action.VIEW, pk="pas-un-nombre")
