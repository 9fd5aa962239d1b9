import re

import pytest
from django.urls import reverse

from actors.enums import ActorKind
from actors.models import Actor
from tests.actors.factories import ActorFactory, TerritoryFactory, ThemeFactory
from tests.actors.factories_animation import NetworkFactory

pytestmark = pytest.mark.django_db
LIST = reverse("actors:actor-list")


def names(response):
    return [actor.name for actor in response.context["page"].object_list]


@pytest.fixture
def registry(workspace):
    ancenis, ligne = (
        TerritoryFactory(code="44003", name="Ancenis-Saint-Géréon"),
        TerritoryFactory(code="44082", name="Ligné"),
    )
    mobility = ThemeFactory(workspace=workspace, name="Mobilité")
    network = NetworkFactory(workspace=workspace)
    actors = {
        "ecole": ActorFactory(
            workspace=workspace, name="École de musique du Pays", commune=ancenis, size_band="11"
        ),
        "garage": ActorFactory(
            workspace=workspace,
            name="Garage solidaire",
            kind=ActorKind.COOPERATIVE,
            commune=ligne,
            siret="44306184100047",
        ),
        "mairie": ActorFactory(
            workspace=workspace, name="Mairie de Ligné", kind=ActorKind.COLLECTIVITE
        ),
    }
    actors["garage"].themes.add(mobility)
    network.members.add(actors["ecole"])
    return {"actors": actors, "ancenis": ancenis, "mobility": mobility, "network": network}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ecole", ["École de musique du Pays"]),
        ("ÉCOLE musique", ["École de musique du Pays"]),
        ("mus", ["École de musique du Pays"]),  # words match from their start
        ("ligne", ["Mairie de Ligné"]),
        ("solidaire garage", ["Garage solidaire"]),
        ("443061", ["Garage solidaire"]),  # SIRET prefix
        ("443 061 841", ["Garage solidaire"]),
        ("piscine", []),
        ("'; DROP TABLE x; --", []),
        ("&|!:*()", []),
    ],
)
def test_search_ignores_accents_and_case_on_every_database(
    client_for, editor_user, registry, query, expected
):
    response = client_for(editor_user).get(LIST, {"q": query})
    assert response.status_code == 200
    assert names(response) == expected


def test_the_queryset_search_works_alone(workspace, registry):
    found = Actor.objects.filter(workspace=workspace).search("ecole")
    assert [a.name for a in found] == ["École de musique du Pays"]
    assert Actor.objects.filter(workspace=workspace).search("").count() == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "ess"}, ["École de musique du Pays", "Garage solidaire"]),
        ({"type": "partenaires"}, ["Mairie de Ligné"]),
        ({"type": "cooperative"}, ["Garage solidaire"]),
        ({"effectif": "11"}, ["École de musique du Pays"]),
    ],
)
def test_filters(client_for, editor_user, registry, params, expected):
    assert names(client_for(editor_user).get(LIST, params)) == expected


def test_theme_commune_and_network_filters(client_for, editor_user, registry):
    client = client_for(editor_user)
    assert names(client.get(LIST, {"theme": registry["mobility"].pk})) == ["Garage solidaire"]
    assert names(client.get(LIST, {"commune": registry["ancenis"].pk})) == [
        "École de musique du Pays"
    ]
    assert names(client.get(LIST, {"reseau": registry["network"].pk})) == [
        "École de musique du Pays"
    ]


def test_bad_filter_values_are_ignored(client_for, editor_user, registry):
    params = {
        "type": "x",
        "theme": "abc",
        "commune": "999999",
        "tri": "pk",
        "page": "zz",
        "par_page": "7",
    }
    response = client_for(editor_user).get(LIST, params)
    assert response.status_code == 200
    assert len(names(response)) == 3


