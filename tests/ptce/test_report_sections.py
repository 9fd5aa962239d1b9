"""The sections ptce adds to the diagnostic report: the action plan and the PTCE summary."""

import json
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from actors.enums import ActorKind
from diagnostics.enums import Quadrant
from diagnostics.report.registry import report_sections
from essterritoire.reports.rendering import fingerprint, render_pdf
from ptce.enums import ActionStatus
from ptce.report.sections import (
    ACTION_PLAN_SECTION,
    PTCE_SECTION,
    collect_action_plan,
    collect_ptce,
    prepare_action_plan,
    prepare_ptce,
)
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import AfomItemFactory
from tests.ptce.factories import AnimationYearFactory, PtceFactory, eligible_members
from tests.ptce.factories_plans import (
    ActionFactory,
    ActionIndicatorFactory,
    AxisFactory,
    IndicatorValueFactory,
    ObjectiveFactory,
    full_action,
)

pytestmark = pytest.mark.django_db
OPTIONS = {"sections": ["action_plan", "ptce"], "anonymise": True, "annex": False}
NBSP = "\u00a0"


def render(section, data, diagnostic, today=None):
    prepared = section.prepare(data, OPTIONS, today) if today else section.prepare(data, OPTIONS)
    context = {"section": prepared, "diagnostic": diagnostic, "options": OPTIONS}
    return render_to_string(section.template, context | {"media": "print"})


@pytest.fixture
def plan(workspace):
    """A diagnostic with an axis answering two AFOM items, and two actions of one objective:
    one with a pilot, two partners, funding and an indicator; one due on 30/06/2026."""
    diagnostic = DiagnosticFactory(workspace=workspace)
    axis = AxisFactory(diagnostic=diagnostic, title="Structurer les filières vertes")
    axis.afom_items.add(
        AfomItemFactory(diagnostic=diagnostic, title="Un réseau de réemploi structuré"),
        AfomItemFactory(
            diagnostic=diagnostic, quadrant=Quadrant.MENACE, title="Baisse des subventions"
        ),
    )
    objective = ObjectiveFactory(axis=axis, title="Mutualiser les achats")
    pilot = ActorFactory(workspace=workspace, name="Ressourcerie du Pays d'Ancenis")
    action = full_action(objective=objective, title="Ouvrir une légumerie", pilot=pilot)
    action.budget = Decimal("40000.00")
    action.save()
    action.partners.add(
        ActorFactory(workspace=workspace, name="SCIC Paysans et cantines"),
        ActorFactory(workspace=workspace, name="Menuiserie du Val de Loire"),
    )
    ActionFactory(
        objective=objective,
        title="Publier un annuaire",
        pilot_is_collectivity=True,
        end=date(2026, 6, 30),
        status=ActionStatus.ONGOING,
    )
    return diagnostic


def test_both_sections_are_registered_in_the_report_order():
    sections = {section.key: section for section in report_sections()}
    assert sections["action_plan"] is ACTION_PLAN_SECTION and ACTION_PLAN_SECTION.order == 70
    assert sections["ptce"] is PTCE_SECTION and PTCE_SECTION.order == 90
    assert ACTION_PLAN_SECTION.label == "Plan d'action" and PTCE_SECTION.label == "PTCE"


def test_the_plan_data_are_json_with_names_not_ids(plan, workspace):
    data = collect_action_plan(plan)
    assert json.loads(json.dumps(data)) == data
    axis = data["axes"][0]
    assert [item["title"] for item in axis["afom"]] == [
        "Un réseau de réemploi structuré",
        "Baisse des subventions",
    ]
    first, second = axis["objectives"][0]["actions"]
    assert first["pilot"] == "Ressourcerie du Pays d'Ancenis"
    assert first["partners"] == ["Menuiserie du Val de Loire", "SCIC Paysans et cantines"]
    assert first["budget"] == "40000.00" and first["funded"] == "12500.00"
    assert first["indicators"][0]["latest"] == "4.00" and first["indicators"][0]["reached"]
    assert second["pilot"] == workspace.name
    assert "late" not in second


def test_a_diagnostic_without_axes_has_no_plan_section(workspace):
    assert collect_action_plan(DiagnosticFactory(workspace=workspace)) is None


def test_lateness_is_worked_out_at_rendering_not_collected(plan):
    data = collect_action_plan(plan)
    before = prepare_action_plan(data, OPTIONS, today=date(2026, 6, 1))
    after = prepare_action_plan(data, OPTIONS, today=date(2026, 7, 1))
    late = [[a["late"] for a in o["actions"]] for o in after["axes"][0]["objectives"]]
    assert late == [[False, True]] and after["summary"]["late"] == 1
    assert before["summary"]["late"] == 0
    assert fingerprint(collect_action_plan(plan)) == fingerprint(data)


