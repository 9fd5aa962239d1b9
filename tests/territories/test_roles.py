"""Who may open each territories page: anonymous, a member of another workspace, and the
reader, editor and admin of the workspace owning the grouping."""

import pytest
from django.urls import reverse

from essterritoire.territories import services
from essterritoire.territories.models import Territory
from tests.roles import ROLES, check_role_matrix
from tests.territories.conftest import territory

EVERYONE = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
WORKSPACE_EDITORS = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
BAD_FORM = {"name": "Essai", "refs": "com:99999"}


@pytest.fixture
def matrix(client_for, role_users):
    def check(url, expected, method="get", data=None):
        check_role_matrix(client_for, role_users, url, expected, method, data)

    return check


@pytest.mark.parametrize(
    "url",
    [
        reverse("territories:search"),
        reverse("territories:search") + "?q=ancenis",
        reverse("territories:search") + "?q=com:99999",
        reverse("territories:detail", args=["com", "44003"]),
        reverse("territories:detail", args=["epci", "244400552"]),
        reverse("territories:detail", args=["dep", "2A"]),
        reverse("territories:detail", args=["reg", "52"]),
        reverse("territories:grouping-list"),
    ],
)
def test_reference_pages_are_open_to_every_member(cog, matrix, url):
    matrix(url, EVERYONE)


def test_grouping_page_only_in_its_workspace(grouping, matrix):
    expected = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
    matrix(grouping.get_absolute_url(), expected)


def test_create_needs_an_editor(cog, matrix):
    # "other" is the admin of their own workspace: they create there.
    expected = {"anonymous": 302, "other": 200, "reader": 403, "editor": 200, "admin": 200}
    url = reverse("territories:grouping-create")
    matrix(url, expected)
    matrix(url, expected, "post", BAD_FORM)
    assert not Territory.objects.filter(kind="grp").exists()


def test_edit_needs_an_editor_of_the_groupings_workspace(grouping, matrix):
    url = reverse("territories:grouping-edit", args=[grouping.pk])
    matrix(url, WORKSPACE_EDITORS)
    matrix(url, WORKSPACE_EDITORS, "post", BAD_FORM)


def test_delete_confirmation_needs_an_editor(grouping, matrix):
    matrix(reverse("territories:grouping-delete", args=[grouping.pk]), WORKSPACE_EDITORS)


def test_delete_needs_an_editor(grouping, client_for, role_users, workspace):
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    for role in ROLES:
        target = services.grouping_create(
            workspace=workspace,
            user=None,
            name=f"À supprimer par {role}",
            description="",
            commune_ids={territory("com:44003").pk},
        )
        url = reverse("territories:grouping-delete", args=[target.pk])
        response = client_for(role_users[role]).post(url)
        assert response.status_code == expected[role], role
        deleted = not Territory.objects.filter(pk=target.pk).exists()
        assert deleted is (role in ("editor", "admin")), role
