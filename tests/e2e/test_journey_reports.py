"""Journey of the diagnostic report, with the real report (WeasyPrint): an elected official
(reader) opens the diagnostic and downloads the latest report, whose text holds the AFOM
matrix; an editor chooses the chapters, opens the HTML preview, generates a new report and
watches the progress bar fill while the worker renders it. Every page shown is checked with
axe-core and saved to var/screenshots/.
"""

import re
import subprocess
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from diagnostics.models import Diagnostic
from essterritoire.accounts.enums import Role
from essterritoire.reports import services, tasks
from essterritoire.reports.enums import SnapshotStatus
from essterritoire.reports.models import ReportSnapshot
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import cress_method
from tests.diagnostics.factories_afom import AfomItemFactory
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.e2e

TITLE = "Diagnostic partagé de l'ESS du Pays d'Ancenis"
ATOUT = "Un réseau de réemploi structuré"
MENACE = "Baisse des subventions de fonctionnement"


@pytest.fixture
def diagnostic(territories):
    """The CC's diagnostic (CRESS method, two AFOM items, two actors) and its first report,
    rendered for real."""
    cress_method()
    cc = WorkspaceFactory(
        name="CC du Pays d'Ancenis", slug="cc-pays-ancenis", main_territory=territories["epci"]
    )
    diagnostic = Diagnostic.objects.create(
        workspace=cc, territory=territories["epci"], title=TITLE, start_date=date(2026, 1, 15)
    )
    AfomItemFactory(diagnostic=diagnostic, quadrant="atout", title=ATOUT)
    AfomItemFactory(diagnostic=diagnostic, quadrant="menace", title=MENACE)
    ActorFactory(workspace=cc, name="Ressourcerie d'Ancenis", kind="association")
    ActorFactory(workspace=cc, name="Scop Bâtir", kind="cooperative")
    services.request_snapshot("diagnostic", diagnostic)
    return diagnostic


def person(workspace, email, first, last, role):
    user = UserFactory(email=email, first_name=first, last_name=last)
    MembershipFactory(user=user, workspace=workspace, role=role)
    return user


def test_the_elu_downloads_the_latest_report(page, diagnostic):
    jean = person(diagnostic.workspace, "jean.bernard@exemple.fr", "Jean", "Bernard", Role.READER)
    page.goto("/connexion/")
    log_in(page, jean.email, PASSWORD)
    page.get_by_role("link", name="Diagnostics", exact=True).first.click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    visit(page, "rapport-elu-diagnostic")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("^Télécharger le dernier rapport")).click()
    path = Path(download.value.path())
    assert download.value.suggested_filename.endswith(".pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Matrice AFOM" in text and ATOUT in text and MENACE in text

    # The reports of the workspace, as an élu sees them: no generation form.
    page.get_by_role("link", name="Rapports", exact=True).first.click()
    expect(page.get_by_role("link", name=re.compile("^Télécharger"))).to_have_count(1)
    expect(page.get_by_text("À jour")).to_be_visible()
    visit(page, "rapport-elu-liste")
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", name="Rapports générés")).to_be_visible()
    expect(page.get_by_role("button", name="Générer le PDF")).to_have_count(0)
    visit(page, "rapport-elu-rapports-du-diagnostic")


def test_the_editor_generates_a_report_and_watches_the_progress_bar(page, diagnostic, monkeypatch):
    ines = person(diagnostic.workspace, "ines.moreau@exemple.fr", "Inès", "Moreau", Role.EDITOR)
    # The worker is this test: the request only queues the rendering, as in production.
    queued = []
    monkeypatch.setattr(tasks, "render_snapshot", SimpleNamespace(enqueue=queued.append))

    page.goto("/connexion/")
    log_in(page, ines.email, PASSWORD)
    page.goto(diagnostic.get_absolute_url())
    page.get_by_role("link", name="Générer ou voir les rapports").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rapports PDF")
    visit(page, "rapport-editeur-formulaire")

    page.get_by_label("Enquête").uncheck()
    with page.context.expect_page() as preview_page:
        page.get_by_role("link", name="Aperçu HTML avec ces options").click(modifiers=["Shift"])
    preview = preview_page.value
    preview.wait_for_load_state("load")
    expect(preview.get_by_role("heading", name="Matrice AFOM", level=1)).to_be_visible()
    visit(preview, "rapport-apercu-html")
    preview.close()

    page.get_by_role("button", name="Générer le PDF").click()
    page.wait_for_url(re.compile(r"/rapports/instantanes/\d+/$"))
    bar = page.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", "0")
    visit(page, "rapport-editeur-en-attente")

    # The worker renders it; the page, polling, fills the bar and offers the download.
    (snapshot_id,) = queued
    services.snapshot_render(snapshot_id=snapshot_id)
    expect(bar).to_have_attribute("aria-valuenow", "100")
    expect(page.get_by_role("link", name="Télécharger le PDF")).to_be_visible()
    visit(page, "rapport-editeur-termine")
    snapshot = ReportSnapshot.objects.get(pk=snapshot_id)
    assert snapshot.status == SnapshotStatus.DONE
    assert "enquete" not in snapshot.options["sections"]
    assert snapshot.author == ines
