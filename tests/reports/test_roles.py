"""The role matrix on every report view: anonymous visitors go to the login page, people of
another workspace get a 404, élus (readers) view and download (200) but never generate nor
delete (403), editors and admins do both."""

import pytest
from django.urls import reverse

from tests.reports.conftest import KIND
from tests.reports.factories import ReportSnapshotFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
CHANGE_PAGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
CHANGED = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}


@pytest.fixture
def snapshot(diagnostic):
    return ReportSnapshotFactory(obj=diagnostic)


def test_report_list(client_for, role_users):
    expected = {**READ, "other": 200}  # their own workspace's list
    check_role_matrix(client_for, role_users, reverse("reports:report-list"), expected)


@pytest.mark.parametrize("name", ["object-reports", "preview", "freshness"])
def test_object_pages(client_for, role_users, diagnostic, name):
    url = reverse(f"reports:{name}", args=[KIND, diagnostic.pk])
    check_role_matrix(client_for, role_users, url, READ)


def test_generate(client_for, role_users, diagnostic):
    url = reverse("reports:snapshot-create", args=[KIND, diagnostic.pk])
    check_role_matrix(
        client_for, role_users, url, CHANGED, method="post", data={"sections": ["summary"]}
    )


@pytest.mark.parametrize("name", ["snapshot-detail", "snapshot-download"])
def test_snapshot_pages(client_for, role_users, snapshot, name):
    url = reverse(f"reports:{name}", args=[snapshot.pk])
    check_role_matrix(client_for, role_users, url, READ)


def test_regenerate(client_for, role_users, snapshot):
    url = reverse("reports:snapshot-regenerate", args=[snapshot.pk])
    check_role_matrix(client_for, role_users, url, CHANGED, method="post")


def test_delete_confirmation(client_for, role_users, snapshot):
    url = reverse("reports:snapshot-delete", args=[snapshot.pk])
    check_role_matrix(client_for, role_users, url, CHANGE_PAGE)


@pytest.mark.parametrize("role", ["anonymous", "other", "reader"])
def test_delete_refused(client_for, role_users, snapshot, role):
    url = reverse("reports:snapshot-delete", args=[snapshot.pk])

    response = client_for(role_users[role]).post(url)

    assert response.status_code == {"anonymous": 302, "other": 404, "reader": 403}[role]
    snapshot.refresh_from_db()


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_delete_allowed(client_for, role_users, snapshot, role):
    url = reverse("reports:snapshot-delete", args=[snapshot.pk])

    response = client_for(role_users[role]).post(url)

    assert response.status_code == 302
    assert not type(snapshot).objects.filter(pk=snapshot.pk).exists()


@pytest.mark.parametrize("name", ["snapshot-create", "snapshot-regenerate"])
def test_changes_refuse_get(client_for, editor_user, snapshot, diagnostic, name):
    args = [KIND, diagnostic.pk] if name == "snapshot-create" else [snapshot.pk]

    response = client_for(editor_user).get(reverse(f"reports:{name}", args=args))

    assert response.status_code == 405


def test_changes_need_the_csrf_token(editor_user, snapshot):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_user)

    response = client.post(reverse("reports:snapshot-delete", args=[snapshot.pk]))

    assert response.status_code == 403
    snapshot.refresh_from_db()
