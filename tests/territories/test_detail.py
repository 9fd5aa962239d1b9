import pytest
from django.urls import reverse


def url(kind, code):
    return reverse("territories:detail", args=[kind, code])


def page(client, kind, code, **params):
    response = client.get(url(kind, code), params)
    assert response.status_code == 200, response.status_code
    return response.content.decode().replace("&#x27;", "'")


@pytest.fixture
def client(cog, client_for, reader_user):
    return client_for(reader_user)


def test_commune_page(client):
    html = page(client, "com", "49160")
    assert '<h1 class="h2 mb-0">Ingrandes-le-Fresne-sur-Loire</h1>' in html
    assert "3\u202f071 habitants" in html
    assert "CC du Pays d'Ancenis" in html and url("epci", "244400552") in html
    assert "Maine-et-Loire</a> (49)" in html
    assert "Pays de la Loire" in html
    assert "44060" in html and "49321 — Saint-Sigismond" in html  # former codes
    assert "com:49160" in html


def test_corsican_commune_page(client):
    html = page(client, "com", "2A004")
    assert "Corse-du-Sud" in html and "20004" in html


def test_epci_page_lists_its_departements_regions_and_communes(client):
    html = page(client, "epci", "244400552")
    assert "Communauté de communes" in html
    assert "Départements" in html
    assert "Loire-Atlantique</a> (44), " in html and "Maine-et-Loire</a> (49)" in html
    assert "Région</dt>" in html and "Pays de la Loire" in html
    assert "Communes (3)" in html
    assert "Ingrandes-le-Fresne-sur-Loire" in html and "Loireauxence" in html
    assert "69\u202f666 habitants" in html


def test_departement_page(client):
    html = page(client, "dep", "2A")
    assert "Corse</a>" in html and "Communes (1)" in html and "Ajaccio" in html
    html = page(client, "dep", "44")
    assert "93\u202f755 habitants" in html
    assert "somme des populations municipales" in html


def test_region_page_lists_its_departements(client):
    html = page(client, "reg", "52")
    assert "Départements (2)" in html
    assert "Loire-Atlantique" in html and "Maine-et-Loire" in html


def test_member_communes_are_paginated(client, monkeypatch):
    monkeypatch.setattr("essterritoire.territories.views.COMMUNES_PER_PAGE", 2)
    html = page(client, "epci", "244400552")
    assert "Page 1 sur 2" in html and "?page=2" in html
    assert "Loireauxence" not in html  # third in alphabetical order
    assert "Loireauxence" in page(client, "epci", "244400552", page=2)


def test_a_former_code_redirects_to_todays_commune(client):
    response = client.get(url("com", "44160"))
    assert response.status_code == 302
    assert response["Location"] == url("com", "44003")


@pytest.mark.parametrize(("kind", "code"), [("com", "99999"), ("dep", "99"), ("pays", "x")])
def test_unknown_territory_is_a_french_404(client, kind, code):
    response = client.get(url(kind, code))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Territoire inconnu" in html and f"{kind}:{code}" in html


def test_grouping_page_for_its_workspace(grouping, client_for, reader_user, editor_user):
    html = page(client_for(reader_user), "grp", grouping.code)
    assert "Pays d'Ancenis élargi" in html and "Le périmètre du diagnostic." in html
    assert "Communes (4)" in html and "Angers" in html
    assert "181\u202f280 habitants" in html
    assert "Modifier" not in html
    html = page(client_for(editor_user), "grp", grouping.code)
    assert reverse("territories:grouping-edit", args=[grouping.pk]) in html
    assert reverse("territories:grouping-delete", args=[grouping.pk]) in html


def test_grouping_of_another_workspace_is_a_404(other_grouping, client):
    response = client.get(url("grp", other_grouping.code))
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


def test_commune_page_lists_the_users_groupings(grouping, other_grouping, client):
    html = page(client, "com", "44003")
    assert "Dans vos regroupements" in html and "Pays d'Ancenis élargi" in html
    assert "Secret" not in page(client, "com", "69123")


@pytest.mark.parametrize(
    ("kind", "code"), [("com", "44003"), ("epci", "244400552"), ("dep", "44"), ("reg", "52")]
)
def test_detail_query_count(client, django_assert_max_num_queries, kind, code):
    client.get(url(kind, code))
    with django_assert_max_num_queries(8):
        client.get(url(kind, code))


def test_every_detail_page_has_one_h1(grouping, client):
    for kind, code in [("com", "44003"), ("epci", "244400552"), ("dep", "44"), ("reg", "52")]:
        assert page(client, kind, code).count("<h1") == 1
    assert page(client, "grp", grouping.code).count("<h1") == 1
