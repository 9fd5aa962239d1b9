"""Prioritisation workshops: the grid of points, its limit per participant, the ranking."""

import pytest
from django.urls import reverse
from django.utils import timezone

from diagnostics.enums import Quadrant
from diagnostics.models import Vote, Workshop
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import AfomItemFactory, VoteFactory, WorkshopFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
CHANGE_PAGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


@pytest.fixture
def workshop(diagnostic):
    return WorkshopFactory(diagnostic=diagnostic, points_per_participant=5)


@pytest.fixture
def items(diagnostic):
    return [
        AfomItemFactory(diagnostic=diagnostic, title="Réseau dense"),
        AfomItemFactory(diagnostic=diagnostic, title="Peu de locaux", quadrant=Quadrant.FAIBLESSE),
        AfomItemFactory(diagnostic=diagnostic, title="Appel PTCE", quadrant=Quadrant.OPPORTUNITE),
    ]


def url(name, *args):
    return reverse(f"diagnostics:{name}", args=args)


def grid(items, *columns):
    """POST data of the grid: each column is (name, [points per item])."""
    data = {}
    for index, (name, points) in enumerate(columns):
        data[f"nom_{index}"] = name
        for item, value in zip(items, points, strict=True):
            data[f"points_{index}_{item.pk}"] = value
    return data


def test_role_matrix_of_the_workshop_pages(client_for, role_users, diagnostic, workshop):
    check_role_matrix(client_for, role_users, url("workshop-list", diagnostic.pk), READ)
    check_role_matrix(client_for, role_users, url("workshop-detail", workshop.pk), READ)
    check_role_matrix(client_for, role_users, url("workshop-create", diagnostic.pk), CHANGE_PAGE)
    check_role_matrix(client_for, role_users, url("workshop-delete", workshop.pk), CHANGE_PAGE)


def test_role_matrix_of_recording_points(client_for, role_users, workshop, items):
    data = grid(items, ("Camille", [2, 2, 1]))
    expected = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
    check_role_matrix(
        client_for, role_users, url("workshop-votes", workshop.pk), expected, "post", data
    )
    assert workshop.votes.count() == 3


def test_an_editor_creates_a_workshop(client_for, editor_user, diagnostic):
    data = {"title": "Atelier de Varades", "date": "2026-05-12", "points_per_participant": 3}
    response = client_for(editor_user).post(url("workshop-create", diagnostic.pk), data)
    workshop = diagnostic.workshops.get()
    assert response["Location"] == url("workshop-detail", workshop.pk)
    assert workshop.points_per_participant == 3


def test_a_workshop_needs_between_1_and_100_points(client_for, editor_user, diagnostic):
    data = {"title": "Atelier", "date": "12/05/2026", "points_per_participant": 0}
    response = client_for(editor_user).post(url("workshop-create", diagnostic.pk), data)
    assert response.status_code == 200 and "Entre 1 et 100" in response.content.decode()
    assert not Workshop.objects.exists()


def test_the_ranking_sums_the_points_in_order(
    client_for, reader_user, editor_user, workshop, items
):
    data = grid(items, ("Camille", [1, 4, 0]), ("Dominique", [0, 3, 2]), ("Sacha", [2, 0, 3]))
    response = client_for(editor_user).post(url("workshop-votes", workshop.pk), data)
    assert response.status_code == 302
    html = client_for(reader_user).get(url("workshop-detail", workshop.pk)).content.decode()
    positions = [html.index(title) for title in ("Peu de locaux", "Appel PTCE", "Réseau dense")]
    assert positions == sorted(positions)  # 7, 5, 3 points
    assert "Enregistrer les points" not in html  # readers see the ranking only


def test_a_participant_over_the_limit_is_refused_and_nothing_is_written(
    client_for, editor_user, workshop, items
):
    VoteFactory(workshop=workshop, item=items[0], participant="Ancien", points=1)
    data = grid(items, ("Camille", [2, 2, 0]), ("Dominique", [3, 2, 1]))
    response = client_for(editor_user).post(url("workshop-votes", workshop.pk), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dominique a attribué 6 points" in html and "5 au maximum" in html
    assert list(workshop.votes.values_list("participant", flat=True)) == ["Ancien"]


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ((("", [1, 0, 0]),), "indiquez le nom du participant"),
        ((("Camille", [1, 0, 0]), ("camille ", [1, 0, 0])), "figure deux fois"),
        ((("Camille", [-1, 0, 0]),), "supérieure ou égale à 0"),
        ((("Camille", ["deux", 0, 0]),), "nombre entier"),
    ],
)
def test_bad_grids_are_refused_with_a_clear_message(
    client_for, editor_user, workshop, items, columns, message
):
    response = client_for(editor_user).post(
        url("workshop-votes", workshop.pk), grid(items, *columns)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Vote.objects.exists()


def test_the_grid_replaces_the_votes_and_drops_emptied_columns(
    client_for, editor_user, workshop, items
):
    client = client_for(editor_user)
    client.post(
        url("workshop-votes", workshop.pk),
        grid(items, ("Camille", [1, 1, 1]), ("Sacha", [5, 0, 0])),
    )
    form = client.get(url("workshop-detail", workshop.pk)).content.decode()
    assert 'value="Camille"' in form and 'value="Sacha"' in form
    client.post(
        url("workshop-votes", workshop.pk), grid(items, ("", ["", "", ""]), ("Sacha", [0, 0, 4]))
    )
    votes = list(workshop.votes.values_list("participant", "item_id", "points"))
    assert votes == [("Sacha", items[2].pk, 4)]


def test_deleted_items_leave_the_ranking(client_for, reader_user, workshop, items):
    VoteFactory(workshop=workshop, item=items[0], points=3)
    items[0].deleted_at = timezone.now()
    items[0].save()
    html = client_for(reader_user).get(url("workshop-detail", workshop.pk)).content.decode()
    assert "Réseau dense" not in html


def test_deleting_a_workshop_keeps_the_items(client_for, editor_user, workshop, items):
    VoteFactory(workshop=workshop, item=items[0])
    response = client_for(editor_user).post(url("workshop-delete", workshop.pk))
    assert response["Location"] == url("workshop-list", workshop.diagnostic_id)
    assert not Workshop.objects.exists() and not Vote.objects.exists()
    assert workshop.diagnostic.afom_items.count() == 3
