import pytest
from django.urls import reverse

from essterritoire.accounts.enums import Role
from essterritoire.accounts.models import Activity, Invitation, Membership
from tests.factories import MembershipFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db


def test_members_page_role_matrix(client_for, role_users):
    # "other" is an admin of their own workspace: they see their own members, not ours.
    expected = {"anonymous": 302, "other": 200, "reader": 403, "editor": 403, "admin": 200}
    check_role_matrix(client_for, role_users, reverse("accounts:members"), expected)


def test_members_page_lists_only_the_active_workspace(client_for, role_users, workspace):
    response = client_for(role_users["other"]).get(reverse("accounts:members"))
    assert role_users["editor"].email not in response.content.decode()
    response = client_for(role_users["admin"]).get(reverse("accounts:members"))
    assert role_users["editor"].email in response.content.decode()


def test_invite_role_matrix(client_for, role_users):
    expected = {"anonymous": 302, "other": 302, "reader": 403, "editor": 403, "admin": 302}
    data = {"email": "x@exemple.fr", "role": Role.READER}
    check_role_matrix(client_for, role_users, reverse("accounts:invite"), expected, "post", data)


def test_change_role_matrix(client_for, role_users, workspace):
    target = MembershipFactory(workspace=workspace, role=Role.READER)
    url = reverse("accounts:change-role", args=[target.pk])
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 403, "admin": 302}
    check_role_matrix(client_for, role_users, url, expected, "post", {"role": Role.EDITOR})
    target.refresh_from_db()
    assert target.role == Role.EDITOR


def test_remove_member_matrix(client_for, role_users, workspace):
    targets = [MembershipFactory(workspace=workspace) for _ in range(5)]
    for role, target in zip(("anonymous", "other", "reader", "editor"), targets, strict=False):
        url = reverse("accounts:remove-member", args=[target.pk])
        client_for(role_users[role]).post(url)
        assert Membership.objects.filter(pk=target.pk).exists(), role
    url = reverse("accounts:remove-member", args=[targets[4].pk])
    assert client_for(role_users["admin"]).post(url).status_code == 302
    assert not Membership.objects.filter(pk=targets[4].pk).exists()


def test_revoke_invitation_matrix(client_for, role_users, workspace):
    from essterritoire.accounts import services

    invitation, _ = services.invitation_create(
        workspace=workspace, email="z@exemple.fr", role=Role.READER, invited_by=None
    )
    url = reverse("accounts:revoke-invitation", args=[invitation.pk])
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 403, "admin": 302}
    check_role_matrix(client_for, role_users, url, expected, "post")
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_the_last_admin_cannot_be_demoted_or_removed(client_for, admin_user):
    mine = admin_user.memberships.get()
    client = client_for(admin_user)
    response = client.post(
        reverse("accounts:change-role", args=[mine.pk]), {"role": Role.READER}, follow=True
    )
    assert "au moins un administrateur" in response.content.decode()
    client.post(reverse("accounts:remove-member", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.role == Role.ADMIN


def test_changes_on_members_need_a_post(client_for, admin_user, editor_user):
    target = editor_user.memberships.get()
    url = reverse("accounts:remove-member", args=[target.pk])
    assert client_for(admin_user).get(url).status_code == 405


def test_unknown_role_changes_nothing(client_for, admin_user, editor_user):
    target = editor_user.memberships.get()
    url = reverse("accounts:change-role", args=[target.pk])
    client_for(admin_user).post(url, {"role": "dictateur"})
    target.refresh_from_db()
    assert target.role == Role.EDITOR


def test_invitation_and_role_change_appear_in_recent_changes(client_for, admin_user, editor_user):
    client = client_for(admin_user)
    client.post(reverse("accounts:invite"), {"email": "n@exemple.fr", "role": Role.READER})
    target = editor_user.memberships.get()
    client.post(reverse("accounts:change-role", args=[target.pk]), {"role": Role.READER})
    verbs = list(Activity.objects.values_list("verb", flat=True))
    assert verbs == ["a changé le rôle de", "a invité"]
    assert Invitation.objects.count() == 1
