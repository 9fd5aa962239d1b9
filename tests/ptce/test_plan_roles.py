"""The role matrix on every page of the action plan: anonymous visitors go to the login page,
people of another workspace get a 404, readers read (200) and never change (403), editors and
administrators do both."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils.html import escape

from ptce.enums import ActionStatus
from ptce.models import Action, ActionFunding, ActionIndicator, ActionUpdate, Axis, Objective
from ptce.urls.plans import urlpatterns
from tests.diagnostics.factories import DiagnosticFactory
from tests.ptce.factories_plans import full_action
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
FORM = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
POSTED = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}
# The administrator posts the same indicator name again: refused by its uniqueness, with the form.
POSTED_TWICE = {**POSTED, "admin": 422}


@pytest.fixture
def plan(workspace):
    """One of everything in `workspace`: {url kwarg source: object}."""
    diagnostic = DiagnosticFactory(workspace=workspace)
    action = full_action(diagnostic)
    indicator = action.indicators.get()
    return {
        "diagnostic": diagnostic,
        "axis": action.objective.axis,
        "objective": action.objective,
        "action": action,
        "funding": action.funding_lines.get(),
        "indicator": indicator,
        "value": indicator.values.first(),
        "update": action.updates.get(),
    }


# (url name, object whose pk the URL takes, method, expected, data)
PAGES = [
    ("plan-detail", "diagnostic", "get", READ, None),
    ("plan-table", "diagnostic", "get", READ, None),
    ("plan-export", "diagnostic", "get", READ, {"format": "xlsx"}),
    ("plan-board", "diagnostic", "get", READ, None),
    ("plan-timeline", "diagnostic", "get", READ, None),
    ("plan-followup", "diagnostic", "get", READ, None),
    ("plan-import-template", "diagnostic", "get", READ, None),
    ("plan-import", "diagnostic", "get", FORM, None),
    ("plan-import-confirm", "diagnostic", "post", POSTED, None),
    ("axis-create", "diagnostic", "get", FORM, None),
    ("axis-update", "axis", "get", FORM, None),
    ("axis-move", "axis", "post", POSTED, {"direction": "down"}),
    ("axis-delete", "axis", "get", FORM, None),
    ("objective-create", "axis", "get", FORM, None),
    ("objective-update", "objective", "get", FORM, None),
    ("objective-move", "objective", "post", POSTED, {"direction": "up"}),
    ("objective-delete", "objective", "get", FORM, None),
    ("action-create", "objective", "get", FORM, None),
    ("action-detail", "action", "get", READ, None),
    ("action-update", "action", "get", FORM, None),
    ("action-move", "action", "post", POSTED, {"direction": "up"}),
    ("action-status", "action", "post", POSTED, {"status": ActionStatus.SUSPENDED}),
    ("action-delete", "action", "get", FORM, None),
    ("action-funding-add", "action", "post", POSTED, {"funder": "Département", "amount": "500"}),
    ("action-funding-delete", "funding", "get", FORM, None),
    ("indicator-create", "action", "post", POSTED_TWICE, {"name": "Structures accompagnées"}),
    ("indicator-update", "indicator", "get", FORM, None),
    ("indicator-delete", "indicator", "get", FORM, None),
    ("indicator-value-add", "indicator", "post", POSTED, None),
    ("indicator-value-delete", "value", "get", FORM, None),
    ("action-log-add", "action", "post", POSTED, {"date": "2026-11-20", "text": "Réunion."}),
    ("action-log-delete", "update", "get", FORM, None),
]


def test_the_matrix_covers_every_page_of_the_plan():
    assert {name for name, *_ in PAGES} == {pattern.name for pattern in urlpatterns}


@pytest.mark.parametrize(("name", "source", "method", "expected", "data"), PAGES, ids=lambda p: p)
def test_role_matrix(client_for, role_users, plan, name, source, method, expected, data):
    url = reverse(f"ptce:{name}", args=[plan[source].pk])
    if name == "indicator-value-add":
        prefix = f"valeur-{plan['indicator'].pk}"
        data = {f"{prefix}-date": "2026-11-01", f"{prefix}-value": "7"}
    check_role_matrix(client_for, role_users, url, expected, method=method, data=data)


@pytest.mark.parametrize(
    ("name", "source", "model"),
    [
        ("axis-delete", "axis", Axis),
        ("objective-delete", "objective", Objective),
        ("action-delete", "action", Action),
        ("action-funding-delete", "funding", ActionFunding),
        ("indicator-delete", "indicator", ActionIndicator),
        ("action-log-delete", "update", ActionUpdate),
    ],
)
def test_a_reader_cannot_delete_and_an_editor_can(
    client_for, reader_user, editor_user, other_user, plan, name, source, model
):
    url = reverse(f"ptce:{name}", args=[plan[source].pk])
    assert client_for(reader_user).post(url).status_code == 403
    assert client_for(other_user).post(url).status_code == 404
    assert model.objects.filter(pk=plan[source].pk).exists()
    assert client_for(editor_user).post(url).status_code == 302
    assert not model.objects.filter(pk=plan[source].pk).exists()


def test_a_reader_sees_the_plan_without_any_edit_control(client_for, reader_user, plan):
    client = client_for(reader_user)
    for name in ("plan-detail", "plan-board", "action-detail"):
        source = "action" if name == "action-detail" else "diagnostic"
        content = client.get(reverse(f"ptce:{name}", args=[plan[source].pk])).content.decode()
        assert "Modifier" not in content and "Supprimer" not in content
        assert 'name="status"' not in content
        assert escape(plan["action"].title) in content


def test_a_reader_cannot_change_a_status(client_for, reader_user, plan):
    url = reverse("ptce:action-status", args=[plan["action"].pk])
    response = client_for(reader_user).post(url, {"status": ActionStatus.DONE})
    assert response.status_code == 403
    plan["action"].refresh_from_db()
    assert plan["action"].status == ActionStatus.ONGOING
    assert plan["action"].end == date(2027, 12, 31)
