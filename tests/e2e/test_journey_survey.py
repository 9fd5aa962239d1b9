"""Survey journey: an editor builds a survey from the template, invites the actors and sends
the e-mails; a respondent opens the personal link (no session), answers with one conditional
question, saves, resumes, meets the error summary, submits; the editor reads the rate and the
chart and attaches a result to an AFOM item.

Every page shown is checked with axe-core and saved to var/screenshots/.
"""

import re
from datetime import date

import pytest
from django.core import mail
from playwright.sync_api import expect

from diagnostics.models import Diagnostic, Evidence
from essterritoire.accounts.enums import Role
from tests.actors.factories import ActorFactory, ContactFactory
from tests.diagnostics.factories_afom import AfomItemFactory
from tests.e2e.browser import log_in, visit
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkspaceFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def ines(territories):
    """An editor of the CC, with a diagnostic, an AFOM item and three actors."""
    cc = WorkspaceFactory(
        name="CC du Pays d'Ancenis", slug="cc-pays-ancenis", main_territory=territories["epci"]
    )
    user = UserFactory(email="ines.moreau@exemple.fr", first_name="Inès", last_name="Moreau")
    MembershipFactory(user=user, workspace=cc, role=Role.EDITOR)
    diagnostic = Diagnostic.objects.create(
        workspace=cc,
        territory=territories["epci"],
        title="Diagnostic ESS 2026",
        start_date=date(2026, 1, 15),
    )
    AfomItemFactory(diagnostic=diagnostic, quadrant="faiblesse", title="Peu de locaux abordables")
    ressourcerie = ActorFactory(workspace=cc, name="Ressourcerie d'Ancenis", kind="association")
    ContactFactory(actor=ressourcerie, name="Léa Martin", email="lea@ressourcerie.fr")
    ActorFactory(workspace=cc, name="Scop Bâtir", kind="cooperative")
    ActorFactory(workspace=cc, name="Mutuelle du Pays", kind="mutuelle")
    user.diagnostic_for_test = diagnostic
    return user


def heading(page):
    return page.get_by_role("heading", level=1)


def group(page, name):
    return page.get_by_role("group", name=re.compile(name))


def test_editor_builds_invites_and_reads_results_respondent_answers(page, browser, ines):
    diagnostic = ines.diagnostic_for_test
    page.goto("/connexion/")
    log_in(page, ines.email, PASSWORD)

    # A survey from the template.
    page.goto(f"/diagnostics/{diagnostic.pk}/enquetes/")
    expect(heading(page)).to_have_text("Enquêtes auprès des acteurs")
    visit(page, "enquetes-liste")
    page.get_by_role("link", name="Nouvelle enquête").click()
    visit(page, "enquete-nouvelle")
    page.get_by_label("Titre").fill("Enquête des acteurs 2026")
    page.get_by_role("button", name="Créer l'enquête").click()
    expect(heading(page)).to_have_text("Enquête des acteurs 2026")
    expect(page.get_by_text("Q23. Un dernier mot")).to_be_visible()
    visit(page, "enquete-questionnaire")

    # Open it today.
    page.get_by_role("link", name="Paramètres", exact=True).click()
    page.get_by_label("Ouverture le").fill(date.today().isoformat())
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Ouverte", exact=True)).to_be_visible()

    # Invite the actors, send the e-mails (to the one consenting contact).
    page.get_by_role("link", name="Invitations").click()
    visit(page, "enquete-invitations")
    page.get_by_role("button", name="Inviter les acteurs cochés").click()
    expect(page.get_by_text("3 acteur(s) invité(s).")).to_be_visible()
    page.get_by_role("button", name="Envoyer les invitations (1)").click()
    expect(page.get_by_text("Envoi lancé")).to_be_visible()
    expect(page.get_by_text(re.compile(r"1 envoyé sur 1.*terminé"))).to_be_visible()
    visit(page, "enquete-envois")
    assert [m.to for m in mail.outbox] == [["lea@ressourcerie.fr"]]
    link = re.search(r"https?://\S+(/diagnostics/enquete/r/[\w-]+/)", mail.outbox[0].body)

    # The respondent, without any session.
    context = browser.new_context(
        base_url=page.url.split("/diagnostics")[0],
        locale="fr-FR",
        viewport={"width": 390, "height": 844},
    )
    respondent = context.new_page()
    respondent.goto(link.group(1))
    expect(heading(respondent)).to_have_text("Enquête des acteurs 2026")
    expect(respondent.get_by_role("navigation", name="Navigation principale")).to_have_count(0)
    visit(respondent, "repondant-formulaire")
    group(respondent, "forme de votre structure").get_by_label("Association").check()
    conditional = respondent.get_by_label(re.compile("Précisez votre besoin de locaux"))
    expect(conditional).to_be_hidden()
    group(respondent, "principaux besoins").get_by_label("Locaux").check()
    expect(conditional).to_be_visible()
    conditional.fill("Un local de 80 m² à Ancenis")
    respondent.get_by_role("button", name="Enregistrer et continuer plus tard").click()
    expect(respondent.get_by_text("Vos réponses sont enregistrées.")).to_be_visible()

    # Resume through the same link: the answers are there; sending without the required ones.
    respondent.goto(link.group(1))
    expect(conditional).to_have_value("Un local de 80 m² à Ancenis")
    respondent.get_by_role("button", name="Envoyer mes réponses").click()
    summary = respondent.locator("#erreurs")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(2)
    visit(respondent, "repondant-erreurs")
    summary.get_by_role("link").first.click()
    group(respondent, "secteur exercez-vous").get_by_label("Déchets, réemploi, recyclage").check()
    group(respondent, "Coopérez-vous déjà").get_by_label("Oui").check()
    respondent.get_by_role("button", name="Envoyer mes réponses").click()
    expect(heading(respondent)).to_have_text("Merci pour vos réponses")
    visit(respondent, "repondant-merci")
    context.close()

    # The editor reads the results and attaches one to the AFOM matrix.
    page.get_by_role("link", name="Résultats").click()
    expect(page.get_by_text(re.compile(r"Taux de réponse des invités\s*: 33,3"))).to_be_visible()
    needs = page.locator("section", has=page.get_by_role("heading", name=re.compile("Q6\\.")))
    needs.scroll_into_view_if_needed()
    expect(needs.get_by_role("img")).to_have_count(1)
    expect(needs.get_by_role("table")).to_contain_text("Locaux")
    visit(page, "enquete-resultats")
    needs.get_by_role("link", name=re.compile("Verser à la matrice AFOM")).click()
    visit(page, "enquete-vers-afom")
    item = diagnostic.afom_items.get()
    page.get_by_label("Élément de la matrice AFOM").select_option(value=str(item.pk))
    page.get_by_role("button", name="Ajouter la preuve").click()
    expect(heading(page)).to_have_text("Peu de locaux abordables")
    expect(page.get_by_text("Résultat d'enquête")).to_be_visible()
    visit(page, "afom-preuve-enquete")
    assert Evidence.objects.get(kind="survey").snapshot["respondents"] == 1
