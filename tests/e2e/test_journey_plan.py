"""Journey of the action plan: an editor of the CC du Pays d'Ancenis opens the plan of her
diagnostic, builds an axis from two AFOM items, adds an objective and an action with a pilot and
a partner from the actor registry, logs an update, sees the action flagged late (its end date
has passed), then marks it done; she looks at the board, the timeline and the follow-up. Every
page shown is checked with axe-core and saved to var/screenshots/.
"""

import io
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from actors.enums import ActorKind
from diagnostics.enums import Quadrant
from essterritoire.accounts.enums import Role
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import AfomItemFactory
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.e2e
TODAY = timezone.localdate()


@pytest.fixture
def ines(territories):
    """An editor of the CC, whose diagnostic has an AFOM matrix and whose registry has actors."""
    cc = WorkspaceFactory(
        name="CC du Pays d'Ancenis", slug="cc-pays-ancenis", main_territory=territories["epci"]
    )
    user = UserFactory(email="ines.moreau@exemple.fr", first_name="Inès", last_name="Moreau")
    MembershipFactory(user=user, workspace=cc, role=Role.EDITOR)
    diagnostic = DiagnosticFactory(
        workspace=cc, territory=territories["epci"], title="Diagnostic ESS du Pays d'Ancenis"
    )
    AfomItemFactory(diagnostic=diagnostic, quadrant=Quadrant.FAIBLESSE, title="Manque de locaux")
    AfomItemFactory(
        diagnostic=diagnostic, quadrant=Quadrant.OPPORTUNITE, title="Projet alimentaire territorial"
    )
    AfomItemFactory(
        diagnostic=diagnostic, quadrant=Quadrant.ATOUT, title="Un réseau associatif dense"
    )
    ActorFactory(workspace=cc, name="Jardins de Cocagne du Pays d'Ancenis")
    ActorFactory(workspace=cc, name="Scop Bâtir Ensemble", kind=ActorKind.COOPERATIVE)
    user.diagnostic_for_test = diagnostic
    return user


def heading(page):
    return page.get_by_role("heading", level=1)


def save(page):
    page.get_by_role("button", name="Enregistrer").click()


def test_build_an_axis_and_follow_an_action_until_done(page, ines):
    diagnostic = ines.diagnostic_for_test
    page.goto(f"/ptce/plans/{diagnostic.pk}/")
    log_in(page, ines.email, PASSWORD)
    expect(heading(page)).to_have_text("Plan d'action")
    expect(page.get_by_text("Ce plan n'a pas encore d'axe")).to_be_visible()
    visit(page, "plan-vide")

    # An axis answering two AFOM items.
    page.get_by_role("link", name="Ajouter un axe").click()
    expect(heading(page)).to_have_text("Nouvel axe du plan d'action")
    page.get_by_label("Intitulé de l'axe").fill("Alimentation durable et lieux partagés")
    page.get_by_label(re.compile("Manque de locaux")).check()
    page.get_by_label(re.compile("Projet alimentaire territorial")).check()
    visit(page, "plan-axe-formulaire")
    save(page)
    axis = page.get_by_role("region", name=re.compile("Axe 1. Alimentation durable"))
    expect(axis.get_by_role("listitem")).to_have_count(2)
    expect(axis.get_by_text("Manque de locaux")).to_be_visible()
    expect(page.get_by_text("Un réseau associatif dense")).to_have_count(0)
    visit(page, "plan-axe")

    # An objective, then an action with a pilot and a partner from the registry.
    axis.get_by_role("link", name="Ajouter un objectif").click()
    page.get_by_label("Intitulé de l'objectif").fill("Créer une légumerie solidaire")
    save(page)
    page.get_by_role("link", name="Ajouter une action").click()
    expect(heading(page)).to_have_text("Nouvelle action")
    page.get_by_label("Intitulé de l'action").fill("Trouver un local pour la légumerie")
    page.get_by_label("Pilote").select_option(label="Jardins de Cocagne du Pays d'Ancenis")
    page.get_by_label("Partenaires").select_option(label="Scop Bâtir Ensemble")
    page.get_by_label("Début").fill(str(TODAY - timedelta(days=120)))
    page.get_by_label("Fin").fill(str(TODAY - timedelta(days=10)))
    page.get_by_label("État").select_option(label="En cours")
    page.get_by_label("Avancement (%)").fill("60")
    page.get_by_label("Budget estimé (€)").fill("12 500")
    visit(page, "plan-action-formulaire")
    save(page)

    # The action's sheet: pilot, partner, and flagged late in words.
    expect(heading(page)).to_have_text("Trouver un local pour la légumerie")
    expect(page.get_by_role("alert").first).to_contain_text(re.compile(r"Action .* créée"))
    expect(page.get_by_role("link", name="Scop Bâtir Ensemble")).to_be_visible()
    expect(page.get_by_text("Action en retard")).to_be_visible()
    expect(page.get_by_text("12\u202f500\u00a0€").first).to_be_visible()
    visit(page, "plan-action-en-retard")

    # An update in the log.
    page.get_by_label("Point d'étape").fill("Visite d'un local à Ancenis avec la commune.")
    page.get_by_role("button", name="Ajouter le point d'étape").click()
    journal = page.get_by_role("region", name="Journal de suivi")
    expect(journal.get_by_text("Visite d'un local à Ancenis avec la commune.")).to_be_visible()
    expect(journal.get_by_text("Inès Moreau")).to_be_visible()
    visit(page, "plan-action-journal")

    # The board shows it late, in the "En cours" column.
    page.get_by_role("link", name="Plan d'action").click()
    page.get_by_role("link", name="Par état").click()
    column = page.get_by_role("region", name=re.compile("^En cours"))
    expect(column.get_by_text("En retard")).to_be_visible()
    visit(page, "plan-tableau-par-etat")

    # Marked done from its card with the keyboard: no longer late.
    column.get_by_label(re.compile("État de l'action")).select_option(label="Réalisée")
    column.get_by_role("button", name=re.compile("Changer")).press("Enter")
    done = page.get_by_role("region", name=re.compile("^Réalisée"))
    expect(done.get_by_role("link", name="Trouver un local pour la légumerie")).to_be_visible()
    expect(page.get_by_text("En retard")).to_have_count(0)
    visit(page, "plan-tableau-par-etat-realisee")

    page.get_by_role("link", name="Calendrier").click()
    expect(page.get_by_role("img", name=re.compile("Calendrier des actions"))).to_be_visible()
    expect(page.get_by_role("table", name="Calendrier des actions datées")).to_be_visible()
    visit(page, "plan-calendrier")

    page.get_by_role("link", name="Suivi (phase 4)").click()
    expect(heading(page)).to_have_text("Suivi du plan d'action")
    expect(page.get_by_text("1/1")).to_be_visible()
    expect(page.get_by_text("Aucune action en retard.")).to_be_visible()
    visit(page, "plan-suivi")

    # An import whose pilot is not in the registry: the preview lists the error, nothing else.
    page.get_by_role("link", name="Axes et objectifs").click()
    page.get_by_role("link", name="Importer un plan (XLSX)").click()
    visit(page, "plan-import")
    page.get_by_label("Fichier du plan d'action (.xlsx)").set_input_files(
        {"name": "plan.xlsx", "mimeType": "application/octet-stream", "buffer": workbook()}
    )
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(heading(page)).to_have_text("Vérifier avant d'importer")
    errors = page.get_by_role("table", name="Erreurs par ligne")
    expect(
        errors.get_by_role("cell", name=re.compile("acteur inconnu du registre"))
    ).to_be_visible()
    expect(page.get_by_role("button", name="Importer le plan")).to_have_count(0)
    visit(page, "plan-import-erreurs")


