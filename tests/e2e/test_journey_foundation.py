"""First journey: log in, change workspace, find a territory and open its page.

A person who belongs to two workspaces (the CC du Pays d'Ancenis and the CRESS) logs in through
the form, lands on the home of her first workspace, switches to the other one with the header's
switcher, then looks for "ancenis" in the Territoires page and opens the EPCI. Every page shown
is checked with axe-core and saved to var/screenshots/.
"""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from essterritoire.accounts.enums import Role, WorkspaceKind
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def sophie(territories):
    """A member of two workspaces: admin of the CC, editor in the CRESS."""
    cc = WorkspaceFactory(
        name="CC du Pays d'Ancenis", slug="cc-pays-ancenis", main_territory=territories["epci"]
    )
    cress = WorkspaceFactory(
        name="CRESS Pays de la Loire",
        slug="cress-pays-de-la-loire",
        kind=WorkspaceKind.CRESS,
        main_territory=territories["reg"],
    )
    user = UserFactory(email="sophie.leroy@exemple.fr", first_name="Sophie", last_name="Leroy")
    MembershipFactory(user=user, workspace=cc, role=Role.ADMIN)
    MembershipFactory(user=user, workspace=cress, role=Role.EDITOR)
    return SimpleNamespace(email=user.email, cc=cc, cress=cress)


def heading(page):
    return page.get_by_role("heading", level=1)


def test_login_switch_workspace_search_and_open_territory(page, sophie):
    cc, cress = sophie.cc, sophie.cress

    # Anonymous: the home sends to the login page.
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/connexion/\?next=/$"))
    expect(heading(page)).to_have_text("Connexion")
    visit(page, "connexion")

    # Logged in, she lands on her first workspace's home.
    log_in(page, sophie.email, PASSWORD)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(heading(page)).to_have_text(cc.name)
    expect(page.locator("#workspace-switch")).to_have_value(str(cc.pk))
    visit(page, "accueil-espace")

    # The switcher without JavaScript's help: pick the CRESS, press "Changer".
    switcher = page.locator("#workspace-switch")
    switcher.evaluate("(select, value) => { select.value = value; }", str(cress.pk))
    page.get_by_role("button", name="Changer").click()
    expect(heading(page)).to_have_text(cress.name)
    expect(page.locator("#workspace-switch")).to_have_value(str(cress.pk))
    expect(page.get_by_text("votre rôle : éditeur")).to_be_visible()
    visit(page, "accueil-espace-cress")

    # With JavaScript, choosing in the list is enough (the form submits itself).
    switcher.select_option(str(cc.pk))
    expect(heading(page)).to_have_text(cc.name)
    expect(page.get_by_text("votre rôle : administrateur")).to_be_visible()
    visit(page, "accueil-espace-retour")

    # Territoires: the live search (htmx) lists the EPCI and the commune.
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Territoires"
    ).click()
    expect(page).to_have_url(re.compile(r"/territoires/$"))
    expect(heading(page)).to_have_text("Territoires")
    visit(page, "territoires")

    page.get_by_label("Rechercher un territoire par son nom ou son code").fill("ancenis")
    results = page.locator("#resultats")
    expect(results.get_by_role("status")).to_have_text(re.compile(r"2 résultats pour « ancenis »"))
    expect(page).to_have_url(re.compile(r"/territoires/\?q=ancenis$"))
    expect(results.get_by_role("link", name="Ancenis-Saint-Géréon")).to_be_visible()
    visit(page, "territoires-recherche")

    # The EPCI's page: its name, its kind, its département and its communes.
    results.get_by_role("link", name="CC du Pays d'Ancenis").click()
    expect(page).to_have_url(re.compile(r"/territoires/epci/244400552/$"))
    expect(heading(page)).to_have_text("CC du Pays d'Ancenis")
    expect(page.get_by_text("Communauté de communes")).to_be_visible()
    expect(page.get_by_role("heading", level=2, name="Communes (1)")).to_be_visible()
    expect(page.get_by_role("link", name="Loire-Atlantique")).to_be_visible()
    expect(page.get_by_role("link", name="Ancenis-Saint-Géréon")).to_be_visible()
    visit(page, "territoire-epci")


def test_failed_login_shows_french_error(page, sophie):
    page.goto("/connexion/")
    log_in(page, sophie.email, "pas-le-bon-mot-de-passe", succeed=False)
    expect(page).to_have_url(re.compile(r"/connexion/$"))
    expect(page.get_by_text("Adresse e-mail ou mot de passe incorrect.")).to_be_visible()
    expect(page.get_by_label("Adresse e-mail")).to_have_value(sophie.email)
    expect(heading(page)).to_have_text("Connexion")
    visit(page, "connexion-echec")
