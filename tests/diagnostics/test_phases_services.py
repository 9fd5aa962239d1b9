"""phase_advance, phase_update, deliverables, and the late flag."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from diagnostics import services
from diagnostics.enums import DiagnosticStatus, HistoryAction, PhaseStatus
from diagnostics.models import Deliverable, Phase
from tests.diagnostics.factories import (
    DeliverableFactory,
    DiagnosticFactory,
    PhaseFactory,
    TerritoryFactory,
    cress_method,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 8, 1)


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace, start_date=date(2026, 1, 15))


def phase(diagnostic, number):
    return diagnostic.phases.get(number=number)


def check_all(phase):
    phase.deliverables.update(done=True)


def test_advance_is_refused_while_deliverables_are_unchecked(diagnostic, editor_user):
    with pytest.raises(ValidationError) as error:
        services.phase_advance(diagnostic=diagnostic, by=editor_user, today=TODAY)
    assert (
        "6 livrables ne sont pas cochés dans la phase 1\u00a0: cochez-les"
        in error.value.messages[0]
    )
    assert phase(diagnostic, 1).status == PhaseStatus.ONGOING
    assert phase(diagnostic, 2).status == PhaseStatus.UPCOMING


def test_a_blank_reason_is_no_reason(diagnostic, editor_user):
    with pytest.raises(ValidationError):
        services.phase_advance(diagnostic=diagnostic, by=editor_user, override_reason="  \n ")


def test_advance_with_every_deliverable_checked(diagnostic, editor_user):
    check_all(phase(diagnostic, 1))
    started = services.phase_advance(diagnostic=diagnostic, by=editor_user, today=TODAY)
    first, second = phase(diagnostic, 1), phase(diagnostic, 2)
    assert started == second
    assert (first.status, first.actual_end, first.override_reason) == (
        PhaseStatus.DONE,
        TODAY,
        "",
    )
    assert (second.status, second.actual_start) == (PhaseStatus.ONGOING, TODAY)


def test_an_override_reason_is_recorded_on_the_phase(diagnostic, editor_user):
    services.phase_advance(
        diagnostic=diagnostic,
        by=editor_user,
        override_reason="L'enquête sera close en phase 2.",
        today=TODAY,
    )
    first = phase(diagnostic, 1)
    assert first.status == PhaseStatus.DONE
    assert first.override_reason == "L'enquête sera close en phase 2."
    assert first.override_by == editor_user
    assert first.override_at is not None
    assert phase(diagnostic, 2).status == PhaseStatus.ONGOING


def test_advance_is_recorded_in_history(diagnostic, editor_user):
    check_all(phase(diagnostic, 1))
    services.phase_advance(diagnostic=diagnostic, by=editor_user, today=TODAY)
    entries = diagnostic.history.filter(action=HistoryAction.CHANGED, object_type="phase")
    changes = {entry.object_id: entry.changes for entry in entries}
    assert changes[phase(diagnostic, 1).pk]["status"] == ["En cours", "Terminée"]
    assert changes[phase(diagnostic, 2).pk]["actual_start"] == ["", "01/08/2026"]


def test_closing_the_last_phase_ends_the_diagnostic(diagnostic, editor_user):
    for _ in range(4):
        services.phase_advance(
            diagnostic=diagnostic, by=editor_user, override_reason="Accéléré", today=TODAY
        )
    diagnostic.refresh_from_db()
    assert diagnostic.status == DiagnosticStatus.DONE
    assert set(diagnostic.phases.values_list("status", flat=True)) == {PhaseStatus.DONE}
    with pytest.raises(ValidationError, match="sont terminées"):
        services.phase_advance(diagnostic=diagnostic, by=editor_user, override_reason="x")


def test_advance_starts_a_diagnostic_that_has_not_begun(workspace, editor_user):
    diagnostic = services.diagnostic_create(
        workspace=workspace,
        by=editor_user,
        title="Plus tard",
        territory=TerritoryFactory(),
        start_date=date(2027, 1, 1),
        method=cress_method(),
        today=TODAY,
    )
    started = services.phase_advance(diagnostic=diagnostic, by=editor_user, today=TODAY)
    assert (started.number, started.actual_start) == (1, TODAY)
    diagnostic.refresh_from_db()
    assert diagnostic.status == DiagnosticStatus.ONGOING


def test_an_archived_diagnostic_keeps_its_status(diagnostic, editor_user):
    services.diagnostic_update(diagnostic=diagnostic, by=editor_user, status="archived")
    services.phase_advance(diagnostic=diagnostic, by=editor_user, override_reason="x")
    diagnostic.refresh_from_db()
    assert diagnostic.status == DiagnosticStatus.ARCHIVED


def test_phase_update_changes_dates_and_notes(diagnostic, editor_user):
    first = phase(diagnostic, 1)
    services.phase_update(
        phase=first,
        by=editor_user,
        planned_start=date(2026, 1, 15),
        planned_end=date(2026, 9, 15),
        actual_start=date(2026, 2, 1),
        actual_end=None,
        notes="Démarrage retardé par les élections.",
    )
    first.refresh_from_db()
    assert (first.planned_end, first.actual_start) == (date(2026, 9, 15), date(2026, 2, 1))
    entry = diagnostic.history.get(object_type="phase", action=HistoryAction.CHANGED)
    assert entry.changes["planned_end"] == ["15/07/2026", "15/09/2026"]


def test_phase_update_refuses_an_end_before_the_start(diagnostic, editor_user):
    first = phase(diagnostic, 1)
    with pytest.raises(ValidationError, match="La fin prévue précède le début prévu"):
        services.phase_update(
            phase=first,
            by=editor_user,
            planned_start=date(2026, 5, 1),
            planned_end=date(2026, 4, 1),
            actual_start=None,
            actual_end=None,
            notes="",
        )
    first.refresh_from_db()
    assert first.planned_start == date(2026, 1, 15)


def test_toggle_checks_then_unchecks_a_deliverable(diagnostic, editor_user):
    deliverable = phase(diagnostic, 1).deliverables.first()
    services.deliverable_toggle(deliverable=deliverable, by=editor_user)
    assert Deliverable.objects.get(pk=deliverable.pk).done
    services.deliverable_toggle(deliverable=deliverable, by=editor_user)
    assert not Deliverable.objects.get(pk=deliverable.pk).done
    assert diagnostic.history.filter(object_type="deliverable").count() == 2


def test_deliverable_add_puts_it_last(diagnostic, editor_user):
    first = phase(diagnostic, 1)
    added = services.deliverable_add(phase=first, label="  Carte   des acteurs ", by=editor_user)
    assert added.label == "Carte des acteurs"
    assert list(first.deliverables.all())[-1] == added
    with pytest.raises(ValidationError, match="intitulé"):
        services.deliverable_add(phase=first, label="   ", by=editor_user)


def test_a_phase_without_deliverables_closes_without_reason(diagnostic, editor_user):
    phase(diagnostic, 1).deliverables.all().delete()
    services.phase_advance(diagnostic=diagnostic, by=editor_user, today=TODAY)
    assert phase(diagnostic, 1).status == PhaseStatus.DONE


def test_an_added_phase_follows_the_last_one(diagnostic, editor_user):
    extra = PhaseFactory(diagnostic=diagnostic)
    DeliverableFactory(phase=extra)
    assert extra.number == 5
    for _ in range(5):
        services.phase_advance(diagnostic=diagnostic, by=editor_user, override_reason="x")
    assert Phase.objects.get(pk=extra.pk).status == PhaseStatus.DONE


class TestLateFlag:
    def make(self, **fields):
        values = {
            "number": 1,
            "name": "Caractérisation",
            "planned_start": date(2026, 1, 15),
            "planned_end": date(2026, 7, 15),
            "status": PhaseStatus.ONGOING,
            "actual_start": date(2026, 1, 15),
        }
        return Phase(**{**values, **fields})

    def test_an_ongoing_phase_past_its_planned_end_is_late(self):
        phase = self.make()
        assert phase.is_late(date(2026, 7, 16))
        assert phase.late_reason(date(2026, 7, 16)) == "fin prévue dépassée"
        assert not phase.is_late(date(2026, 7, 15))

    def test_an_upcoming_phase_past_its_planned_end_is_late(self):
        assert self.make(status=PhaseStatus.UPCOMING, actual_start=None).is_late(date(2026, 8, 1))

    def test_a_phase_done_after_its_planned_end_stays_late(self):
        phase = self.make(status=PhaseStatus.DONE, actual_end=date(2026, 8, 1))
        assert phase.late_reason(date(2027, 1, 1)) == "terminée après la fin prévue"

    def test_a_phase_done_in_time_is_not_late(self):
        phase = self.make(status=PhaseStatus.DONE, actual_end=date(2026, 7, 1))
        assert not phase.is_late(date(2027, 1, 1))
