import pytest
from django.urls import reverse

from essterritoire.territories.search import search_territories

URL = reverse("territories:search")


def refs(query, workspace_ids=()):
    results, _notice = search_territories(query, workspace_ids)
    return [t.ref for t in results]


def test_name_search_ignores_accents_case_and_hyphens(cog):
    for query in ("saint gereon", "Saint-Géréon", "SAINT GÉRÉON", "géréon"):
        assert refs(query) == ["com:44003"], query


def test_ancenis_finds_the_commune_then_the_epci(cog):
    assert refs("ancenis") == ["com:44003", "epci:244400552"]


def test_exact_name_comes_before_prefix_before_contains(cog):
    assert refs("lyon") == ["com:69123", "epci:200046977"]
    assert refs("saint") == ["com:44184", "com:44003"]


def test_larger_population_first_within_a_rank(cog):
    assert refs("pays") == ["reg:52", "epci:242010056", "epci:244400552"]


def test_every_word_must_match(cog):
    assert refs("pays ancenis") == ["epci:244400552"]
    assert refs("ancenis lyon") == []


def test_codes_and_refs(cog):
    assert refs("44003") == ["com:44003"]
    assert refs("com:44003") == ["com:44003"]
    assert refs("2a004") == ["com:2A004"]
    assert refs("44") == ["dep:44", "com:44184", "com:44003", "com:44213"]
    assert refs("DEP:44") == ["dep:44"]


def test_a_former_code_finds_todays_commune_with_a_notice(cog):
    results, notice = search_territories("44160", [])
    assert [t.ref for t in results] == ["com:44003"]
    assert notice == (
        "44160 est un ancien code : il correspond aujourd'hui à la commune "
        "Ancenis-Saint-Géréon (44003)."
    )


def test_groupings_only_from_the_users_workspaces(grouping, other_grouping, workspace):
    assert "grp:pays-dancenis-elargi" in refs("ancenis", [workspace.pk])
    assert refs("secret", [workspace.pk]) == []
    assert refs("ancenis") == ["com:44003", "epci:244400552"]


def test_search_page_shows_labelled_results(cog, client_for, reader_user):
    response = client_for(reader_user).get(URL, {"q": "ancenis"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 résultats pour « ancenis »" in html
    assert "Ancenis-Saint-Géréon" in html and "CC du Pays d&#x27;Ancenis" in html
    assert "Loire-Atlantique (44)" in html  # the commune's département
    assert "Communauté de communes" in html  # the EPCI's nature
    assert "11\u202f600" in html  # French number format
    assert 'aria-live="polite"' in html
    assert html.count("<h1") == 1


def test_search_page_shows_the_users_groupings(grouping, other_grouping, client_for, reader_user):
    html = client_for(reader_user).get(URL, {"q": "ancenis"}).content.decode()
    assert "Pays d&#x27;Ancenis élargi" in html
    html = client_for(reader_user).get(URL, {"q": "secret"}).content.decode()
    assert "Aucun territoire ne correspond à « secret »." in html


def test_empty_state_and_no_result(cog, client_for, reader_user):
    client = client_for(reader_user)
    assert "Tapez le nom ou le code d'un territoire." in client.get(URL).content.decode()
    html = client.get(URL, {"q": "zzzz"}).content.decode()
    assert "Aucun territoire ne correspond à « zzzz »." in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("ville:44003", "Type de territoire inconnu : « ville »"),
        ("com:99999", "Territoire inconnu : com:99999"),
        ("dep:", "Code département invalide"),
        ("grp:x", "Territoire inconnu : grp:x"),
    ],
)
def test_bad_refs_show_the_french_message(cog, client_for, reader_user, query, message):
    response = client_for(reader_user).get(URL, {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")


def test_htmx_request_gets_the_results_fragment_only(cog, client_for, reader_user):
    response = client_for(reader_user).get(URL, {"q": "lyon"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Métropole de Lyon" in html
    assert "<html" not in html and "<h1" not in html and 'role="search"' not in html


def test_full_page_has_the_live_search_wiring(cog, client_for, reader_user):
    html = client_for(reader_user).get(URL).content.decode()
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert f'hx-get="{URL}"' in html
    assert 'for="q"' in html


def test_results_are_paginated(cog, client_for, reader_user, settings, monkeypatch):
    monkeypatch.setattr("essterritoire.territories.views.RESULTS_PER_PAGE", 2)
    client = client_for(reader_user)
    html = client.get(URL, {"q": "44"}).content.decode()
    assert "Page 1 sur 2" in html and "?q=44&amp;page=2" in html
    html = client.get(URL, {"q": "44", "page": "2"}).content.decode()
    assert "Loireauxence" in html and "Saint-Nazaire" not in html
    assert client.get(URL, {"q": "44", "page": "abc"}).status_code == 200


def test_search_query_count(cog, client_for, reader_user, django_assert_max_num_queries):
    client = client_for(reader_user)
    client.get(URL, {"q": "ancenis"})
    with django_assert_max_num_queries(6):
        response = client.get(URL, {"q": "saint"})
    assert response.status_code == 200
