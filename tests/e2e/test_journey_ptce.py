"""PTCE journey: an editor completes a pole and sees it become eligible.

Inès, editor of the CC du Pays d'Ancenis, opens the PTCE of the filières vertes: an ESS
structure and a carpenter's company are members, so decree 2015-431's third partner is missing
and the sheet says "non". She adds the collectivité from the registry (htmx: the members, the
eligibility box and the benchmark update in place) and the sheet says "oui". She then records
the animation cell's budget for 2026 and reads its self-financed share. Every page shown is
checked with axe-core and saved to var/screenshots/.
"""

import re

import pytest
from playwright.sync_api import expect

from actors.enums import ActorKind
from essterritoire.accounts.enums import Role
from ptce.enums import LegalForm, MemberType, PtceStage
from tests.actors.factories import ActorFactory
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory
from tests.ptce.factories import MemberFactory, PtceFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def ines(territories):
    workspace = WorkspaceFactory(
        name="CC du Pays d'Ancenis", slug="cc-pays-ancenis", main_territory=territories["epci"]
    )
    user = UserFactory(email="ines.moreau@exemple.fr", first_name="Inès", last_name="Moreau")
    MembershipFactory(user=user, workspace=workspace, role=Role.EDITOR)
    ptce = PtceFactory(
        workspace=workspace,
        name="PTCE filières vertes du Pays d'Ancenis",
        stage=PtceStage.DEVELOPMENT,
        legal_form=LegalForm.ASSOCIATION,
        perimeter=territories["epci"],
    )
    for name, kind, member_type in [
        ("Ressourcerie du Pays d'Ancenis", ActorKind.ASSOCIATION, MemberType.ESS),
        ("Menuiserie Bois et Paille", ActorKind.ENTREPRISE, MemberType.COMPANY),
    ]:
        actor = ActorFactory(workspace=workspace, name=name, kind=kind)
        MemberFactory(ptce=ptce, actor=actor, member_type=member_type)
    ActorFactory(workspace=workspace, name="Communauté de communes", kind=ActorKind.COLLECTIVITE)
    user.ptce_for_test = ptce
    return user


def eligibility(page):
    return page.locator("#eligibilite strong")


def test_adding_the_collectivite_makes_the_pole_eligible(page, ines):
    ptce = ines.ptce_for_test
    page.goto("/")
    log_in(page, ines.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("CC du Pays d'Ancenis")

    # The PTCE list, from the main navigation.
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="PTCE"
    ).click()
    expect(page).to_have_url(re.compile(r"/ptce/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Pôles territoriaux de coopération économique"
    )
    visit(page, "ptce-liste")

    # The sheet: two members, the third partner is missing.
    page.get_by_role("link", name=ptce.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ptce.name)
    expect(eligibility(page)).to_have_text("non")
    expect(page.locator("#eligibilite")).to_contain_text("Au moins un autre partenaire")
    visit(page, "ptce-fiche-non-eligible")

    # She adds the collectivité; the composition is swapped in place (htmx).
    form = page.locator("form", has=page.get_by_role("button", name="Ajouter au pôle"))
    form.get_by_label("Acteur du registre").select_option(label="Communauté de communes")
    form.get_by_label("Rôle dans le pôle").fill("Financeur et partenaire")
    form.get_by_role("button", name="Ajouter au pôle").click()
    expect(eligibility(page)).to_have_text("oui")
    expect(page.locator("#eligibilite")).not_to_contain_text("Il manque")
    members = page.get_by_role("table", name="Membres du pôle")
    expect(members).to_contain_text("Collectivité territoriale ou groupement")
    expect(page.locator("#referentiel")).to_contain_text("Structures membres")
    visit(page, "ptce-fiche-eligible")

    # The same answer after a reload: it was written, not only shown.
    page.reload()
    expect(eligibility(page)).to_have_text("oui")

    # The animation cell's 2026 budget, typed the French way.
    page.get_by_role("link", name="Ajouter une année").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Nouvelle année de la cellule d'animation"
    )
    visit(page, "ptce-annee-animation")
    page.get_by_label("Année").fill("2026")
    page.get_by_label("Budget de fonctionnement (€)").fill("152 000")
    page.get_by_label("Équivalents temps plein").fill("2,5")
    page.get_by_label("Montant autofinancé (€)").fill("48 640")
    page.get_by_role("button", name="Enregistrer").click()
    cell = page.get_by_role("table", name=re.compile("cellule d'animation"))
    expect(cell).to_contain_text("32\u00a0%")
    visit(page, "ptce-fiche-animation")


def test_creating_a_pole_from_the_empty_list(page, ines, territories):
    ines.ptce_for_test.delete()
    page.goto("/ptce/")
    log_in(page, ines.email, PASSWORD)
    expect(page.get_by_text("Aucun PTCE suivi pour l'instant.")).to_be_visible()
    visit(page, "ptce-liste-vide")

    page.get_by_role("link", name="Créer le premier PTCE").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Nouveau pôle territorial de coopération économique"
    )
    visit(page, "ptce-nouveau")
    page.get_by_role("textbox", name="Nom").fill("PTCE filières vertes du Pays d'Ancenis")
    page.get_by_label("Stade").select_option(label="Développement")
    page.get_by_label("Forme juridique").select_option(label="SCIC")
    page.get_by_label("Périmètre").fill("epci:244400552")
    page.get_by_label("Écoconstruction").check()
    page.get_by_label("Circuits alimentaires de proximité").check()
    page.get_by_role("button", name="Créer le PTCE").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "PTCE filières vertes du Pays d'Ancenis"
    )
    expect(page.locator("#identite").locator("..")).to_contain_text("CC du Pays d'Ancenis")
    expect(eligibility(page)).to_have_text("non")
    visit(page, "ptce-fiche-vide")
