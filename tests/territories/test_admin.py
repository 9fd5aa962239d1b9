import pytest

from tests.factories import UserFactory


@pytest.fixture
def staff_client(cog, client_for):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/admin/territories/territory/?q=ancenis", "Ancenis-Saint-Géréon"),
        ("/admin/territories/territory/?kind__exact=epci", "CC du Pays d&#x27;Ancenis"),
        ("/admin/territories/formercode/?q=69381", "Lyon 1er Arrondissement"),
    ],
)
def test_staff_search_and_filter_territories(staff_client, url, expected):
    response = staff_client.get(url)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_territory_change_page(staff_client):
    from tests.territories.conftest import territory

    response = staff_client.get(f"/admin/territories/territory/{territory('com:44003').pk}/change/")
    assert response.status_code == 200
