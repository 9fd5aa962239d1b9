"""The indicators dashboard of a diagnostic: roles, content, accessibility, query count."""

import re
from html import unescape

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnostics.models import ComparisonTerritory
from tests.diagnostics import indicator_support as support
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


@pytest.fixture
def scenario(workspace):
    return support.scenario(workspace)


def url(diagnostic):
    return reverse("diagnostics:indicator-dashboard", args=[diagnostic.pk])


def page(client, diagnostic):
    response = client.get(url(diagnostic))
    assert response.status_code == 200
    return unescape(response.content.decode())


def test_role_matrix(client_for, role_users, scenario):
    diagnostic, _ = scenario
    expected = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
    check_role_matrix(client_for, role_users, url(diagnostic), expected)


def test_readers_see_the_figures_but_no_decision_button(client_for, reader_user, scenario):
    html = page(client_for(reader_user), scenario[0])
    assert "établissements actifs de l'ESS" in html
    assert "Un poids de l'ESS dans l'emploi supérieur" in html
    assert "Accepter" not in html and "Écarter" not in html


def test_editors_can_decide_on_suggestions(client_for, editor_user, scenario):
    html = page(client_for(editor_user), scenario[0])
    assert html.count('name="key"') == 2 * html.count('class="card suggestion')
    assert "Accepter" in html


def test_the_key_figures_are_those_of_the_territory(client_for, reader_user, scenario):
    html = page(client_for(reader_user), scenario[0])
    # 15 ESS employer establishments out of 40 employers, tranche 11 (10 to 19 employees).
    assert '<p class="stat-value mb-1">15</p>' in html
    assert '<p class="stat-value mb-1">218</p>' in html
    assert "37,5\u00a0%" in html
    assert "entre 150 et 285" in html


def test_there_is_one_h1_and_every_chart_is_accessible(client_for, reader_user, scenario):
    html = page(client_for(reader_user), scenario[0])
    assert html.count("<h1") == 1
    svgs = re.findall(r"<svg[^>]*>", html)
    assert len(svgs) == 5  # families, sectors, sizes, comparison, evolution
    for svg in svgs:
        assert 'role="img"' in svg and "aria-labelledby=" in svg
    assert html.count("<title id=") == 5 and html.count("<desc id=") == 5


def test_every_table_has_a_caption_and_scoped_headers(client_for, reader_user, scenario):
    html = page(client_for(reader_user), scenario[0])
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    assert len(tables) >= 8
    for table in tables:
        assert "<caption" in table
        assert "<th>" not in table and "<th " in table
        assert all("scope=" in th for th in re.findall(r"<th\b[^>]*>", table))


def test_comparisons_show_the_places_gaps_and_ranks(client_for, reader_user, scenario):
    html = page(client_for(reader_user), scenario[0])
    for name in ("CC Sèvre et Loire", "Loire-Atlantique", "Maine-et-Loire", "Pays de la Loire"):
        assert name in html
    assert "France" in html
    assert "1<sup>er</sup> sur 4" in html
    assert "écart +" in html


def test_demo_values_are_labelled_as_such(client_for, reader_user, scenario):
    html = page(client_for(reader_user), scenario[0])
    assert "Données de démonstration" in html
    assert "Évolution" in html


def test_a_territory_the_imports_do_not_cover_shows_no_establishment_figures(
    client_for, reader_user, scenario
):
    from actors.models import ImportBatch

    ImportBatch.objects.create(
        files="x.csv", status="done", options={"territories": ["epci:200067866"]}
    )
    html = page(client_for(reader_user), scenario[0])
    assert "ne couvrent pas toutes les communes" in html
    assert "non couvert par les imports SIRENE" in html


def test_the_query_count_does_not_grow_with_the_data(client_for, reader_user, workspace):
    diagnostic, places = support.scenario(workspace, peers=("peer1",))
    client = client_for(reader_user)
    client.get(url(diagnostic))  # sessions, caches
    with CaptureQueriesContext(connection) as small:
        page(client, diagnostic)
    for name in ("peer2", "peer3"):
        ComparisonTerritory.objects.create(diagnostic=diagnostic, territory=places[name])
    support.establishments(places["communes"]["44003"], ess=30, other=30)
    cache.clear()
    with CaptureQueriesContext(connection) as large:
        page(client, diagnostic)
    assert len(large) == len(small), "\n".join(q["sql"][:150] for q in large.captured_queries)
    assert len(small) <= 40
