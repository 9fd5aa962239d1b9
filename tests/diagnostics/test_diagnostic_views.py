"""The diagnostic pages: list, create, detail, edit, delete, territory suggestions."""

import csv
import io
from datetime import date
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnostics.enums import DiagnosticStatus, PhaseStatus
from diagnostics.models import Diagnostic
from essterritoire.territories.enums import Kind
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory, TerritoryFactory, cress_method
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db
READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
CHANGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
WORKSPACE_READ = {"anonymous": 302, "other": 200, "reader": 200, "editor": 200, "admin": 200}
WORKSPACE_CHANGE = {"anonymous": 302, "other": 200, "reader": 403, "editor": 200, "admin": 200}


def text(response):
    return unescape(response.content.decode())


@pytest.fixture
def ancenis(db):
    return TerritoryFactory(
        kind=Kind.EPCI, code="244400552", name="CC du Pays d'Ancenis", population=70_000
    )


@pytest.fixture
def diagnostic(workspace, ancenis):
    return DiagnosticFactory(workspace=workspace, territory=ancenis, title="Diagnostic ESS 2026")


def create_data(**overrides):
    return {
        "title": "Diagnostic partagé du Pays d'Ancenis",
        "territory": "epci:244400552",
        "start_date": "2026-01-15",
        "method": cress_method().pk,
        "description": "",
        "steering_people": "Mme Durand, vice-présidente ESS",
        **overrides,
    }


# Role matrix


def test_list_role_matrix(client_for, role_users):
    # "other" is a member of their own workspace: they see its (empty) list.
    check_role_matrix(
        client_for, role_users, reverse("diagnostics:diagnostic-list"), WORKSPACE_READ
    )


def test_create_page_role_matrix(client_for, role_users):
    url = reverse("diagnostics:diagnostic-create")
    check_role_matrix(client_for, role_users, url, WORKSPACE_CHANGE)


def test_territory_options_role_matrix(client_for, role_users, ancenis):
    url = reverse("diagnostics:territory-options") + "?territory=ancenis"
    check_role_matrix(client_for, role_users, url, WORKSPACE_READ)


def test_detail_role_matrix(client_for, role_users, diagnostic):
    check_role_matrix(client_for, role_users, diagnostic.get_absolute_url(), READ)


def test_edit_role_matrix(client_for, role_users, diagnostic):
    url = reverse("diagnostics:diagnostic-edit", args=[diagnostic.pk])
    check_role_matrix(client_for, role_users, url, CHANGE)


def test_delete_page_role_matrix(client_for, role_users, diagnostic):
    url = reverse("diagnostics:diagnostic-delete", args=[diagnostic.pk])
    check_role_matrix(client_for, role_users, url, CHANGE)


@pytest.mark.parametrize(
    ("role", "status", "deleted"),
    [
        ("anonymous", 302, False),
        ("other", 404, False),
        ("reader", 403, False),
        ("editor", 302, True),
        ("admin", 302, True),
    ],
)
def test_delete_post_by_role(client_for, role_users, diagnostic, role, status, deleted):
    url = reverse("diagnostics:diagnostic-delete", args=[diagnostic.pk])
    response = client_for(role_users[role]).post(url)
    assert response.status_code == status
    assert Diagnostic.objects.filter(pk=diagnostic.pk).exists() is not deleted


# Create


def test_an_editor_creates_a_diagnostic_from_a_reference(
    client_for, editor_user, workspace, ancenis
):
    actor = ActorFactory(workspace=workspace)
    data = create_data(steering_actors=[actor.pk])
    response = client_for(editor_user).post(reverse("diagnostics:diagnostic-create"), data)
    diagnostic = Diagnostic.objects.get()
    assert response.status_code == 302
    assert response["Location"] == diagnostic.get_absolute_url()
    assert (diagnostic.workspace, diagnostic.territory, diagnostic.created_by) == (
        workspace,
        ancenis,
        editor_user,
    )
    assert list(diagnostic.steering_actors.all()) == [actor]
    assert diagnostic.phases.count() == 4


def test_a_territory_can_be_named_instead_of_referenced(client_for, editor_user, ancenis):
    data = create_data(territory="pays d'ancenis")
    client_for(editor_user).post(reverse("diagnostics:diagnostic-create"), data)
    assert Diagnostic.objects.get().territory == ancenis


def test_a_date_typed_the_french_way_is_understood(client_for, editor_user, ancenis):
    data = create_data(start_date="01/03/2026")
    client_for(editor_user).post(reverse("diagnostics:diagnostic-create"), data)
    assert Diagnostic.objects.get().start_date == date(2026, 3, 1)


def test_a_grouping_of_the_workspace_is_accepted(client_for, editor_user, workspace):
    TerritoryFactory(kind=Kind.GROUPING, code="pays-ancenis", name="Pays", workspace=workspace)
    data = create_data(territory="grp:pays-ancenis")
    client_for(editor_user).post(reverse("diagnostics:diagnostic-create"), data)
    assert Diagnostic.objects.get().territory.code == "pays-ancenis"


