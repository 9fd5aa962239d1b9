"""Excerpts edited inline on the interview page, and an excerpt turned into an AFOM item."""

import pytest
from django.urls import reverse

from diagnostics.enums import EvidenceKind, HistoryAction, Quadrant
from diagnostics.forms_afom import excerpt_title
from diagnostics.models import AfomItem, Evidence, Excerpt, HistoryEntry
from tests.actors.factories import ThemeFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import AfomItemFactory, ExcerptFactory, InterviewFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

CHANGE_PAGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
CHANGE_POST = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
HTMX = {"HTTP_HX_REQUEST": "true"}
QUOTE = (
    "Nous manquons de locaux partagés pour accueillir les bénévoles et les salariés du territoire."
)


@pytest.fixture
def interview(workspace):
    return InterviewFactory(diagnostic=DiagnosticFactory(workspace=workspace))


@pytest.fixture
def excerpt(interview):
    theme = ThemeFactory(workspace=interview.diagnostic.workspace, name="Habitat")
    return ExcerptFactory(interview=interview, text=QUOTE, theme=theme)


def url(name, *args):
    return reverse(f"diagnostics:{name}", args=args)


def test_role_matrix_of_the_excerpt_views(client_for, role_users, interview, excerpt):
    add = url("excerpt-add", interview.pk)
    data = {"nouvel-extrait-text": "Un extrait"}
    check_role_matrix(client_for, role_users, add, CHANGE_POST, "post", data)
    check_role_matrix(client_for, role_users, url("excerpt-edit", excerpt.pk), CHANGE_PAGE)
    check_role_matrix(client_for, role_users, url("excerpt-to-afom", excerpt.pk), CHANGE_PAGE)
    delete = url("excerpt-delete", excerpt.pk)
    expected = {**CHANGE_POST, "admin": 404}  # the editor deleted it first
    check_role_matrix(client_for, role_users, delete, expected, "post")


def test_adding_an_excerpt_answers_htmx_with_the_excerpts(client_for, editor_user, interview):
    data = {"nouvel-extrait-text": "  Les circuits courts manquent de logistique.  "}
    response = client_for(editor_user).post(url("excerpt-add", interview.pk), data, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Les circuits courts manquent de logistique." in html
    assert "Extrait ajouté." in html
    assert interview.excerpts.get().text == "Les circuits courts manquent de logistique."


def test_an_empty_excerpt_is_refused(client_for, editor_user, interview):
    response = client_for(editor_user).post(
        url("excerpt-add", interview.pk), {"nouvel-extrait-text": "   "}, **HTMX
    )
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    assert not interview.excerpts.exists()


def test_inline_edit_of_an_excerpt(client_for, editor_user, excerpt):
    client = client_for(editor_user)
    form = client.get(url("excerpt-edit", excerpt.pk), **HTMX).content.decode()
    assert f'name="extrait-{excerpt.pk}-text"' in form and "<html" not in form
    data = {f"extrait-{excerpt.pk}-text": "Texte corrigé", f"extrait-{excerpt.pk}-theme": ""}
    html = client.post(url("excerpt-edit", excerpt.pk), data, **HTMX).content.decode()
    assert "Texte corrigé" in html and "autofocus" in html
    excerpt.refresh_from_db()
    assert (excerpt.text, excerpt.theme) == ("Texte corrigé", None)


def test_the_excerpt_edit_page_works_without_javascript(client_for, editor_user, excerpt):
    client = client_for(editor_user)
    page = client.get(url("excerpt-edit", excerpt.pk)).content.decode()
    assert "<h1" in page and "hx-post" not in page
    data = {f"extrait-{excerpt.pk}-text": "Texte corrigé"}
    response = client.post(url("excerpt-edit", excerpt.pk), data)
    assert response["Location"].endswith(f"#extrait-{excerpt.pk}")


def test_the_title_is_made_of_the_first_words():
    assert excerpt_title(QUOTE) == (
        "Nous manquons de locaux partagés pour accueillir les bénévoles et les salariés…"
    )
    assert excerpt_title("Trop peu de locaux.") == "Trop peu de locaux."


def test_the_afom_form_is_prefilled_from_the_excerpt(client_for, editor_user, excerpt):
    html = client_for(editor_user).get(url("excerpt-to-afom", excerpt.pk), **HTMX).content.decode()
    assert 'value="Nous manquons de locaux partagés' in html
    assert f'<option value="{excerpt.theme_id}" selected>' in html
    assert 'type="radio"' in html and "territoires voisins ou comparables" in html


def test_an_excerpt_becomes_an_afom_item_that_links_back(client_for, editor_user, excerpt):
    interview = excerpt.interview
    prefix = f"afom-{excerpt.pk}"
    data = {
        f"{prefix}-quadrant": Quadrant.FAIBLESSE,
        f"{prefix}-title": "Manque de locaux partagés",
        f"{prefix}-theme": excerpt.theme_id,
        f"{prefix}-priority": 1,
    }
    client = client_for(editor_user)
    html = client.post(url("excerpt-to-afom", excerpt.pk), data, **HTMX).content.decode()
    item = AfomItem.objects.get()
    assert (item.quadrant, item.theme, item.diagnostic) == (
        Quadrant.FAIBLESSE,
        excerpt.theme,
        interview.diagnostic,
    )
    evidence = item.evidence.get()
    assert (evidence.kind, evidence.excerpt) == (EvidenceKind.EXCERPT, excerpt)
    # the interview shows the items that use its excerpts...
    assert "Manque de locaux partagés" in html
    assert url("afom-item-detail", item.pk) in html
    # ...and the item links back to the interview
    page = client.get(url("afom-item-detail", item.pk)).content.decode()
    assert url("interview-detail", interview.pk) in page
    entry = HistoryEntry.objects.get(object_type="afom_item")
    assert entry.action == HistoryAction.CREATED
    assert entry.snapshot["evidence"][0]["excerpt_id"] == excerpt.pk


def test_an_excerpt_needs_a_quadrant_to_become_an_item(client_for, editor_user, excerpt):
    data = {f"afom-{excerpt.pk}-title": "Sans quadrant", f"afom-{excerpt.pk}-priority": 2}
    response = client_for(editor_user).post(url("excerpt-to-afom", excerpt.pk), data)
    assert response.status_code == 200 and "<h1" in response.content.decode()
    assert not AfomItem.objects.exists()


def test_deleting_an_excerpt_keeps_its_text_on_the_items(client_for, editor_user, excerpt):
    item = AfomItemFactory(diagnostic=excerpt.interview.diagnostic)
    Evidence.objects.create(item=item, kind=EvidenceKind.EXCERPT, excerpt=excerpt)
    response = client_for(editor_user).post(url("excerpt-delete", excerpt.pk))
    assert response["Location"].endswith("#extraits")
    assert not Excerpt.objects.exists()
    evidence = item.evidence.get()
    assert (evidence.kind, evidence.citation) == (EvidenceKind.REFERENCE, QUOTE)
    entry = HistoryEntry.objects.get(object_type="afom_item", object_id=item.pk)
    assert (entry.action, entry.user) == (HistoryAction.CHANGED, editor_user)
    assert QUOTE in entry.changes["Preuves"][1]


def test_excerpt_delete_refuses_get(client_for, editor_user, excerpt):
    assert client_for(editor_user).get(url("excerpt-delete", excerpt.pk)).status_code == 405
    assert Excerpt.objects.filter(pk=excerpt.pk).exists()
