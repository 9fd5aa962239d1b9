from html import unescape

import pytest
from django.urls import reverse

from actors.models import Actor
from essterritoire.accounts.models import Activity
from tests.actors.factories import ActorFactory, TerritoryFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_an_editor_creates_an_actor_with_a_commune_typed_by_name_or_code(
    client_for, editor_user, workspace
):
    ancenis = TerritoryFactory(code="44003", name="Ancenis-Saint-Géréon")
    theme = ThemeFactory(workspace=workspace, name="Mobilité")
    client = client_for(editor_user)
    data = {
        "name": "Garage solidaire",
        "kind": "cooperative",
        "siret": "443 061 841 00047",
        "naf_code": "4520a",
        "commune_ref": "ancenis saint gereon",
        "website": "garage.fr",
        "themes": [theme.pk],
    }
    response = client.post(reverse("actors:actor-create"), data)
    actor = Actor.objects.get(name="Garage solidaire")
    assert response["Location"] == actor.get_absolute_url()
    assert (actor.siret, actor.naf_code, actor.website) == (
        "44306184100047",
        "45.20A",
        "https://garage.fr",
    )
    assert actor.commune == ancenis
    assert list(actor.themes.all()) == [theme]
    client.post(reverse("actors:actor-edit", args=[actor.pk]), {**data, "commune_ref": "44003"})
    assert Activity.objects.filter(verb="a modifié l'acteur").exists()


def test_a_theme_of_another_workspace_is_an_invalid_choice(
    client_for, editor_user, other_workspace
):
    foreign = ThemeFactory(workspace=other_workspace, name="Tourisme")
    data = {"name": "Garage", "kind": "association", "themes": [foreign.pk]}
    response = client_for(editor_user).post(reverse("actors:actor-create"), data)
    assert response.status_code == 200 and not Actor.objects.exists()
    assert "Sélectionnez un choix valide" in unescape(response.content.decode())


def test_the_edit_form_shows_the_commune_as_name_and_code(client_for, editor_user, workspace):
    actor = ActorFactory(
        workspace=workspace, commune=TerritoryFactory(code="44003", name="Ancenis")
    )
    html = (
        client_for(editor_user).get(reverse("actors:actor-edit", args=[actor.pk])).content.decode()
    )
    assert 'value="Ancenis (44003)"' in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("siret", "44306184100048", "clé de contrôle est fausse"),
        ("siret", "1234", "14 chiffres"),
        ("naf_code", "88", "88.99B"),
        ("commune_ref", "Atlantide", "Commune inconnue"),
        ("commune_ref", "99999", "Territoire inconnu"),
        ("kind", "pirate", "Sélectionnez un choix valide"),
        ("website", "pas une adresse", "URL valide"),
    ],
)
def test_bad_values_are_explained_and_nothing_is_saved(
    client_for, editor_user, field, value, message
):
    data = {"name": "Garage", "kind": "association", field: value}
    response = client_for(editor_user).post(reverse("actors:actor-create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Actor.objects.exists()


def test_homonymous_communes_need_a_code_unless_one_is_in_the_territory(
    client_for, editor_user, workspace
):
    TerritoryFactory(code="44100", name="Saint-Herblon")
    TerritoryFactory(code="85100", name="Saint-Herblon")
    data = {"name": "Garage", "kind": "association", "commune_ref": "Saint-Herblon"}
    response = client_for(editor_user).post(reverse("actors:actor-create"), data)
    assert "indiquez son code Insee" in response.content.decode()


def test_a_second_actor_with_the_same_siret_is_flagged(client_for, editor_user, workspace):
    ActorFactory(workspace=workspace, siret="44306184100047")
    data = {"name": "Garage", "kind": "association", "siret": "44306184100047"}
    response = client_for(editor_user).post(reverse("actors:actor-create"), data, follow=True)
    assert "le même SIRET" in response.content.decode()


def test_delete_asks_for_confirmation_first(client_for, editor_user, workspace):
    actor = ActorFactory(workspace=workspace, name="Garage")
    response = client_for(editor_user).get(reverse("actors:actor-delete", args=[actor.pk]))
    html = response.content.decode()
    assert "Supprimer «\u00a0Garage\u00a0»" in unescape(html) and 'method="post"' in html
    assert Actor.objects.filter(pk=actor.pk).exists()


def test_the_home_page_counts_the_actors(client_for, editor_user, workspace):
    ActorFactory.create_batch(3, workspace=workspace)
    response = client_for(editor_user).get(reverse("accounts:home"))
    counters = {c["label"]: c["value"] for c in response.context["counters"]}
    assert counters["Acteurs"] == 3
    assert reverse("actors:actor-list") in response.content.decode()


def test_themes_page_lists_the_defaults_and_counts(client_for, reader_user, workspace):
    html = client_for(reader_user).get(reverse("actors:theme-list")).content.decode()
    assert "Services aux personnes" in html and "Énergie" in html
    assert reverse("actors:theme-create") not in html  # readers get no form


def test_a_duplicate_theme_name_is_refused_with_a_message(client_for, editor_user, workspace):
    client = client_for(editor_user)
    client.get(reverse("actors:theme-list"))
    response = client.post(reverse("actors:theme-create"), {"name": "énergie"}, follow=True)
    assert "existe déjà" in response.content.decode()
