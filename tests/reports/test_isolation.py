"""A snapshot or an object of workspace A is a 404 for a member of workspace B, whatever the
view; an unknown kind is a 404."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.diagnostics.factories import DiagnosticFactory
from tests.reports.conftest import KIND
from tests.reports.factories import ReportSnapshotFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign(other_workspace, test_kind):
    """A diagnostic of the other workspace and its snapshot."""
    diagnostic = DiagnosticFactory(workspace=other_workspace)
    return diagnostic, ReportSnapshotFactory(obj=diagnostic)


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("snapshot-detail", "get"),
        ("snapshot-download", "get"),
        ("snapshot-delete", "get"),
        ("snapshot-delete", "post"),
        ("snapshot-regenerate", "post"),
    ],
)
def test_a_snapshot_of_another_workspace_is_a_404(client_for, admin_user, foreign, name, method):
    _, snapshot = foreign
    url = reverse(f"reports:{name}", args=[snapshot.pk])

    response = getattr(client_for(admin_user), method)(url)

    assert response.status_code == 404
    assert type(snapshot).objects.filter(pk=snapshot.pk).exists()


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("object-reports", "get"),
        ("preview", "get"),
        ("freshness", "get"),
        ("snapshot-create", "post"),
    ],
)
def test_an_object_of_another_workspace_is_a_404(client_for, admin_user, foreign, name, method):
    diagnostic, _ = foreign
    url = reverse(f"reports:{name}", args=[KIND, diagnostic.pk])

    response = getattr(client_for(admin_user), method)(url, {"sections": ["summary"]})

    assert response.status_code == 404


def test_the_list_shows_only_the_active_workspace(client_for, admin_user, foreign, diagnostic):
    ReportSnapshotFactory(obj=diagnostic)

    response = client_for(admin_user).get(reverse("reports:report-list"))

    page = response.content.decode()
    assert escape(diagnostic.title) in page
    assert escape(foreign[0].title) not in page


@pytest.mark.parametrize("name", ["object-reports", "preview", "freshness"])
def test_an_unknown_kind_is_a_404(client_for, admin_user, diagnostic, name):
    url = reverse(f"reports:{name}", args=["inconnu", diagnostic.pk])

    assert client_for(admin_user).get(url).status_code == 404


def test_a_missing_object_is_a_404(client_for, admin_user, test_kind):
    url = reverse("reports:object-reports", args=[KIND, 999999])

    assert client_for(admin_user).get(url).status_code == 404
