"""Journey of a shared diagnostic: an editor of the CC du Pays d'Ancenis creates the diagnostic
with the CRESS method, records an interview with an actor, adds an excerpt and turns it into an
AFOM item, then moves to phase 2 with a reason since phase 1's deliverables are unchecked. An
elected official (reader) of the same CC then opens the AFOM board: she sees the item, and no
edit control; a direct POST to an edit URL is refused. Every page shown is checked with
axe-core and saved to var/screenshots/.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from diagnostics.models import AfomItem, Diagnostic
from essterritoire.accounts.enums import Role
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import cress_method
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.e2e

TITLE = "Diagnostic partagé de l'ESS du Pays d'Ancenis"
EXCERPT = "Les associations manquent de locaux partagés pour accueillir leurs bénévoles."
ITEM = "Manque de locaux partagés pour les associations"
REASON = "Le comité de pilotage a validé le passage malgré l'enquête encore en cours."


@pytest.fixture
def cc(territories):
    """The CC's workspace, with an actor in its registry, and the built-in CRESS method (its
    four phases and their deliverables), flushed from the tables by the live server."""
    cress_method()
    workspace = WorkspaceFactory(
        name="CC du Pays d'Ancenis", slug="cc-pays-ancenis", main_territory=territories["epci"]
    )
    ActorFactory(workspace=workspace, name="Jardins de Cocagne du Pays d'Ancenis")
    return workspace


@pytest.fixture
def ines(cc):
    user = UserFactory(email="ines.moreau@exemple.fr", first_name="Inès", last_name="Moreau")
    MembershipFactory(user=user, workspace=cc, role=Role.EDITOR)
    return user


@pytest.fixture
def jean(cc):
    user = UserFactory(email="jean.bernard@exemple.fr", first_name="Jean", last_name="Bernard")
    MembershipFactory(user=user, workspace=cc, role=Role.READER)
    return user


def heading(page):
    return page.get_by_role("heading", level=1)


def test_an_editor_builds_the_diagnostic_and_a_reader_reads_the_afom_board(page, ines, jean):
    # The editor creates the diagnostic, with the CRESS method.
    page.goto(reverse("diagnostics:diagnostic-create"))
    log_in(page, ines.email, PASSWORD)
    expect(heading(page)).to_have_text("Nouveau diagnostic partagé")
    page.get_by_label("Titre").fill(TITLE)
    page.get_by_role("combobox", name="Territoire").fill("epci:244400552")
    page.get_by_label("Méthode").select_option(label="Diagnostic partagé — méthode CRESS")
    visit(page, "diagnostic-formulaire")
    page.get_by_role("button", name="Créer le diagnostic").click()
    expect(heading(page)).to_have_text(TITLE)
    expect(page.get_by_role("alert").first).to_contain_text("créé")
    phase = page.get_by_role("heading", name=re.compile("Phase en cours.*Caractérisation"))
    expect(phase).to_be_visible()
    visit(page, "diagnostic-cree")
    diagnostic = Diagnostic.objects.get(title=TITLE)

    # An interview with an actor of the registry.
    page.goto(reverse("diagnostics:interview-create", args=[diagnostic.pk]))
    expect(heading(page)).to_have_text("Nouvel entretien")
    page.get_by_label("Jardins de Cocagne du Pays d'Ancenis").check()
    page.get_by_label("Inès Moreau").check()
    page.get_by_label("Besoins").fill("Des locaux partagés et une légumerie.")
    visit(page, "diagnostic-entretien-formulaire")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", name=re.compile("^Extraits"))).to_be_visible()
    expect(page.get_by_role("link", name="Jardins de Cocagne du Pays d'Ancenis")).to_be_visible()
    visit(page, "diagnostic-entretien")

    # An excerpt, turned into an AFOM item with the excerpt's "→ AFOM" action.
    excerpts = page.locator("#extraits")
    page.get_by_role("textbox", name=re.compile(r"^Extrait\W*$")).fill(EXCERPT)
    page.get_by_role("button", name="Ajouter l'extrait").click()
    expect(excerpts.locator("blockquote")).to_contain_text(EXCERPT)
    visit(page, "diagnostic-entretien-extrait")
    page.get_by_role("link", name=re.compile("Créer un élément AFOM")).click()
    form = excerpts.locator("form").filter(has_text="Nouvel élément AFOM")
    expect(form).to_be_visible()
    form.get_by_label("Faiblesse", exact=True).check()
    form.get_by_role("textbox", name=re.compile(r"^Intitulé\W*$")).fill(ITEM)
    visit(page, "diagnostic-extrait-vers-afom")
    form.get_by_role("button", name="Créer l'élément").click()
    expect(excerpts.get_by_role("link", name=ITEM)).to_be_visible()
    visit(page, "diagnostic-extrait-dans-afom")
    item = AfomItem.objects.get(diagnostic=diagnostic, title=ITEM)

    # Phase 2, though phase 1's deliverables are not checked: a reason is required.
    page.goto(reverse("diagnostics:diagnostic-detail", args=[diagnostic.pk]))
    page.get_by_role("link", name="Passer à la phase 2").click()
    expect(heading(page)).to_have_text("Passer de la phase 1 à la phase 2")
    expect(page.get_by_role("alert")).to_contain_text("ne sont pas cochés")
    visit(page, "diagnostic-phase-suivante")
    page.get_by_role("button", name="Passer à la phase 2").click()
    reason = page.get_by_label("Motif du passage sans tous les livrables")
    expect(reason).to_have_class(re.compile("is-invalid"))
    expect(page.get_by_text("indiquez le motif du passage")).to_be_visible()
    visit(page, "diagnostic-phase-suivante-sans-motif")
    reason.fill(REASON)
    page.get_by_role("button", name="Passer à la phase 2").click()
    expect(heading(page)).to_have_text(TITLE)
    expect(
        page.get_by_role("heading", name=re.compile("Phase en cours.*Échange et réflexion"))
    ).to_be_visible()
    visit(page, "diagnostic-phase-2")
    phase1 = diagnostic.phases.get(number=1)
    assert REASON in str(phase1.override_reason)

    # The reader sees the item on the board, without any edit control.
    page.context.clear_cookies()
    board = reverse("diagnostics:afom-board", args=[diagnostic.pk])
    page.goto(board)
    log_in(page, jean.email, PASSWORD)
    expect(heading(page)).to_have_text("Matrice AFOM")
    weaknesses = page.locator("#quadrant-faiblesse")
    expect(weaknesses.get_by_role("link", name=ITEM)).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Modifier"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("^Supprimer"))).to_have_count(0)
    controls = page.get_by_role("button", name=re.compile("^(Monter|Descendre|Ajouter)"))
    expect(controls).to_have_count(0)
    expect(page.locator("summary", has_text="Ajouter")).to_have_count(0)
    visit(page, "diagnostic-afom-lecteur")

    client = Client()
    client.force_login(jean)
    assert client.get(board).status_code == 200
    edit = reverse("diagnostics:afom-item-edit", args=[item.pk])
    response = client.post(edit, {"title": "Changé par un lecteur", "priority": "3"})
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == ITEM
