import pytest
from django.urls import reverse

from essterritoire.accounts.enums import Role
from essterritoire.accounts.selectors import HOME_COUNTERS
from essterritoire.accounts.services import activity_record
from tests.factories import MembershipFactory, UserFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
HOME = reverse("accounts:home")


def test_home_role_matrix(client_for, role_users):
    expected = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
    check_role_matrix(client_for, role_users, HOME, expected)


def test_home_shows_the_workspace_counts_and_an_empty_state(client_for, editor_user, workspace):
    page = client_for(editor_user).get(HOME).content.decode()
    assert workspace.name.replace("'", "&#x27;") in page
    assert "Rien n&#x27;a encore été fait" in page or "Rien n'a encore été fait" in page


def test_home_shows_recent_changes_of_this_workspace_only(
    client_for, editor_user, workspace, other_workspace
):
    activity_record(workspace=workspace, user=editor_user, verb="a créé", target="Regroupement A")
    activity_record(workspace=other_workspace, user=None, verb="a créé", target="Secret B")
    page = client_for(editor_user).get(HOME).content.decode()
    assert "Regroupement A" in page
    assert "Secret B" not in page


def test_home_query_count_does_not_grow_with_activity(
    client_for, editor_user, workspace, django_assert_max_num_queries
):
    for n in range(30):
        activity_record(workspace=workspace, user=editor_user, verb="a créé", target=f"Objet {n}")
    client = client_for(editor_user)
    # Session, user, memberships, counts of the kernel, activities; one query per app counter.
    with django_assert_max_num_queries(8 + len(HOME_COUNTERS)):
        client.get(HOME)


def test_a_person_without_workspace_is_told_so(client_for):
    response = client_for(UserFactory()).get(HOME, follow=True)
    assert "Aucun espace de travail" in response.content.decode()


def test_switching_workspace(client_for, workspace, other_workspace, editor_user):
    MembershipFactory(user=editor_user, workspace=other_workspace, role=Role.READER)
    client = client_for(editor_user)
    switch = reverse("accounts:switch-workspace")
    response = client.post(switch, {"workspace": other_workspace.pk}, follow=True)
    assert response.context["workspace"] == other_workspace
    assert client.session["workspace_id"] == other_workspace.pk


def test_switching_to_a_workspace_one_is_not_a_member_of_is_refused(
    client_for, editor_user, other_workspace, workspace
):
    client = client_for(editor_user)
    response = client.post(
        reverse("accounts:switch-workspace"), {"workspace": other_workspace.pk}, follow=True
    )
    assert "ne vous est pas ouvert" in response.content.decode()
    assert response.context["workspace"] == workspace
    response = client.post(reverse("accounts:switch-workspace"), {"workspace": "abc"}, follow=True)
    assert response.status_code == 200


def test_switch_needs_a_post(client_for, editor_user):
    assert client_for(editor_user).get(reverse("accounts:switch-workspace")).status_code == 405


def test_error_pages_are_in_french(client_for, editor_user):
    response = client_for(editor_user).get("/nexiste/pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