def test_a_grouping_of_another_workspace_is_unknown(client_for, editor_user, other_workspace):
    TerritoryFactory(kind=Kind.GROUPING, code="secret", name="Secret", workspace=other_workspace)
    data = create_data(territory="grp:secret")
    response = client_for(editor_user).post(reverse("diagnostics:diagnostic-create"), data)
    assert "Territoire inconnu\u00a0: grp:secret" in text(response)
    assert not Diagnostic.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "territory",
            "epci244400552",
            "Aucun territoire ne correspond à «\u00a0epci244400552\u00a0». Saisissez une "
            "référence TYPE:CODE",
        ),
        ("territory", "epci:24440055", "Code EPCI invalide\u00a0: «\u00a024440055\u00a0»"),
        ("territory", "com:99999", "Territoire inconnu\u00a0: com:99999"),
        ("territory", "pays:44", "Type de territoire inconnu\u00a0: «\u00a0pays\u00a0»"),
        ("territory", "", "Indiquez le territoire."),
        ("start_date", "31/02/2026", "Saisissez une date valide."),
        ("start_date", "9999-12-31", "Indiquez une date entre le 01/01/2000 et le 31/12/2100."),
        ("title", "   ", "Donnez un titre au diagnostic."),
        ("method", "999999", "Sélectionnez un choix valide."),
    ],
)
def test_bad_input_gives_a_french_message_and_writes_nothing(
    client_for, editor_user, ancenis, field, value, message
):
    data = create_data(**{field: value})
    response = client_for(editor_user).post(reverse("diagnostics:diagnostic-create"), data)
    assert response.status_code == 200
    assert message in text(response)
    assert "Le diagnostic n'a pas été enregistré" in text(response)
    assert not Diagnostic.objects.exists()


def test_several_matching_names_are_listed(client_for, editor_user):
    TerritoryFactory(kind=Kind.COMMUNE, code="44109", name="Nantes", population=320_000)
    TerritoryFactory(kind=Kind.EPCI, code="244400404", name="Nantes Métropole", population=680_000)
    data = create_data(territory="nant")
    response = client_for(editor_user).post(reverse("diagnostics:diagnostic-create"), data)
    assert "Plusieurs territoires correspondent à «\u00a0nant\u00a0»" in text(response)
    assert "Nantes (com:44109)" in text(response)


def test_another_workspaces_template_cannot_be_chosen(
    client_for, editor_user, other_workspace, ancenis
):
    from tests.diagnostics.factories import MethodTemplateFactory

    foreign = MethodTemplateFactory(workspace=other_workspace)
    data = create_data(method=foreign.pk)
    response = client_for(editor_user).post(reverse("diagnostics:diagnostic-create"), data)
    assert response.status_code == 200
    assert not Diagnostic.objects.exists()


def test_territory_options_list_matching_territories(client_for, editor_user, ancenis):
    url = reverse("diagnostics:territory-options")
    response = client_for(editor_user).get(url, {"territory": "ancenis"})
    assert '<option value="epci:244400552">' in response.content.decode()
    assert client_for(editor_user).get(url, {"territory": "xyz:1"}).status_code == 200


# Detail, edit


def test_the_detail_page_shows_phases_and_counts(client_for, reader_user, diagnostic):
    page = text(client_for(reader_user).get(diagnostic.get_absolute_url()))
    assert "<h1" in page and page.count("<h1") == 1
    assert "Phase en cours\u00a0: 1. Caractérisation" in page
    assert "Calendrier des phases" in page
    assert "Comité de pilotage (structures)" not in page


def test_readers_get_no_edit_controls(client_for, reader_user, diagnostic):
    page = text(client_for(reader_user).get(diagnostic.get_absolute_url()))
    for url_name in ("diagnostic-edit", "diagnostic-delete", "phase-advance"):
        assert reverse(f"diagnostics:{url_name}", args=[diagnostic.pk]) not in page
    assert "deliverable-toggle" not in page.replace('class="deliverable-toggle"', "")
    assert "aria-pressed" not in page


def test_editors_get_the_edit_controls(client_for, editor_user, diagnostic):
    page = text(client_for(editor_user).get(diagnostic.get_absolute_url()))
    for url_name in ("diagnostic-edit", "diagnostic-delete", "phase-advance"):
        assert reverse(f"diagnostics:{url_name}", args=[diagnostic.pk]) in page
    assert 'aria-pressed="false"' in page


def test_edit_changes_the_diagnostic(client_for, editor_user, diagnostic):
    url = reverse("diagnostics:diagnostic-edit", args=[diagnostic.pk])
    data = create_data(title="Nouveau titre", status=DiagnosticStatus.ARCHIVED)
    del data["method"]
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 302
    diagnostic.refresh_from_db()
    assert (diagnostic.title, diagnostic.status) == ("Nouveau titre", DiagnosticStatus.ARCHIVED)


