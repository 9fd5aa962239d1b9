import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actors.enums import ActorKind
from tests.actors.factories import ActorFactory, ContactFactory, ThemeFactory

pytestmark = pytest.mark.django_db
EXPORT = reverse("actors:actor-export")


@pytest.fixture
def actors(workspace):
    attack = ActorFactory(
        workspace=workspace,
        name='=HYPERLINK("http://x")',
        kind=ActorKind.ASSOCIATION,
        notes="@SUM(A1)",
        legal_form="+33 forme",
    )
    ContactFactory(actor=attack, name="-Léa", email="lea@asso.fr", phone="+33 6 12 34 56 78")
    partner = ActorFactory(workspace=workspace, name="Mairie de Ligné", kind=ActorKind.COLLECTIVITE)
    partner.themes.add(ThemeFactory(workspace=workspace, name="Mobilité"))
    return {"attack": attack, "partner": partner}


def csv_lines(response):
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return response.content.decode("utf-8-sig").splitlines()


def test_csv_neutralises_formula_cells(client_for, editor_user, actors):
    lines = csv_lines(client_for(editor_user).get(EXPORT, {"format": "csv"}))
    row = next(line for line in lines if "HYPERLINK" in line)
    assert row.startswith('"\'=HYPERLINK(""http://x"")";')
    assert ";'@SUM(A1);" in row and ";'+33 forme;" in row
    assert "'-Léa" in row and "'+33 6 12 34 56 78" in row


def test_xlsx_neutralises_formula_cells_too(client_for, editor_user, actors):
    response = client_for(editor_user).get(EXPORT, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell.value for row in sheet.iter_rows() for cell in row]
    assert '\'=HYPERLINK("http://x")' in values and "'@SUM(A1)" in values
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "-", "@")) for v in values)


def test_the_export_honours_the_filters_and_search(client_for, editor_user, actors):
    client = client_for(editor_user)
    lines = csv_lines(client.get(EXPORT, {"format": "csv", "type": "partenaires"}))
    assert len(lines) == 2 and "Mairie de Ligné" in lines[1]
    lines = csv_lines(client.get(EXPORT, {"format": "csv", "q": "ligne"}))
    assert len(lines) == 2 and "Mobilité" in lines[1]


def test_readers_export_no_personal_data(client_for, reader_user, actors):
    text = "\n".join(csv_lines(client_for(reader_user).get(EXPORT, {"format": "csv"})))
    assert "Contacts" not in text and "lea@asso.fr" not in text and "Léa" not in text
    assert "12 34 56 78" not in text
    response = client_for(reader_user).get(EXPORT, {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = {str(cell.value) for row in sheet.iter_rows() for cell in row}
    assert "lea@asso.fr" not in values and "E-mails des contacts" not in values


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_export_the_contacts(client_for, role_users, actors, role):
    lines = csv_lines(client_for(role_users[role]).get(EXPORT, {"format": "csv"}))
    assert lines[0].endswith("Contacts;E-mails des contacts;Téléphones des contacts")
    assert "lea@asso.fr" in "\n".join(lines)


def test_the_export_is_of_the_active_workspace_only(client_for, other_user, actors):
    lines = csv_lines(client_for(other_user).get(EXPORT, {"format": "csv"}))
    assert len(lines) == 1


def test_an_unknown_format_goes_back_to_the_list(client_for, editor_user, actors):
    response = client_for(editor_user).get(EXPORT, {"format": "pdf"})
    assert response.status_code == 302 and response["Location"] == reverse("actors:actor-list")


def test_the_list_links_to_the_export_with_its_filters(client_for, editor_user, actors):
    html = (
        client_for(editor_user).get(reverse("actors:actor-list"), {"type": "ess"}).content.decode()
    )
    assert f"{EXPORT}?type=ess&amp;format=csv" in html


def test_the_export_query_count_does_not_grow_with_the_rows(
    client_for, editor_user, workspace, django_assert_max_num_queries
):
    for actor in ActorFactory.create_batch(60, workspace=workspace):
        ContactFactory(actor=actor)
    client = client_for(editor_user)
    client.get(reverse("actors:actor-list"))
    with django_assert_max_num_queries(14):
        client.get(EXPORT, {"format": "csv"})
