"""Actors journey: an editor creates an actor from a SIRENE establishment, adds a contact,
filters the list live and downloads it as CSV.

The CC du Pays d'Ancenis has its SIRENE establishments imported (two here). Camille, editor,
logs in, opens "Acteurs", searches the establishments of the territory, creates the actor from
the prefilled form, adds a contact on the actor's page, then narrows the list with the live
search and downloads it. Every page shown is checked with axe-core and saved to var/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

from actors.enums import Family
from actors.models import Actor
from essterritoire.accounts.enums import Role
from tests.actors.factories import ActorFactory, EstablishmentFactory, LegalCategoryFactory
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def camille(territories):
    """An editor of the CC, whose SIRENE establishments are imported."""
    cc = WorkspaceFactory(
        name="CC du Pays d'Ancenis", slug="cc-pays-ancenis", main_territory=territories["epci"]
    )
    user = UserFactory(email="camille.roux@exemple.fr", first_name="Camille", last_name="Roux")
    MembershipFactory(user=user, workspace=cc, role=Role.EDITOR)
    LegalCategoryFactory(code="9220", label="Association déclarée")
    EstablishmentFactory(
        siren="443061841",
        siret="44306184100047",
        name="RESSOURCERIE DU PAYS D ANCENIS",
        family=Family.ASSOCIATION,
        naf_code="38.32Z",
        size_band="12",
        address="12 rue du Réemploi",
    )
    EstablishmentFactory(name="GARAGE SOLIDAIRE", family=Family.COOPERATIVE)
    ActorFactory(workspace=cc, name="Mairie d'Ancenis-Saint-Géréon", kind="collectivite")
    user.workspace_for_test = cc
    return user


def heading(page):
    return page.get_by_role("heading", level=1)


def go(page, path):
    """Open `path` once the page shown has finished loading (its favicon included): an
    interrupted request would fail the journey."""
    page.wait_for_load_state("networkidle")
    page.goto(path)


def test_editor_creates_an_actor_from_sirene_adds_a_contact_and_exports(page, camille):
    page.goto("/connexion/")
    log_in(page, camille.email, PASSWORD)
    expect(heading(page)).to_have_text("CC du Pays d'Ancenis")

    # The registry, from the main navigation.
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Acteurs"
    ).click()
    expect(page).to_have_url(re.compile(r"/acteurs/$"))
    expect(heading(page)).to_have_text("Acteurs")
    visit(page, "acteurs-liste")

    # Search the territory's establishments, accents ignored.
    page.get_by_role("link", name="Ajouter depuis SIRENE").click()
    expect(heading(page)).to_have_text("Ajouter un acteur depuis SIRENE")
    visit(page, "acteurs-sirene")
    page.get_by_label("Nom ou SIRET de l'établissement").fill("ressourcerie ancenis")
    page.get_by_role("button", name="Rechercher").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"1 établissement pour"))
    visit(page, "acteurs-sirene-resultats")

    # The prefilled form: check, complete, create.
    page.get_by_role("link", name="Créer l'acteur RESSOURCERIE DU PAYS D ANCENIS").click()
    expect(heading(page)).to_have_text("Nouvel acteur depuis SIRENE")
    expect(page.get_by_role("textbox", name=re.compile(r"^Nom\*?$"))).to_have_value(
        "RESSOURCERIE DU PAYS D ANCENIS"
    )
    expect(page.get_by_label("SIRET")).to_have_value("44306184100047")
    expect(page.get_by_label("Commune")).to_have_value("Ancenis-Saint-Géréon (44003)")
    expect(page.get_by_label("Forme juridique")).to_have_value("Association déclarée")
    visit(page, "acteur-formulaire-sirene")
    page.get_by_role("textbox", name=re.compile(r"^Nom\*?$")).fill("Ressourcerie du Pays d'Ancenis")
    page.get_by_label("Déchets").check()
    page.get_by_role("button", name="Créer l'acteur").click()

    expect(heading(page)).to_have_text("Ressourcerie du Pays d'Ancenis")
    expect(
        page.get_by_text("Acteur « Ressourcerie du Pays d'Ancenis » ajouté depuis SIRENE.")
    ).to_be_visible()
    expect(page.get_by_text("Établissement RESSOURCERIE DU PAYS D ANCENIS")).to_be_visible()
    visit(page, "acteur-fiche")

    # A contact, from the actor's page.
    page.get_by_role("link", name="Ajouter un contact").click()
    expect(heading(page)).to_have_text("Nouveau contact de Ressourcerie du Pays d'Ancenis")
    visit(page, "contact-formulaire")
    page.get_by_role("textbox", name=re.compile(r"^Nom\*?$")).fill("Léa Martin")
    page.get_by_label("Fonction").fill("Coordinatrice")
    page.get_by_label("E-mail").fill("lea.martin@ressourcerie.fr")
    page.get_by_label("Téléphone").fill("02 40 12 34 56")
    page.get_by_label("Accepte d'être contacté·e").check()
    page.get_by_role("button", name="Enregistrer le contact").click()
    expect(page.get_by_text("lea.martin@ressourcerie.fr")).to_be_visible()
    expect(page.get_by_text("Accepte d'être contacté·e depuis le")).to_be_visible()
    visit(page, "acteur-fiche-contact")

    # The list, narrowed live by the search box (htmx), then downloaded as CSV.
    page.get_by_role("navigation", name="Fil d'Ariane").get_by_role("link", name="Acteurs").click()
    expect(page.get_by_role("status")).to_have_text("2 acteurs.")
    page.get_by_label("Rechercher").fill("ressourcerie")
    expect(page.get_by_role("status")).to_have_text("1 acteur sur 2.")
    expect(page).to_have_url(re.compile(r"/acteurs/\?q=ressourcerie"))
    visit(page, "acteurs-liste-filtree")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV (liste des acteurs)").click()
    download = download_info.value
    assert re.fullmatch(r"acteurs-\d{4}-\d{2}-\d{2}\.csv", download.suggested_filename)
    content = open(download.path(), encoding="utf-8-sig").read().splitlines()  # noqa: SIM115
    assert content[0].startswith("Nom;Type;SIRET;")
    assert len(content) == 2  # the filter applies to the export
    assert content[1].startswith("Ressourcerie du Pays d'Ancenis;Association;44306184100047;")
    assert "lea.martin@ressourcerie.fr" in content[1] and "Déchets" in content[1]
    assert Actor.objects.filter(establishment_id="44306184100047").count() == 1


def test_registry_tool_pages_are_accessible(page, camille):
    """Themes, bulk add, duplicates and merge, import with its errors: each page through axe."""
    cc = camille.workspace_for_test
    ActorFactory(workspace=cc, name="Epicerie solidaire")
    ActorFactory(workspace=cc, name="ÉPICERIE SOLIDAIRE")
    page.goto("/connexion/")
    log_in(page, camille.email, PASSWORD)
    expect(heading(page)).to_have_text("CC du Pays d'Ancenis")

    go(page, "/acteurs/themes/")
    expect(heading(page)).to_have_text("Thèmes des acteurs")
    page.get_by_label("Nouveau thème").fill("Économie circulaire")
    page.get_by_role("button", name="Ajouter le thème").click()
    expect(page.get_by_text("Thème « Économie circulaire » ajouté.")).to_be_visible()
    visit(page, "acteurs-themes")

    go(page, "/acteurs/employeurs-ess/")
    expect(page.get_by_role("button", name="Ajouter 2 acteurs")).to_be_visible()
    visit(page, "acteurs-employeurs-ess")

    go(page, "/acteurs/doublons/")
    expect(page.get_by_text("même nom dans la même commune")).to_be_visible()
    visit(page, "acteurs-doublons")
    page.get_by_role("button", name=re.compile(r"^Fusionner…")).click()
    expect(heading(page)).to_have_text(re.compile(r"^Fusionner"))
    visit(page, "acteurs-fusion")
    page.get_by_role("button", name="Fusionner", exact=True).click()
    expect(page.get_by_text("a été fusionné dans")).to_be_visible()

    go(page, "/acteurs/import/")
    visit(page, "acteurs-import")
    content = "Nom;SIRET;Commune\nAtelier vélo;123;Atlantide\nCafé associatif;;44003\n"
    page.get_by_label(re.compile(r"Fichier des acteurs")).set_input_files(
        files=[{"name": "acteurs.csv", "mimeType": "text/csv", "buffer": content.encode()}]
    )
    page.get_by_role("button", name="Envoyer le fichier").click()
    expect(heading(page)).to_have_text("Associer les colonnes du fichier")
    visit(page, "acteurs-import-colonnes")
    page.get_by_role("button", name="Vérifier les lignes").click()
    expect(page.get_by_text("2 erreurs")).to_be_visible()
    visit(page, "acteurs-import-erreurs")