def test_edit_with_a_bad_territory_changes_nothing(client_for, editor_user, diagnostic):
    url = reverse("diagnostics:diagnostic-edit", args=[diagnostic.pk])
    data = create_data(title="Nouveau titre", territory="com:00000", status="ongoing")
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 200
    diagnostic.refresh_from_db()
    assert diagnostic.title == "Diagnostic ESS 2026"


def test_the_delete_page_says_what_goes_with_it(client_for, admin_user, diagnostic):
    url = reverse("diagnostics:diagnostic-delete", args=[diagnostic.pk])
    page = text(client_for(admin_user).get(url))
    assert "0 entretien et leurs extraits" in page
    assert "ne peut pas être annulée" in page


# List


def test_the_list_shows_the_workspace_diagnostics_only(
    client_for, editor_user, diagnostic, other_workspace
):
    DiagnosticFactory(workspace=other_workspace, title="Diagnostic de l'autre espace")
    page = text(client_for(editor_user).get(reverse("diagnostics:diagnostic-list")))
    assert "Diagnostic ESS 2026" in page
    assert "Diagnostic de l'autre espace" not in page
    assert "1 diagnostic" in page


def test_the_list_has_an_empty_state(client_for, editor_user):
    page = text(client_for(editor_user).get(reverse("diagnostics:diagnostic-list")))
    assert "Aucun diagnostic dans cet espace." in page


def test_the_list_searches_titles_and_territories(client_for, editor_user, workspace, diagnostic):
    DiagnosticFactory(workspace=workspace, title="Diagnostic de Vitré")
    client = client_for(editor_user)
    url = reverse("diagnostics:diagnostic-list")
    assert "Diagnostic de Vitré" not in text(client.get(url, {"q": "ancenis"}))
    assert "Diagnostic ESS 2026" in text(client.get(url, {"q": "ANCÉNIS"}))
    assert "Diagnostic de Vitré" in text(client.get(url, {"q": "vitré"}))


def test_the_list_filters_by_state(client_for, editor_user, workspace, diagnostic):
    DiagnosticFactory(workspace=workspace, title="Plus tard", start_date=date(2099, 1, 1))
    url = reverse("diagnostics:diagnostic-list")
    page = text(client_for(editor_user).get(url, {"status": DiagnosticStatus.PREPARATION}))
    assert "Plus tard" in page and "Diagnostic ESS 2026" not in page
    page = text(client_for(editor_user).get(url, {"status": "nimporte"}))
    assert "Plus tard" in page and "Diagnostic ESS 2026" in page


def test_the_list_exports_csv(client_for, reader_user, diagnostic):
    url = reverse("diagnostics:diagnostic-list")
    response = client_for(reader_user).get(url, {"export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Titre", "Territoire", "Référence du territoire"]
    assert rows[1][:5] == [
        "Diagnostic ESS 2026",
        "CC du Pays d'Ancenis",
        "epci:244400552",
        "15/01/2026",
        "En cours",
    ]


def test_the_list_exports_xlsx(client_for, reader_user, diagnostic):
    from openpyxl import load_workbook

    response = client_for(reader_user).get(
        reverse("diagnostics:diagnostic-list"), {"export": "xlsx"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "Diagnostic ESS 2026"


def test_an_unknown_export_format_is_explained(client_for, reader_user, diagnostic):
    response = client_for(reader_user).get(
        reverse("diagnostics:diagnostic-list"), {"export": "pdf"}
    )
    assert "Format d'export inconnu\u00a0: choisissez CSV ou XLSX." in text(response)


def count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("url_name", ["diagnostics:diagnostic-list", "diagnostics:portfolio"])
def test_list_queries_do_not_grow_with_the_diagnostics(
    client_for, editor_user, workspace, url_name
):
    client, url = client_for(editor_user), reverse(url_name)
    DiagnosticFactory(workspace=workspace)
    one = count_queries(client, url)
    for _ in range(5):
        DiagnosticFactory(workspace=workspace)
    assert count_queries(client, url) == one


def test_the_late_flag_is_shown_in_words(client_for, editor_user, workspace):
    DiagnosticFactory(workspace=workspace, start_date=date(2020, 1, 1))
    page = text(client_for(editor_user).get(reverse("diagnostics:diagnostic-list")))
    assert "En retard\u00a0: phases 1, 2, 3, 4" in page


def test_the_home_page_counts_diagnostics(client_for, editor_user, diagnostic):
    page = text(client_for(editor_user).get(reverse("accounts:home")))
    assert reverse("diagnostics:diagnostic-list") in page
    assert diagnostic.phases.filter(status=PhaseStatus.ONGOING).count() == 1
