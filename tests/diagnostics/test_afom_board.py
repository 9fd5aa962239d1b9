"""The AFOM board, its print view and its CSV/XLSX export."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from diagnostics.enums import EvidenceKind, Priority, Quadrant
from tests.actors.factories import ThemeFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import (
    AfomItemFactory,
    EvidenceFactory,
    ExcerptFactory,
    InterviewFactory,
)
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


def board(diagnostic):
    return reverse("diagnostics:afom-board", args=[diagnostic.pk])


def fill(diagnostic, count):
    """`count` items spread over the four quadrants, each with a theme and two pieces of
    evidence (a reference and an excerpt)."""
    theme = ThemeFactory(workspace=diagnostic.workspace, name="Mobilité")
    excerpt = ExcerptFactory(interview=InterviewFactory(diagnostic=diagnostic))
    quadrants = list(Quadrant)
    for n in range(count):
        item = AfomItemFactory(diagnostic=diagnostic, quadrant=quadrants[n % 4], theme=theme)
        EvidenceFactory(item=item)
        EvidenceFactory(item=item, kind=EvidenceKind.EXCERPT, excerpt=excerpt)


@pytest.mark.parametrize(
    "name", ["diagnostics:afom-board", "diagnostics:afom-print", "diagnostics:afom-export"]
)
def test_role_matrix_of_the_read_views(client_for, role_users, diagnostic, name):
    AfomItemFactory(diagnostic=diagnostic)
    url = reverse(name, args=[diagnostic.pk])
    check_role_matrix(client_for, role_users, url, READ)


def test_it_shows_the_matrix_with_its_reading(client_for, editor_user, diagnostic):
    AfomItemFactory(diagnostic=diagnostic, quadrant=Quadrant.MENACE, title="Baisse des aides")
    item = AfomItemFactory(diagnostic=diagnostic, priority=Priority.HIGH, title="Réseau dense")
    EvidenceFactory(item=item)
    response = client_for(editor_user).get(board(diagnostic))
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Facteurs internes" in html and "Facteurs externes" in html
    assert "territoires voisins ou comparables" in html
    assert "Baisse des aides" in html and "Priorité haute" in html
    assert "1 preuve" in html
    for quadrant in ("atout", "faiblesse", "opportunite", "menace"):
        assert f'id="quadrant-{quadrant}"' in html
    assert "Monter" in html and "Ajouter un atout" in html


def test_readers_see_the_matrix_without_edit_controls(client_for, reader_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic, title="Réseau dense")
    html = client_for(reader_user).get(board(diagnostic)).content.decode()
    assert "Réseau dense" in html
    for control in ("Monter", "Descendre", "Ajouter un atout", "Modifier", "Supprimer"):
        assert control not in html
    assert reverse("diagnostics:afom-item-edit", args=[item.pk]) not in html


def test_the_theme_filter_answers_htmx_with_the_matrix_alone(client_for, reader_user, diagnostic):
    mobility = ThemeFactory(workspace=diagnostic.workspace, name="Mobilité")
    AfomItemFactory(diagnostic=diagnostic, theme=mobility, title="Covoiturage solidaire")
    AfomItemFactory(diagnostic=diagnostic, title="Épicerie sociale")
    response = client_for(reader_user).get(
        board(diagnostic), {"theme": mobility.pk}, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "Covoiturage solidaire" in html and "Épicerie sociale" not in html
    assert "<html" not in html and "<h1" not in html
    assert 'id="quadrant-atout"' in html
    assert f"format=csv&amp;theme={mobility.pk}" in html  # the export follows the filter


def test_an_unknown_theme_is_ignored_with_a_message(client_for, reader_user, diagnostic):
    foreign = ThemeFactory(name="Habitat")  # another workspace's theme
    AfomItemFactory(diagnostic=diagnostic, title="Épicerie sociale")
    response = client_for(reader_user).get(board(diagnostic), {"theme": foreign.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Épicerie sociale" in html and "Thème inconnu" in html
    response = client_for(reader_user).get(board(diagnostic), {"theme": "abc"})
    assert response.status_code == 200


def test_the_board_query_count_does_not_grow_with_items(
    client_for, editor_user, diagnostic, django_assert_max_num_queries
):
    client = client_for(editor_user)
    fill(diagnostic, 5)
    with django_assert_max_num_queries(30) as small:
        assert client.get(board(diagnostic)).status_code == 200
    fill(diagnostic, 45)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(board(diagnostic))
    assert response.content.decode().count('class="afom-item"') == 50


def test_the_print_view_shows_the_four_quadrants_on_one_page(client_for, reader_user, diagnostic):
    AfomItemFactory(diagnostic=diagnostic, quadrant=Quadrant.OPPORTUNITE, title="Appel PTCE")
    html = client_for(reader_user).get(reverse("diagnostics:afom-print", args=[diagnostic.pk]))
    html = html.content.decode()
    assert "afom-print" in html and "Appel PTCE" in html
    for label in ("Atouts", "Faiblesses", "Opportunités", "Menaces"):
        assert label in html
    assert "Modifier" not in html


def test_the_csv_export_lists_items_with_their_evidence(client_for, reader_user, diagnostic):
    theme = ThemeFactory(workspace=diagnostic.workspace, name="Mobilité")
    item = AfomItemFactory(
        diagnostic=diagnostic, quadrant=Quadrant.FAIBLESSE, title="Peu de tiers-lieux", theme=theme
    )
    EvidenceFactory(item=item, title="Étude tiers-lieux", citation="", url="https://exemple.fr")
    AfomItemFactory(diagnostic=diagnostic, quadrant=Quadrant.MENACE, title="Fin des aides")
    url = reverse("diagnostics:afom-export", args=[diagnostic.pk])
    response = client_for(reader_user).get(url, {"format": "csv"})
    text = response.content.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("Quadrant;Intitulé;Description;Thème;Priorité")
    assert "Faiblesse;Peu de tiers-lieux;;Mobilité;Moyenne;1;Étude tiers-lieux" in text
    assert lines[-1].startswith("Menace;Fin des aides")


def test_the_export_neutralises_formula_cells(client_for, reader_user, diagnostic):
    item = AfomItemFactory(diagnostic=diagnostic, title='=HYPERLINK("http://x")')
    EvidenceFactory(item=item, title="+33 6 00", citation="")
    url = reverse("diagnostics:afom-export", args=[diagnostic.pk])
    response = client_for(reader_user).get(url, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    row = [cell.value for cell in sheet[2]]
    assert row[1] == '\'=HYPERLINK("http://x")'
    assert row[6] == "'+33 6 00"
    csv = client_for(reader_user).get(url, {"format": "csv"}).content.decode("utf-8-sig")
    assert "Atout;\"'=HYPERLINK" in csv


def test_an_unknown_export_format_is_refused_with_a_message(client_for, reader_user, diagnostic):
    url = reverse("diagnostics:afom-export", args=[diagnostic.pk])
    response = client_for(reader_user).get(url, {"format": "pdf"}, follow=True)
    assert response.status_code == 200
    assert "export inconnu" in response.content.decode()