def workbook():
    """A plan of one action whose pilot is unknown, on the template's columns."""
    from openpyxl import Workbook

    from ptce.imports_plans import COLUMNS

    book = Workbook()
    book.active.append([header for _, header, _ in COLUMNS])
    book.active.append(["Mobilité", "Covoiturage", "Lancer une plateforme", "", "Inconnue SA"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def jean(ines):
    """An elected official (reader) of the same CC, whose diagnostic has the demo plan."""
    from ptce.demo_plans import seed_action_plan

    diagnostic = ines.diagnostic_for_test
    user = UserFactory(email="jean.bernard@exemple.fr", first_name="Jean", last_name="Bernard")
    MembershipFactory(user=user, workspace=diagnostic.workspace, role=Role.READER)
    seed_action_plan(diagnostic, list(diagnostic.workspace.actors.all()))
    user.diagnostic_for_test = diagnostic
    return user


def test_a_reader_browses_the_demo_plan(page, jean):
    diagnostic = jean.diagnostic_for_test
    page.goto(f"/ptce/plans/{diagnostic.pk}/")
    log_in(page, jean.email, PASSWORD)
    expect(page.get_by_role("heading", level=2, name=re.compile("^Axe 1. "))).to_be_visible()
    expect(page.get_by_role("link", name="Ajouter un axe")).to_have_count(0)
    visit(page, "plan-demo")
    for tab, name in [
        ("Tableau des actions", "plan-demo-tableau"),
        ("Par état", "plan-demo-par-etat"),
        ("Calendrier", "plan-demo-calendrier"),
        ("Suivi (phase 4)", "plan-demo-suivi"),
    ]:
        page.get_by_role("navigation", name="Vues du plan d'action").get_by_role(
            "link", name=tab
        ).click()
        expect(page.locator(".plan-late").first).to_be_visible()
        expect(page.get_by_role("button", name=re.compile("^Changer"))).to_have_count(0)
        visit(page, name)
    page.get_by_role("link", name="Ouvrir une matériauthèque de réemploi du bâtiment").first.click()
    expect(page.get_by_role("heading", level=2, name="Indicateurs")).to_be_visible()
    expect(page.get_by_role("link", name="Modifier")).to_have_count(0)
    visit(page, "plan-demo-action")