def test_the_plan_template_shows_axes_actions_and_indicators(plan):
    html = render(ACTION_PLAN_SECTION, collect_action_plan(plan), plan, today=date(2026, 7, 1))
    assert '<section class="r-chapter r-plan" id="sec-action_plan">' in html
    assert "<h1>Plan d'action</h1>" in html
    assert "Axe 1&nbsp;: Structurer les filières vertes" in html
    assert "Un réseau de réemploi structuré" in html and "Baisse des subventions" in html
    assert "Objectif&nbsp;: Mutualiser les achats" in html
    assert "Ouvrir une légumerie" in html and "SCIC Paysans et cantines" in html
    assert "r-badge--late" in html and "en retard" in html
    assert f"40{chr(0x202F)}000{NBSP}€" in html
    assert 'style="width: 30%"' in html and f"30{NBSP}%" in html
    assert "4,0" not in html and f"4{NBSP}emplois au 30/09/2026 / cible 10{NBSP}emplois" in html
    assert 'scope="rowgroup"' in html and "<caption>" in html


def test_the_plan_reads_a_fixed_number_of_queries(plan, django_assert_max_num_queries):
    objective = ObjectiveFactory(axis=plan.plan_axes.get())
    for n in range(30):
        action = full_action(objective=objective, title=f"Action n°{n}")
        action.partners.add(ActorFactory(workspace=plan.workspace))
        indicator = ActionIndicatorFactory(action=action)
        IndicatorValueFactory(indicator=indicator, date=date(2026, 1, 1) + timedelta(days=n))
    with django_assert_max_num_queries(10):
        data = collect_action_plan(plan)
    assert sum(len(o["actions"]) for o in data["axes"][0]["objectives"]) == 32


def test_no_ptce_section_without_a_linked_pole(plan, workspace):
    PtceFactory(workspace=workspace)  # not linked to the diagnostic
    assert collect_ptce(plan) is None


def test_the_ptce_section_summarises_each_linked_pole(plan, workspace):
    ptce = PtceFactory(workspace=workspace, name="PTCE des filières vertes")
    ptce.diagnostics.add(plan)
    eligible_members(ptce)
    AnimationYearFactory(ptce=ptce, year=2025)
    lacking = PtceFactory(workspace=workspace, name="PTCE en émergence")
    lacking.diagnostics.add(plan)
    data = collect_ptce(plan)
    assert json.loads(json.dumps(data)) == data
    prepared = prepare_ptce(data, OPTIONS)
    assert [pole["name"] for pole in prepared["poles"]] == [
        "PTCE des filières vertes",
        "PTCE en émergence",
    ]
    html = render(PTCE_SECTION, data, plan)
    assert '<section class="r-chapter r-ptce-section" id="sec-ptce">' in html
    assert "<h1>PTCE</h1>" in html and html.count("<h2 ") == 2
    assert "Éligible au sens du décret" in html and "Non éligible au sens du décret" in html
    assert "Au moins une entreprise hors ESS." in html
    assert f"150{chr(0x202F)}000{NBSP}€" in html


def test_the_diagnostic_report_contains_both_sections(plan, workspace, tmp_path):
    ptce = PtceFactory(workspace=workspace, name="PTCE des filières vertes")
    ptce.diagnostics.add(plan)
    company = ActorFactory(workspace=workspace, kind=ActorKind.ENTREPRISE)
    ptce.members.create(actor=company, member_type="entreprise")  # alone: not eligible
    rendered = render_pdf("diagnostic", plan, {"sections": ["action_plan", "ptce"]})
    path = tmp_path / "report.pdf"
    path.write_bytes(rendered.pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    text = " ".join(text.stdout.decode().replace(NBSP, " ").split())
    assert "Plan d'action" in text and "PTCE" in text
    assert "Structurer les filières vertes" in text and "Ouvrir une légumerie" in text
    assert "PTCE des filières vertes" in text and "Non éligible au sens du décret" in text


def test_actions_key_figure_counts_the_plan_in_one_query(plan, django_assert_num_queries):
    from diagnostics.report.registry import key_figures
    from ptce.models import Action
    from ptce.report.figures import ACTIONS_FIGURE

    assert ACTIONS_FIGURE in key_figures()
    Action.objects.filter(objective__axis__diagnostic=plan).update(status=ActionStatus.ONGOING)
    ActionFactory(
        objective=ObjectiveFactory(axis=AxisFactory(diagnostic=plan)), status=ActionStatus.DONE
    )
    with django_assert_num_queries(1):
        figure = ACTIONS_FIGURE.collect(plan)
    assert figure == {"value": 3, "note": "dont 1 réalisée(s) et 2 en cours"}


def test_actions_key_figure_absent_without_plan(workspace):
    from ptce.report.figures import ACTIONS_FIGURE

    assert ACTIONS_FIGURE.collect(DiagnosticFactory(workspace=workspace)) is None
