"""Browser journeys of the report pages (Chromium, axe-core on every page shown).

The editor opens the reports of a diagnostic, generates one, watches a running one finish
(htmx polling) and reaches the deletion's confirmation; the élu finds the latest report in
the workspace's list and downloads it. The report kind is the small test-only one of
tests/reports/conftest.py.
"""

import dataclasses
import re
from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from essterritoire.accounts.enums import Role
from essterritoire.reports import registry
from essterritoire.reports.enums import SnapshotStatus
from essterritoire.reports.models import ReportSnapshot
from tests.diagnostics.factories import DiagnosticFactory
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, member
from tests.reports.conftest import KIND, Calls, make_kind
from tests.reports.factories import ReportSnapshotFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def diagnostic(workspace, monkeypatch):
    """A diagnostic, with the test-only report kind registered for the journey."""
    monkeypatch.setitem(registry._KINDS, KIND, make_kind(Calls()))
    return DiagnosticFactory(workspace=workspace)


def test_the_editor_generates_a_report_and_watches_the_progress(page, workspace, diagnostic):
    editor = member(workspace, Role.EDITOR)
    page.goto("/connexion/")
    log_in(page, editor.email, PASSWORD)
    page.goto(reverse("reports:report-list"))
    visit(page, "rapports-liste-vide")
    expect(page.get_by_text("Aucun rapport n'a encore été généré.")).to_be_visible()

    page.goto(reverse("reports:object-reports", args=[KIND, diagnostic.pk]))
    visit(page, "rapports-diagnostic-formulaire")
    page.get_by_label("Détails").check()
    page.get_by_role("button", name="Générer le PDF").click()
    page.wait_for_url(re.compile(r"/rapports/instantanes/\d+/$"))
    visit(page, "rapports-instantane-termine")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible()

    running = ReportSnapshotFactory(
        obj=diagnostic, status=SnapshotStatus.RUNNING, progress=35, step="Mise en page du PDF"
    )
    page.goto(reverse("reports:snapshot-detail", args=[running.pk]))
    visit(page, "rapports-instantane-en-cours")
    expect(page.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "35")
    ReportSnapshot.objects.filter(pk=running.pk).update(status=SnapshotStatus.DONE, progress=100)
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Le rapport est prêt")).to_be_attached()

    page.goto(reverse("reports:object-reports", args=[KIND, diagnostic.pk]))
    visit(page, "rapports-diagnostic-liste")
    page.get_by_role("link", name=re.compile("^Supprimer")).first.click()
    visit(page, "rapports-suppression")


def test_the_elu_downloads_the_latest_report(page, workspace, diagnostic, monkeypatch):
    kind = dataclasses.replace(registry.report_kind(KIND), key="diagnostic")
    monkeypatch.setitem(registry._KINDS, "diagnostic", kind)
    reader = member(workspace, Role.READER)
    snapshot = ReportSnapshotFactory(obj=diagnostic, kind="diagnostic", filename="Rapport-essai")
    page.goto("/connexion/")
    log_in(page, reader.email, PASSWORD)
    page.goto(diagnostic.get_absolute_url())
    visit(page, "rapports-bloc-diagnostic")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Télécharger le dernier rapport")).click()
    assert download.value.suggested_filename.startswith("Rapport-essai-")
    page.goto(reverse("reports:report-list"))
    expect(page.get_by_text("À jour").or_(page.get_by_text("Données modifiées"))).to_be_visible()
    visit(page, "rapports-liste")

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Télécharger")).click()

    assert download.value.suggested_filename.startswith("Rapport-essai-")
    assert Path(download.value.path()).read_bytes() == snapshot.file.open("rb").read()
