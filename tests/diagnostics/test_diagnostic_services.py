"""diagnostic_create / update / delete, the built-in CRESS template and month arithmetic."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from diagnostics import services
from diagnostics.dates import add_months, lay_end_to_end, months_between
from diagnostics.enums import DiagnosticStatus, HistoryAction, PhaseStatus
from diagnostics.models import Diagnostic, HistoryEntry, MethodTemplate, Phase
from essterritoire.accounts.models import Activity
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import (
    CRESS_SEED,
    DiagnosticFactory,
    MethodTemplateFactory,
    TerritoryFactory,
    cress_method,
)

pytestmark = pytest.mark.django_db


def planned(diagnostic):
    return [
        (p.number, p.planned_start, p.planned_end) for p in diagnostic.phases.order_by("number")
    ]


def test_the_migration_seeds_the_cress_method_with_its_four_phases():
    template = MethodTemplate.objects.get(workspace=None, name=CRESS_SEED.NAME)
    phases = list(template.phases.order_by("number"))
    assert [(p.number, p.name, p.duration_months) for p in phases] == [
        (1, "Caractérisation", 6),
        (2, "Échange et réflexion prospective", 3),
        (3, "Formalisation et diffusion", 3),
        (4, "Consolidation et structuration", 24),
    ]
    assert all(p.expected_results and p.deliverables for p in phases)
    assert "Plan d'actions co-construit avec les acteurs" in phases[1].deliverables


def test_the_seed_can_run_twice_without_duplicates():
    from django.apps import apps

    CRESS_SEED.seed(apps, None)
    assert MethodTemplate.objects.filter(workspace=None, name=CRESS_SEED.NAME).count() == 1
    assert cress_method().phases.count() == 4


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 15), 6, date(2026, 7, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 24, date(2028, 12, 15)),
    ],
)
def test_add_months_counts_calendar_months(day, months, expected):
    assert add_months(day, months) == expected


def test_periods_are_computed_from_the_start_so_month_ends_do_not_drift():
    assert lay_end_to_end(date(2026, 1, 31), [1, 1, 1]) == [
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2026, 2, 28), date(2026, 3, 31)),
        (date(2026, 3, 31), date(2026, 4, 30)),
    ]


def test_months_between_rounds_to_the_nearest_month():
    assert months_between(date(2026, 1, 15), date(2026, 7, 15)) == 6
    assert months_between(date(2026, 1, 31), date(2026, 2, 28)) == 1
    assert months_between(date(2026, 1, 15), date(2026, 1, 20)) == 1


def test_phases_are_laid_end_to_end_from_the_start_date(workspace):
    diagnostic = DiagnosticFactory(workspace=workspace, start_date=date(2026, 1, 15))
    assert planned(diagnostic) == [
        (1, date(2026, 1, 15), date(2026, 7, 15)),
        (2, date(2026, 7, 15), date(2026, 10, 15)),
        (3, date(2026, 10, 15), date(2027, 1, 15)),
        (4, date(2027, 1, 15), date(2029, 1, 15)),
    ]


def test_phases_copy_the_template_results_and_deliverables(workspace):
    diagnostic = DiagnosticFactory(workspace=workspace)
    phase = diagnostic.phases.get(number=1)
    template = cress_method().phases.get(number=1)
    assert phase.expected_results == template.expected_results
    assert list(phase.deliverables.values_list("label", flat=True)) == template.deliverables


def test_a_started_diagnostic_has_its_first_phase_under_way(workspace, editor_user):
    diagnostic = DiagnosticFactory(
        workspace=workspace, start_date=date(2026, 1, 15), by=editor_user
    )
    first = diagnostic.phases.get(number=1)
    assert (first.status, first.actual_start) == (PhaseStatus.ONGOING, date(2026, 1, 15))
    assert diagnostic.status == DiagnosticStatus.ONGOING
    assert diagnostic.created_by == editor_user
    assert diagnostic.phases.filter(status=PhaseStatus.UPCOMING).count() == 3


def test_a_diagnostic_starting_later_waits_in_preparation(workspace):
    diagnostic = services.diagnostic_create(
        workspace=workspace,
        by=None,
        title="Diagnostic 2027",
        territory=TerritoryFactory(),
        start_date=date(2027, 3, 1),
        method=cress_method(),
        today=date(2026, 11, 23),
    )
    assert diagnostic.status == DiagnosticStatus.PREPARATION
    assert not diagnostic.phases.exclude(status=PhaseStatus.UPCOMING).exists()


def test_a_workspace_template_gives_its_own_phases(workspace):
    method = MethodTemplateFactory(workspace=workspace, phases=(2, 4))
    diagnostic = DiagnosticFactory(workspace=workspace, method=method, start_date=date(2026, 3, 1))
    assert planned(diagnostic) == [
        (1, date(2026, 3, 1), date(2026, 5, 1)),
        (2, date(2026, 5, 1), date(2026, 9, 1)),
    ]


def test_a_template_without_phases_is_refused_and_nothing_is_written(workspace):
    empty = MethodTemplate.objects.create(workspace=workspace, name="Vide")
    with pytest.raises(ValidationError, match="aucune phase"):
        DiagnosticFactory(workspace=workspace, method=empty)
    assert not Diagnostic.objects.exists()


def test_creation_is_recorded_in_history_and_recent_changes(workspace, editor_user):
    diagnostic = DiagnosticFactory(workspace=workspace, by=editor_user)
    entry = HistoryEntry.objects.get(diagnostic=diagnostic)
    assert (entry.action, entry.object_type, entry.user) == (
        HistoryAction.CREATED,
        "diagnostic",
        editor_user,
    )
    assert Activity.objects.filter(workspace=workspace, verb="a créé le diagnostic").exists()


def test_update_records_the_changed_fields(workspace, editor_user):
    diagnostic = DiagnosticFactory(workspace=workspace, title="Avant")
    actor = ActorFactory(workspace=workspace)
    services.diagnostic_update(
        diagnostic=diagnostic,
        by=editor_user,
        title="Après",
        status=DiagnosticStatus.ARCHIVED,
        steering_actors=[actor],
    )
    entry = diagnostic.history.filter(action=HistoryAction.CHANGED).get()
    assert entry.changes == {"title": ["Avant", "Après"], "status": ["En cours", "Archivé"]}
    assert list(diagnostic.steering_actors.all()) == [actor]


def test_update_refuses_unknown_fields(workspace):
    diagnostic = DiagnosticFactory(workspace=workspace)
    with pytest.raises(TypeError):
        services.diagnostic_update(diagnostic=diagnostic, by=None, workspace_id=3)


def test_a_new_start_date_lays_the_planned_dates_again(workspace):
    diagnostic = DiagnosticFactory(workspace=workspace, start_date=date(2026, 1, 15))
    services.diagnostic_update(diagnostic=diagnostic, by=None, start_date=date(2026, 2, 1))
    assert planned(diagnostic)[0] == (1, date(2026, 2, 1), date(2026, 8, 1))
    assert planned(diagnostic)[3] == (4, date(2027, 2, 1), date(2029, 2, 1))
    # Actual dates are facts: they stay.
    assert diagnostic.phases.get(number=1).actual_start == date(2026, 1, 15)


def test_delete_removes_the_diagnostic_and_its_phases(workspace, admin_user):
    diagnostic = DiagnosticFactory(workspace=workspace)
    services.diagnostic_delete(diagnostic=diagnostic, by=admin_user)
    assert not Diagnostic.objects.exists()
    assert not Phase.objects.exists()
    assert Activity.objects.filter(verb="a supprimé le diagnostic").exists()
