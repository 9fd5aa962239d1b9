"""The plan seen whole: the filterable table and its export, the board by status, the
timeline and the phase-4 follow-up; each reads in a number of queries that does not grow with
the number of actions."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ptce.enums import ActionStatus
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.ptce.factories_plans import (
    ActionFactory,
    AxisFactory,
    ObjectiveFactory,
    full_action,
)

pytestmark = pytest.mark.django_db
PAST = timezone.localdate() - timedelta(days=20)


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


@pytest.fixture
def reader(client_for, reader_user):
    return client_for(reader_user)


def url(name, diagnostic, **query):
    base = reverse(f"ptce:{name}", args=[diagnostic.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def plan(diagnostic, workspace):
    """Two axes; a late action piloted by an actor with a partner, a done one piloted by the
    collectivity, one to start."""
    pilot, partner = (
        ActorFactory(workspace=workspace, name="Scop Bâtir", siret="35600000000048"),
        (ActorFactory(workspace=workspace, name="Ressourcerie d'Ancenis")),
    )
    food = ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic, title="Alimentation"))
    build = ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic, title="Écoconstruction"))
    late = full_action(
        objective=food, title="Légumerie", pilot=pilot, start=PAST - timedelta(days=90), end=PAST
    )
    late.partners.set([partner])
    done = ActionFactory(
        objective=build, title="Chantier école", pilot_is_collectivity=True, progress=100
    )
    done.status = ActionStatus.DONE
    done.save()
    todo = ActionFactory(
        objective=build, title="Matériauthèque", status=ActionStatus.TODO, progress=0
    )
    return {"late": late, "done": done, "todo": todo, "pilot": pilot, "partner": partner}


def titles_in(response, plan):
    content = response.content.decode()
    return {key for key in ("late", "done", "todo") if f">{plan[key].title}</a>" in content}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"late", "done", "todo"}),
        ({"statut": ActionStatus.DONE}, {"done"}),
        ({"retard": "on"}, {"late"}),
        ({"pilote": "collectivite"}, {"done"}),
        ({"pilote": "pilot"}, {"late"}),
        ({"partenaire": "partner"}, {"late"}),
        ({"axe": "axis"}, {"done", "todo"}),
    ],
)
def test_the_table_filters(reader, diagnostic, plan, query, expected):
    values = {"pilot": plan["pilot"].pk, "partner": plan["partner"].pk}
    values["axis"] = plan["done"].objective.axis_id
    query = {key: values.get(value, value) for key, value in query.items()}
    response = reader.get(url("plan-table", diagnostic, **query))
    assert response.status_code == 200
    assert titles_in(response, plan) == expected


def test_the_table_flags_late_actions_in_words(reader, diagnostic, plan):
    content = reader.get(url("plan-table", diagnostic)).content.decode()
    assert content.count('class="plan-late"') == 1
    assert "En retard" in content


def test_a_filter_value_from_elsewhere_is_ignored_not_a_crash(reader, diagnostic, plan):
    response = reader.get(url("plan-table", diagnostic, pilote="999999", axe="abc"))
    assert response.status_code == 200
    assert titles_in(response, plan) == {"late", "done", "todo"}


def test_the_table_is_paginated(reader, diagnostic):
    objective = ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic))
    ActionFactory.create_batch(30, objective=objective)
    content = reader.get(url("plan-table", diagnostic)).content.decode()
    assert "Page 1 sur 2" in content and "1–25 sur 30" in content
    content = reader.get(url("plan-table", diagnostic, page=2)).content.decode()
    assert "26–30 sur 30" in content


def csv_rows(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_csv_export_has_pilot_partners_budget_and_indicators(reader, diagnostic, plan):
    plan["late"].budget = Decimal("45000.50")
    plan["late"].save()
    rows = csv_rows(reader.get(url("plan-export", diagnostic, format="csv")))
    header, *body = rows
    assert header[:6] == ["Axe", "Objectif", "Action", "Pilote", "SIRET du pilote", "Partenaires"]
    assert {"Budget estimé (€)", "Financements", "Indicateurs", "En retard"} <= set(header)
    line = dict(zip(header, next(row for row in body if row[2] == "Légumerie"), strict=True))
    assert line["Pilote"] == "Scop Bâtir" and line["SIRET du pilote"] == "35600000000048"
    assert line["Partenaires"] == "Ressourcerie d'Ancenis"
    assert line["Budget estimé (€)"] == "45000,50"
    assert line["Financements"] == "Région Pays de la Loire\u00a0: 12\u202f500,00\u00a0€ (acquis)"
    assert line["Indicateurs"].startswith("Emplois créés")
    assert (
        "4\u00a0emplois au 30/09/2026, cible 10\u00a0emplois (40,0\u00a0% atteint)"
        in (line["Indicateurs"])
    )
    assert line["En retard"] == "oui"
    done = dict(zip(header, next(row for row in body if row[2] == "Chantier école"), strict=True))
    assert done["Pilote"] == diagnostic.workspace.name and done["En retard"] == "non"


def test_export_neutralises_formulas_and_keeps_filters(reader, diagnostic, plan):
    plan["todo"].title = '=HYPERLINK("http://pirate.example","clic")'
    plan["todo"].save()
    rows = csv_rows(reader.get(url("plan-export", diagnostic, format="csv", statut="a_lancer")))
    assert len(rows) == 2
    assert rows[1][2] == "'" + plan["todo"].title
    response = reader.get(url("plan-export", diagnostic, format="xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert "'" + plan["todo"].title in cells


def test_an_unknown_export_format_is_explained(reader, diagnostic):
    response = reader.get(url("plan-export", diagnostic, format="pdf"), follow=True)
    assert "Format d'export inconnu" in response.content.decode().replace("&#x27;", "'")


def test_the_board_has_a_column_per_status(client_for, editor_user, diagnostic, plan):
    content = client_for(editor_user).get(url("plan-board", diagnostic)).content.decode()
    for label in ActionStatus.labels:
        assert f">{label} <span" in content
    assert f'id="etat-{plan["late"].pk}"' in content
    assert "État de l'action «&nbsp;Légumerie&nbsp;»" in content  # every select has its label


def test_the_timeline_draws_bars_flags_late_in_words_and_has_a_table(reader, diagnostic, plan):
    ActionFactory(objective=plan["todo"].objective, title="Sans dates", start=None, end=None)
    content = reader.get(url("plan-timeline", diagnostic)).content.decode()
    assert '<svg viewBox="0 0 960' in content and "Aujourd'hui" in content
    assert "Légumerie (en retard)" in content
    assert "<caption>Calendrier des actions datées</caption>" in content
    assert "Actions sans début ou sans fin" in content and "Sans dates" in content
    assert "1 en retard\u00a0: «\u00a0Légumerie\u00a0»" in content


def test_the_followup_shows_progress_late_actions_and_indicators(reader, diagnostic, plan):
    content = reader.get(url("plan-followup", diagnostic)).content.decode()
    assert "1/3" in content  # done out of all
    assert "43&nbsp;%" in content  # (30 + 100 + 0) / 3, abandoned aside
    assert "20 jours" in content
    assert "Emplois créés" in content and "40,0&nbsp;%" in content


def add_actions(diagnostic, workspace, count):
    objective = ObjectiveFactory(axis=AxisFactory(diagnostic=diagnostic))
    for _ in range(count):
        action = full_action(objective=objective, start=date(2025, 9, 1), end=date(2026, 1, 1))
        action.partners.set(ActorFactory.create_batch(2, workspace=workspace))
        action.pilot = ActorFactory(workspace=workspace)
        action.save()


@pytest.mark.parametrize(
    "name", ["plan-detail", "plan-table", "plan-board", "plan-timeline", "plan-followup"]
)
def test_query_count_does_not_grow_with_the_actions(
    client_for, editor_user, diagnostic, workspace, name
):
    client = client_for(editor_user)
    add_actions(diagnostic, workspace, 2)
    client.get(url(name, diagnostic))  # warm the session and caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(name, diagnostic)).status_code == 200
    add_actions(diagnostic, workspace, 6)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(name, diagnostic)).status_code == 200
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_export_query_count_does_not_grow_with_the_actions(
    client_for, editor_user, diagnostic, workspace
):
    client = client_for(editor_user)
    add_actions(diagnostic, workspace, 2)
    with CaptureQueriesContext(connection) as few:
        client.get(url("plan-export", diagnostic, format="csv"))
    add_actions(diagnostic, workspace, 6)
    with CaptureQueriesContext(connection) as many:
        client.get(url("plan-export", diagnostic, format="csv"))
    assert len(many) == len(few)