def test_filters_of_another_workspace_are_not_offered_nor_applied(
    client_for, editor_user, registry, other_workspace
):
    foreign = ThemeFactory(workspace=other_workspace, name="Tourisme")
    response = client_for(editor_user).get(LIST, {"theme": foreign.pk})
    assert len(names(response)) == 3
    assert "Tourisme" not in response.content.decode()


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("nom", ["École de musique du Pays", "Garage solidaire", "Mairie de Ligné"]),
        ("-nom", ["Mairie de Ligné", "Garage solidaire", "École de musique du Pays"]),
        # by label: Association, Collectivité, Coopérative
        ("type", ["École de musique du Pays", "Mairie de Ligné", "Garage solidaire"]),
        # Ancenis, Ligné, then no commune
        ("commune", ["École de musique du Pays", "Garage solidaire", "Mairie de Ligné"]),
    ],
)
def test_sorts(client_for, editor_user, registry, sort, expected):
    assert names(client_for(editor_user).get(LIST, {"tri": sort})) == expected


def test_sort_by_last_change(client_for, editor_user, registry):
    registry["actors"]["garage"].save()
    assert names(client_for(editor_user).get(LIST, {"tri": "-modifie"}))[0] == "Garage solidaire"


def test_the_list_shows_only_the_active_workspace(client_for, other_user, registry):
    response = client_for(other_user).get(LIST)
    assert "Garage solidaire" not in response.content.decode()


def test_htmx_requests_get_the_results_fragment_alone(client_for, editor_user, registry):
    response = client_for(editor_user).get(LIST, {"q": "garage"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "Garage solidaire" in html
    assert "<html" not in html and 'id="resultats"' not in html
    assert "<table" in html and "1 acteur" in html


def test_the_page_wires_live_filtering(client_for, editor_user, registry):
    html = client_for(editor_user).get(LIST).content.decode()
    assert 'hx-get="/acteurs/"' in html and 'hx-push-url="true"' in html
    assert 'id="resultats"' in html


def test_empty_registry_offers_ways_to_fill_it(client_for, editor_user, reader_user):
    html = client_for(editor_user).get(LIST).content.decode()
    assert "Le registre des acteurs est vide." in html
    assert reverse("actors:actor-bulk-add-ess") in html and reverse("actors:actor-import") in html
    html = client_for(reader_user).get(LIST).content.decode()
    assert "Les éditeurs de l'espace peuvent" in html
    assert reverse("actors:actor-import") not in html


def test_no_match_says_so(client_for, editor_user, registry):
    html = client_for(editor_user).get(LIST, {"q": "piscine"}).content.decode()
    assert "Aucun acteur ne correspond à ces critères." in html


def test_pagination_keeps_the_filters(client_for, editor_user, workspace):
    ActorFactory.create_batch(30, workspace=workspace, kind=ActorKind.ASSOCIATION)
    response = client_for(editor_user).get(LIST, {"type": "association"})
    html = response.content.decode()
    assert len(names(response)) == 25
    assert "type=association&amp;page=2" in html


@pytest.mark.parametrize("size", [25, 100])
def test_the_query_count_does_not_grow_with_the_page_size(
    client_for, editor_user, workspace, django_assert_max_num_queries, size
):
    themes = [ThemeFactory(workspace=workspace, name=f"Thème {n}") for n in range(3)]
    commune = TerritoryFactory()
    for actor in ActorFactory.create_batch(120, workspace=workspace, commune=commune):
        actor.themes.add(*themes)
    client = client_for(editor_user)
    client.get(LIST)  # session, themes seeded
    with django_assert_max_num_queries(11):
        response = client.get(LIST, {"par_page": size, "q": "ressourcerie", "tri": "commune"})
    assert len(names(response)) == size


def test_the_filter_selects_keep_their_label_and_choice(client_for, editor_user, registry):
    html = client_for(editor_user).get(LIST, {"type": "ess", "tri": "commune"}).content.decode()
    assert 'for="id_type"' in html and '<select name="type" class="' in html
    assert re.search(r'<select name="type" [^>]*id="id_type"', html)
    assert '<option value="ess" selected>Toutes les familles de l&#x27;ESS</option>' in html
    assert '<option value="commune" selected>Commune</option>' in html
    assert '<option value="Ancenis' not in html  # communes are chosen by id
