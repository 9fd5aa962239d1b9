"""The establishment search page: filters, pagination, export, detail; constant query count."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from actors.enums import Family
from actors.sirene.nomenclatures import nomenclatures_load
from tests.actors.factories import EstablishmentFactory
from tests.fixtures.sirene import support
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
LIST = reverse("actors:establishment-list")
ALL_READ = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}


@pytest.fixture
def establishments(db):
    support.load_territories()
    nomenclatures_load()
    rows = EstablishmentFactory.create_batch(30, name="Association du Pays")
    rows.append(
        EstablishmentFactory(
            name="Ressourcerie d'Oudon",
            commune_code="44115",
            family=Family.ASSOCIATION,
            naf_code="38.32Z",
        )
    )
    rows.append(
        EstablishmentFactory(
            name="Garage de Nantes",
            commune_code="44109",
            epci_code="244400404",
            family=Family.NON_ESS,
            employer=False,
            active=False,
        )
    )
    return rows


def names(response):
    return [e.name for e in response.context["page"].object_list]


def test_any_logged_in_person_searches_establishments(client_for, role_users, establishments):
    check_role_matrix(client_for, role_users, LIST, ALL_READ)
    detail = reverse("actors:establishment-detail", kwargs={"pk": establishments[0].siret})
    check_role_matrix(client_for, role_users, detail, ALL_READ)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "ressourcerie"}, ["Ressourcerie d'Oudon"]),
        ({"territoire": "com:44115"}, ["Ressourcerie d'Oudon"]),
        ({"territoire": "epci:244400404"}, ["Garage de Nantes"]),
        ({"famille": "non_ess"}, ["Garage de Nantes"]),
        ({"employeur": "non"}, ["Garage de Nantes"]),
        ({"etat": "ferme"}, ["Garage de Nantes"]),
    ],
)
def test_filters_narrow_the_list(client_for, reader_user, establishments, query, expected):
    assert names(client_for(reader_user).get(LIST, query)) == expected


def test_a_siret_finds_its_establishment(client_for, reader_user, establishments):
    siret = establishments[-2].siret
    spaced = f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    assert names(client_for(reader_user).get(LIST, {"q": spaced})) == ["Ressourcerie d'Oudon"]


def test_an_unknown_territory_is_explained(client_for, reader_user, establishments):
    response = client_for(reader_user).get(LIST, {"territoire": "epci:123"})
    assert "territoire" in response.context["form"].errors


def test_the_query_count_does_not_grow_with_the_page_size(client_for, reader_user, establishments):
    EstablishmentFactory.create_batch(100)
    client = client_for(reader_user)
    counts = []
    for size in (25, 100):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(LIST, {"par_page": size})
        assert len(response.context["page"].object_list) == size
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8


def test_the_list_labels_communes_and_activities(client_for, reader_user, establishments):
    page = client_for(reader_user).get(LIST, {"q": "ressourcerie"}).content.decode()
    assert "Oudon" in page and "Récupération de déchets triés" in page


def test_the_list_exports_as_csv_and_xlsx(client_for, reader_user, establishments):
    client = client_for(reader_user)
    csv_response = client.get(LIST, {"territoire": "com:44115", "format": "csv"})
    text = csv_response.content.decode("utf-8-sig")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "Ressourcerie d'Oudon" in text and "Garage" not in text
    xlsx = client.get(LIST, {"famille": "non_ess", "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["B2"].value == "Garage de Nantes" and sheet.max_row == 2


def test_the_detail_explains_the_family(client_for, reader_user, establishments):
    ressourcerie = establishments[-2]
    url = reverse("actors:establishment-detail", kwargs={"pk": ressourcerie.siret})
    page = client_for(reader_user).get(url).content.decode()
    assert "Ressourcerie d&#x27;Oudon" in page and "Oudon" in page
    assert "non classé" in page  # the factory makes no legal unit


def test_an_unknown_siret_is_a_404(client_for, reader_user):
    url = reverse("actors:establishment-detail", kwargs={"pk": "00000000000000"})
    assert client_for(reader_user).get(url).status_code == 404
