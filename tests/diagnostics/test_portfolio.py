"""The portfolio of a facilitator: every diagnostic of their workspaces, in constant queries."""

from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diagnostics.dates import add_months
from diagnostics.enums import Quadrant
from diagnostics.models import AfomItem, Interview
from essterritoire.accounts.enums import Role
from tests.diagnostics.factories import DiagnosticFactory
from tests.factories import MembershipFactory, WorkspaceFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
URL = "/diagnostics/portefeuille/"


def page_for(client):
    return unescape(client.get(reverse("diagnostics:portfolio")).content.decode())


def add_items(diagnostic, interviews=0, afom=0, deleted=0):
    for _ in range(interviews):
        Interview.objects.create(diagnostic=diagnostic, date=date(2026, 3, 1))
    for n in range(afom + deleted):
        AfomItem.objects.create(
            diagnostic=diagnostic,
            quadrant=Quadrant.ATOUT,
            title=f"Atout {n}",
            deleted_at=timezone.now() if n >= afom else None,
        )


@pytest.fixture
def facilitator(workspace, other_workspace):
    """A CRESS facilitator, editor in one workspace and reader in another."""
    user = MembershipFactory(workspace=workspace, role=Role.EDITOR).user
    MembershipFactory(workspace=other_workspace, role=Role.READER, user=user)
    return user


def test_the_url_is_stable():
    assert reverse("diagnostics:portfolio") == URL


def test_portfolio_role_matrix(client_for, role_users):
    # Every member sees their own portfolio; nothing there is another workspace's.
    expected = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
    check_role_matrix(client_for, role_users, URL, expected)


def test_it_lists_the_diagnostics_of_every_workspace_of_the_user(
    client_for, facilitator, workspace, other_workspace
):
    DiagnosticFactory(workspace=workspace, title="Diagnostic d'Ancenis")
    DiagnosticFactory(workspace=other_workspace, title="Diagnostic de Sèvre et Loire")
    DiagnosticFactory(workspace=WorkspaceFactory(), title="Diagnostic d'un inconnu")
    page = page_for(client_for(facilitator))
    assert "Diagnostic d'Ancenis" in page and "Diagnostic de Sèvre et Loire" in page
    assert "Diagnostic d'un inconnu" not in page
    assert "2 diagnostics dans 2 espaces" in page


def test_a_member_of_one_workspace_sees_only_its_diagnostics(
    client_for, editor_user, workspace, other_workspace
):
    DiagnosticFactory(workspace=workspace, title="Diagnostic d'Ancenis")
    DiagnosticFactory(workspace=other_workspace, title="Diagnostic de Sèvre et Loire")
    page = page_for(client_for(editor_user))
    assert "Diagnostic d'Ancenis" in page
    assert "Diagnostic de Sèvre et Loire" not in page


def test_it_shows_the_current_phase_the_late_flag_and_the_counts(
    client_for, facilitator, workspace
):
    start = add_months(timezone.localdate(), -7)  # phase 1 should have ended a month ago
    diagnostic = DiagnosticFactory(workspace=workspace, start_date=start)
    add_items(diagnostic, interviews=3, afom=5, deleted=2)
    page = page_for(client_for(facilitator))
    assert "Phase 1 — Caractérisation" in page
    assert "En retard\u00a0: phase 1" in page
    assert '<td class="text-end">3</td>' in page
    assert '<td class="text-end">5</td>' in page  # deleted AFOM items are not counted
    assert "dont <strong>1 en retard</strong>" in page


def test_a_diagnostic_on_time_says_so(client_for, facilitator, workspace):
    DiagnosticFactory(workspace=workspace, start_date=timezone.localdate())
    assert "Dans les temps" in page_for(client_for(facilitator))


def test_the_empty_portfolio_says_so(client_for, facilitator):
    assert "Aucun diagnostic dans vos espaces." in page_for(client_for(facilitator))


def count_queries(client):
    with CaptureQueriesContext(connection) as context:
        assert client.get(URL).status_code == 200
    return len(context.captured_queries)


def test_queries_do_not_grow_with_diagnostics_or_items(
    client_for, facilitator, workspace, other_workspace
):
    client = client_for(facilitator)
    add_items(DiagnosticFactory(workspace=workspace), interviews=1, afom=1)
    baseline = count_queries(client)
    for target in (workspace, other_workspace, other_workspace):
        add_items(DiagnosticFactory(workspace=target), interviews=4, afom=6, deleted=1)
    assert count_queries(client) == baseline
