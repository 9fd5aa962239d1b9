"""Indicators journey: staff imports a regional file (an error shown, fixed, imported again;
a check still running shows its bar and the page follows it), then the editor opens the
diagnostic's dashboard, accepts a suggestion and finds it in the AFOM matrix with its figures.
Every page shown is checked with axe-core and saved."""

import re
from types import SimpleNamespace

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from diagnostics.enums import IndicatorImportStatus
from diagnostics.models import ComparisonTerritory, IndicatorImport
from essterritoire.accounts.enums import Role
from essterritoire.territories.models import Territory
from tests.actors.factories import EstablishmentFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.e2e
SOURCE = "CRESS Pays de la Loire (données de démonstration)"
PEERS = (("200067866", "CC Sèvre et Loire"), ("244400503", "CC d'Erdre et Gesvres"))
GOOD_FILE = (
    "territoire;indicateur;annee;valeur;source\n"
    f"epci:244400552;part_emploi.ess;2022;13,9 %;{SOURCE}\n"
    f"epci:200067866;part_emploi.ess;2022;9,3 %;{SOURCE}\n"
    f"epci:244400503;part_emploi.ess;2022;9,9 %;{SOURCE}\n"
    f"reg:52;effectifs_salaries.ess;2021;164\u00a0300;{SOURCE}\n"
    f"reg:52;effectifs_salaries.ess;2022;168\u00a0900;{SOURCE}\n"
)
BAD_FILE = GOOD_FILE.replace("9,9 %", "environ dix")
SUGGESTION = (
    "Un poids de l'ESS dans l'emploi supérieur aux territoires comparables (données régionales)"
)


@pytest.fixture
def people(territories):
    for code, name in PEERS:
        Territory.objects.create(kind="epci", code=code, name=name, population=50_000)
    workspace = WorkspaceFactory(name="CC du Pays d'Ancenis", main_territory=territories["epci"])
    editor = UserFactory(email="ines.moreau@exemple.fr", first_name="Inès", last_name="Moreau")
    MembershipFactory(user=editor, workspace=workspace, role=Role.EDITOR)
    staff = UserFactory(email="equipe@exemple.fr", is_staff=True, is_superuser=True)
    diagnostic = DiagnosticFactory(workspace=workspace, territory=territories["epci"])
    for code, _ in PEERS:
        peer = Territory.objects.get(kind="epci", code=code)
        ComparisonTerritory.objects.create(diagnostic=diagnostic, territory=peer)
    for _ in range(3):
        EstablishmentFactory(commune_code="44003")
    return SimpleNamespace(editor=editor, staff=staff, diagnostic=diagnostic)


def heading(page):
    return page.get_by_role("heading", level=1)


def upload(page, text):
    page.goto("/diagnostics/donnees-regionales/importer/")
    page.get_by_label("Fichier").set_input_files(
        files=[{"name": "cress.csv", "mimeType": "text/csv", "buffer": text.encode()}]
    )
    page.get_by_role("button", name="Vérifier le fichier").click()


def test_import_then_accept_a_suggestion(page, people):
    # Staff: a file with one error is shown, nothing is written.
    page.goto("/connexion/")
    log_in(page, people.staff.email, PASSWORD)
    upload(page, BAD_FILE)
    expect(heading(page)).to_have_text("Import de « cress.csv »")
    expect(page.get_by_text("1 erreur : rien n'a été enregistré.")).to_be_visible()
    errors = page.locator("#erreurs")
    expect(errors.get_by_role("cell", name="environ dix")).to_be_visible()
    expect(errors.get_by_role("cell", name="valeur non numérique")).to_be_visible()
    visit(page, "indicateurs-import-erreur")

    # Fixed, checked again, then confirmed.
    upload(page, GOOD_FILE)
    expect(page.get_by_role("status")).to_contain_text("l'import créerait 5 valeurs")
    visit(page, "indicateurs-import-apercu")
    page.get_by_role("button", name="Confirmer l'import").click()
    expect(heading(page)).to_have_text("Import de « cress.csv »")
    expect(page.get_by_text("Import terminé : 5 valeurs créées")).to_be_visible()
    visit(page, "indicateurs-import-termine")
    page.get_by_role("link", name="Tous les imports").click()
    expect(heading(page)).to_have_text("Données régionales")
    expect(page.get_by_role("row", name=re.compile("cress.csv.*Importé"))).to_have_count(1)
    visit(page, "indicateurs-imports")

    # A check still running: its bar, then the page updates by itself once it has ended.
    running = IndicatorImport.objects.create(
        file_name="gros.csv",
        status=IndicatorImportStatus.CHECKING,
        progress=45,
        progress_label="Recherche des territoires",
        created_by=people.staff,
        updated_at=timezone.now(),
    )
    page.goto(running.get_absolute_url())
    bar = page.get_by_role("progressbar", name="Avancement de l'import")
    expect(bar).to_have_attribute("aria-valuenow", "45")
    expect(page.get_by_text("Recherche des territoires")).to_be_visible()
    visit(page, "indicateurs-import-en-cours")
    IndicatorImport.objects.filter(pk=running.pk).update(status=IndicatorImportStatus.CANCELED)
    expect(page.get_by_text("Import abandonné : rien n'a été enregistré.")).to_be_visible()
    expect(bar).to_have_count(0)
    page.context.clear_cookies()

    # The editor: the dashboard shows the figures and the suggestion.
    page.goto("/connexion/")
    log_in(page, people.editor.email, PASSWORD)
    page.goto(f"/diagnostics/{people.diagnostic.pk}/indicateurs/")
    expect(heading(page)).to_have_text("Indicateurs de l'ESS : CC du Pays d'Ancenis")
    expect(page.get_by_text("Données de démonstration", exact=True)).to_be_visible()
    suggestions = page.locator("#suggestions")
    card = suggestions.locator("li", has_text=SUGGESTION)
    expect(card).to_contain_text("13,9 % pour CC du Pays d'Ancenis")
    visit(page, "indicateurs-tableau-de-bord")

    card.get_by_role("button", name=re.compile(r"^Accepter")).click()
    expect(page.get_by_text(re.compile(r"est ajouté à la matrice AFOM \(atout\)"))).to_be_visible()
    expect(suggestions.locator("li", has_text=SUGGESTION)).to_have_count(0)

    # In the AFOM matrix, with its figures; its page shows the indicator evidence.
    page.goto(f"/diagnostics/{people.diagnostic.pk}/afom/")
    item = page.locator(".afom-item", has_text=SUGGESTION)
    expect(item).to_contain_text("13,9 % pour CC du Pays d'Ancenis")
    expect(item).to_contain_text("1 preuve")
    visit(page, "indicateurs-matrice-afom")
    item.locator("a.afom-item-title").click()
    expect(page.get_by_text("Indicateur", exact=True)).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"médiane des territoires comparés\s:\s9,6\s%"))
    ).to_be_visible()
    visit(page, "indicateurs-element-afom")
