"""Actors from SIRENE: the establishment search, the prefilled form, the bulk add pages."""

import html

import pytest
from django.urls import reverse

from actors.enums import Family
from actors.models import Actor
from tests.actors.factories import (
    ActorFactory,
    EstablishmentFactory,
    LegalCategoryFactory,
    pays_d_ancenis,
)

pytestmark = pytest.mark.django_db
SEARCH = reverse("actors:actor-create-from-establishment")
BULK = reverse("actors:actor-bulk-add-ess")


@pytest.fixture
def territory(workspace):
    communes = pays_d_ancenis()
    workspace.main_territory = communes["epci"]
    workspace.save()
    return communes


def text(response):
    return html.unescape(response.content.decode())


def test_search_by_name_ignores_case_and_accents(client_for, editor_user, territory):
    EstablishmentFactory(name="ECOLE DE MUSIQUE INTERCOMMUNALE")
    EstablishmentFactory(name="GARAGE SOLIDAIRE")
    EstablishmentFactory(name="ECOLE FERMEE", active=False)
    EstablishmentFactory(name="ECOLE AILLEURS", epci_code="200000000", commune_code="49001")
    response = client_for(editor_user).get(SEARCH, {"q": "école musique"})
    found = [e.name for e in response.context["page"].object_list]
    assert found == ["ECOLE DE MUSIQUE INTERCOMMUNALE"]
    assert "Créer l'acteur" in text(response)
    assert "Ancenis-Saint-Géréon" in text(response)


def test_search_by_siret_or_siren_prefix(client_for, editor_user, territory):
    establishment = EstablishmentFactory()
    client = client_for(editor_user)
    for query in (establishment.siret, establishment.siren, establishment.siret[:3]):
        response = client.get(SEARCH, {"q": query})
        assert [e.siret for e in response.context["page"].object_list] == [establishment.siret]


def test_an_establishment_already_in_the_registry_links_to_its_actor(
    client_for, editor_user, territory, workspace
):
    establishment = EstablishmentFactory(name="GARAGE SOLIDAIRE")
    actor = ActorFactory(workspace=workspace, siret=establishment.siret)
    html_page = text(client_for(editor_user).get(SEARCH, {"q": "garage"}))
    assert "Déjà dans le registre" in html_page and actor.get_absolute_url() in html_page
    assert (
        reverse("actors:actor-create-from-establishment-form", args=[establishment.siret])
        not in html_page
    )


def test_without_main_territory_the_page_explains_it(client_for, editor_user):
    response = client_for(editor_user).get(SEARCH, {"q": "garage"})
    assert "pas de territoire principal" in text(response)


def test_the_prefilled_form_then_the_actor(client_for, editor_user, territory, workspace):
    LegalCategoryFactory(code="5458", label="SCOP à forme anonyme")
    establishment = EstablishmentFactory(
        name="SCOP BATI LOIRE", legal_category="5458", family=Family.COOPERATIVE, naf_code="43.21A"
    )
    url = reverse("actors:actor-create-from-establishment-form", args=[establishment.siret])
    client = client_for(editor_user)
    form = client.get(url).context["form"]
    assert form.initial["name"] == "SCOP BATI LOIRE"
    assert form.initial["kind"] == "cooperative"
    assert form.initial["siret"] == establishment.siret
    assert form.initial["legal_form"] == "SCOP à forme anonyme"
    assert form.initial["commune_ref"] == "Ancenis-Saint-Géréon (44003)"
    data = {
        "name": "SCOP Bâti Loire",
        "kind": "cooperative",
        "siret": establishment.siret,
        "legal_form": "SCOP à forme anonyme",
        "naf_code": "43.21A",
        "size_band": "11",
        "commune_ref": "44003",
    }
    response = client.post(url, data)
    actor = Actor.objects.get(workspace=workspace)
    assert response["Location"] == actor.get_absolute_url()
    assert (actor.name, actor.establishment, actor.commune) == (
        "SCOP Bâti Loire",
        establishment,
        territory["ancenis"],
    )


def test_the_bulk_page_counts_then_adds_once(client_for, editor_user, territory, workspace):
    EstablishmentFactory.create_batch(3)
    present = EstablishmentFactory()
    ActorFactory(workspace=workspace, siret=present.siret)
    client = client_for(editor_user)
    page = text(client.get(BULK))
    assert "compte 4 établissements employeurs" in page
    assert "3 acteurs" in page and "seront ajoutés" in page
    response = client.post(BULK, follow=True)
    assert "3 acteurs ajoutés depuis SIRENE (1 déjà présent)." in text(response)
    assert Actor.objects.filter(workspace=workspace).count() == 4
    assert "déjà tous dans le registre" in text(client.get(BULK))
    response = client.post(BULK, follow=True)
    assert "Aucun acteur ajouté" in text(response)
    assert Actor.objects.filter(workspace=workspace).count() == 4


def test_the_bulk_page_without_data_says_what_to_do(client_for, editor_user, territory):
    assert "Aucun employeur de l'ESS" in text(client_for(editor_user).get(BULK))
