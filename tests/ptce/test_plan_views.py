"""The pages that build the plan: axes from AFOM items, objectives, actions with pilot and
partners, and the parts of an action. Ids from another diagnostic or workspace are refused by
the forms and nothing is written."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from ptce.enums import ActionStatus
from ptce.models import Action, ActionFunding, ActionUpdate, Axis, Objective
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import AfomItemFactory
from tests.ptce.factories_plans import ActionFactory, AxisFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


@pytest.fixture
def objective(diagnostic):
    return ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic))


@pytest.fixture
def editor(client_for, editor_user):
    return client_for(editor_user)


def action_data(**overrides):
    data = {
        "title": "Créer une légumerie solidaire",
        "pilot": "",
        "start": "2026-01-10",
        "end": "2026-10-31",
        "status": ActionStatus.ONGOING,
        "progress": "20",
        "budget": "45 000,50",
    }
    return {**data, **overrides}


def test_an_editor_builds_an_axis_from_afom_items(editor, diagnostic):
    items = [AfomItemFactory(diagnostic=diagnostic) for _ in range(3)]
    url = reverse("ptce:axis-create", args=[diagnostic.pk])
    page = editor.get(url).content.decode()
    assert all(item.title in page for item in items)
    response = editor.post(
        url, {"title": "  Alimentation   durable ", "afom_items": [items[0].pk, items[2].pk]}
    )
    axis = Axis.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#axe-{axis.pk}")
    assert axis.title == "Alimentation durable"
    assert set(axis.afom_items.all()) == {items[0], items[2]}


def test_afom_items_of_another_diagnostic_are_an_invalid_choice(editor, diagnostic):
    AfomItemFactory(diagnostic=diagnostic)
    foreign = AfomItemFactory(diagnostic=DiagnosticFactory())
    url = reverse("ptce:axis-create", args=[diagnostic.pk])
    response = editor.post(url, {"title": "Axe", "afom_items": [foreign.pk]})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Axis.objects.exists()


def test_a_duplicate_axis_title_is_refused_in_french(editor, diagnostic):
    AxisFactory(diagnostic=diagnostic, title="Coopérer")
    response = editor.post(reverse("ptce:axis-create", args=[diagnostic.pk]), {"title": "Coopérer"})
    assert "Un axe porte déjà cet intitulé dans ce plan." in response.content.decode()
    assert Axis.objects.count() == 1


def test_an_editor_adds_an_action_with_pilot_and_partners(editor, objective, workspace):
    pilot, partner = ActorFactory.create_batch(2, workspace=workspace)
    url = reverse("ptce:action-create", args=[objective.pk])
    response = editor.post(url, action_data(pilot=str(pilot.pk), partners=[partner.pk]))
    action = Action.objects.get()
    assert response.status_code == 302 and response["Location"] == action.get_absolute_url()
    assert (action.pilot, action.pilot_is_collectivity) == (pilot, False)
    assert list(action.partners.all()) == [partner]
    assert action.budget == Decimal("45000.50")


def test_the_collectivity_itself_can_pilot(editor, objective, workspace):
    editor.post(
        reverse("ptce:action-create", args=[objective.pk]), action_data(pilot="collectivite")
    )
    action = Action.objects.get()
    assert action.pilot is None and action.pilot_is_collectivity
    page = editor.get(action.get_absolute_url()).content.decode()
    assert workspace.name.replace("'", "&#x27;") in page


@pytest.mark.parametrize("field", ["pilot", "partners"])
def test_actors_of_another_workspace_are_refused(editor, objective, other_workspace, field):
    stranger = ActorFactory(workspace=other_workspace)
    value = str(stranger.pk) if field == "pilot" else [stranger.pk]
    url = reverse("ptce:action-create", args=[objective.pk])
    response = editor.post(url, action_data(**{field: value}))
    assert response.status_code == 200
    content = response.content.decode()
    assert (
        "Choisissez un pilote de la liste" in content or "Sélectionnez un choix valide" in content
    )
    assert not Action.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"end": "2025-12-31"}, "La fin ne peut pas précéder le début."),
        ({"progress": "120"}, "inférieure ou égale à 100"),
        ({"budget": "beaucoup"}, "Saisissez un nombre"),
        ({"pilot": "99999999999999999999999"}, "Sélectionnez un choix valide"),
        ({"status": "finie"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_input_is_explained_and_nothing_written(editor, objective, overrides, message):
    url = reverse("ptce:action-create", args=[objective.pk])
    response = editor.post(url, action_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Action.objects.exists()


def test_editing_an_action_can_move_it_to_another_objective(editor, objective, diagnostic):
    action = ActionFactory(objective=objective)
    target = ObjectiveFactory(axis=objective.axis, title="Former les bénévoles")
    data = action_data(title=action.title, objective=str(target.pk))
    response = editor.post(reverse("ptce:action-update", args=[action.pk]), data)
    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).objective == target
    foreign = ObjectiveFactory()
    data["objective"] = str(foreign.pk)
    response = editor.post(reverse("ptce:action-update", args=[action.pk]), data)
    assert response.status_code == 200
    assert Action.objects.get(pk=action.pk).objective == target


def test_status_change_returns_to_the_board_and_ignores_foreign_next(editor, objective):
    action = ActionFactory(objective=objective, progress=40)
    url = reverse("ptce:action-status", args=[action.pk])
    board = reverse("ptce:plan-board", args=[objective.axis.diagnostic_id])
    response = editor.post(url, {"status": ActionStatus.DONE, "next": f"{board}#action-1"})
    assert response["Location"] == f"{board}#action-1"
    action.refresh_from_db()
    assert (action.status, action.progress) == (ActionStatus.DONE, 100)
    response = editor.post(url, {"status": ActionStatus.ONGOING, "next": "https://ailleurs.fr/"})
    assert response["Location"] == action.get_absolute_url()
    response = editor.post(url, {"status": "n'importe quoi"}, follow=True)
    assert f"État inconnu{NBSP}: choisissez" in response.content.decode()


def test_funding_lines_are_typed_the_french_way(editor, objective):
    action = ActionFactory(objective=objective)
    url = reverse("ptce:action-funding-add", args=[action.pk])
    editor.post(url, {"funder": "Région", "amount": "12 500,50", "secured": "on"})
    line = ActionFunding.objects.get()
    assert (line.amount, line.secured) == (Decimal("12500.50"), True)
    page = editor.get(action.get_absolute_url()).content.decode()
    assert "12\u202f500,50&nbsp;€" in page


def test_a_bad_funding_line_shows_again_with_its_error(editor, objective):
    action = ActionFactory(objective=objective)
    url = reverse("ptce:action-funding-add", args=[action.pk])
    response = editor.post(url, {"funder": "Région", "amount": "-5"})
    assert response.status_code == 422
    assert "supérieure ou égale à 0" in response.content.decode()
    assert not ActionFunding.objects.exists()


def test_an_update_is_logged_with_its_author(editor, objective, editor_user):
    action = ActionFactory(objective=objective)
    url = reverse("ptce:action-log-add", args=[action.pk])
    response = editor.post(url, {"date": "20/11/2026", "text": "Local trouvé à Ancenis."})
    assert response["Location"].endswith("#journal")
    entry = ActionUpdate.objects.get()
    assert (entry.date, entry.author) == (date(2026, 11, 20), editor_user)
    assert "Local trouvé à Ancenis." in editor.get(action.get_absolute_url()).content.decode()


def test_an_indicator_value_with_errors_keeps_the_form(editor, objective):
    action = ActionFactory(objective=objective)
    editor.post(reverse("ptce:indicator-create", args=[action.pk]), {"name": "Emplois"})
    indicator = action.indicators.get()
    prefix = f"valeur-{indicator.pk}"
    url = reverse("ptce:indicator-value-add", args=[indicator.pk])
    response = editor.post(url, {f"{prefix}-date": "32/13/2026", f"{prefix}-value": "3"})
    assert response.status_code == 422
    assert not indicator.values.exists()
    editor.post(url, {f"{prefix}-date": "30/09/2026", f"{prefix}-value": "3,5"})
    assert indicator.values.get().value == Decimal("3.5")


def test_deleting_an_axis_removes_its_objectives_and_actions(editor, objective):
    ActionFactory(objective=objective)
    url = reverse("ptce:axis-delete", args=[objective.axis_id])
    assert "Supprimer l&#x27;axe" in editor.get(url).content.decode()
    editor.post(url)
    assert not (Axis.objects.exists() or Objective.objects.exists() or Action.objects.exists())


def test_moving_an_axis_on_the_page(editor, diagnostic):
    first, second = AxisFactory(diagnostic=diagnostic), AxisFactory(diagnostic=diagnostic)
    response = editor.post(reverse("ptce:axis-move", args=[second.pk]), {"direction": "up"})
    assert response["Location"].endswith(f"#axe-{second.pk}")
    assert list(Axis.objects.order_by("order").values_list("pk", flat=True)) == [
        second.pk,
        first.pk,
    ]
    response = editor.get(reverse("ptce:axis-move", args=[second.pk]))
    assert response.status_code == 405
