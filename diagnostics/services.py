"""Writes on diagnostics, their phases, deliverables, comparison territories and method
templates. Each is atomic and HTTP-free, records the diagnostic's history and the workspace's
recent changes; a refused write raises ValidationError with a French message and changes
nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from diagnostics.dates import lay_end_to_end, months_between
from diagnostics.enums import DiagnosticStatus, HistoryAction, PhaseStatus
from diagnostics.history import history_record, history_record_change, state_of
from diagnostics.models import (
    ComparisonTerritory,
    Deliverable,
    Diagnostic,
    MethodTemplate,
    Phase,
    PhaseTemplate,
)
from diagnostics.suggestions import Suggestion, suggest_comparisons
from essterritoire.accounts.services import activity_record

# The suggestions are a read (diagnostics/suggestions.py), offered here beside the writes
# they feed (`comparison_add`).
__all__ = ["Suggestion", "suggest_comparisons"]

DIAGNOSTIC_FIELDS = {
    "title",
    "territory",
    "start_date",
    "description",
    "status",
    "steering_people",
}


def _activity(diagnostic, by, verb, target=None):
    activity_record(
        workspace=diagnostic.workspace,
        user=by,
        verb=verb,
        target=target or diagnostic.title,
        url=diagnostic.get_absolute_url(),
    )


# Diagnostics


@transaction.atomic
def diagnostic_create(
    *,
    workspace,
    by,
    title,
    territory,
    start_date,
    method,
    description="",
    steering_actors=(),
    steering_people="",
    today=None,
):
    """A diagnostic with the phases of `method` laid end to end from `start_date`.

    When the start date has come, phase 1 is under way from that date."""
    phase_templates = list(method.phases.order_by("number"))
    if not phase_templates:
        raise ValidationError(f"Le modèle «\u00a0{method.name}\u00a0» n'a aucune phase.")
    diagnostic = Diagnostic.objects.create(
        workspace=workspace,
        title=title,
        territory=territory,
        start_date=start_date,
        method=method,
        description=description,
        steering_people=steering_people,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    diagnostic.steering_actors.set(steering_actors)
    _create_phases(diagnostic, phase_templates)
    if start_date <= (today or timezone.localdate()):
        _start_first_phase(diagnostic, start_date)
    history_record(diagnostic, by, HistoryAction.CREATED, diagnostic)
    _activity(diagnostic, by, "a créé le diagnostic")
    return diagnostic


def _create_phases(diagnostic, phase_templates):
    periods = lay_end_to_end(diagnostic.start_date, [t.duration_months for t in phase_templates])
    for template, (start, end) in zip(phase_templates, periods, strict=True):
        phase = Phase.objects.create(
            diagnostic=diagnostic,
            number=template.number,
            name=template.name,
            expected_results=template.expected_results,
            planned_start=start,
            planned_end=end,
        )
        Deliverable.objects.bulk_create(
            Deliverable(phase=phase, label=label[:255], order=order)
            for order, label in enumerate(template.deliverables or [])
        )


def _start_first_phase(diagnostic, start_date):
    first = diagnostic.phases.order_by("number").first()
    first.status, first.actual_start = PhaseStatus.ONGOING, start_date
    first.save(update_fields=["status", "actual_start"])
    diagnostic.status = DiagnosticStatus.ONGOING
    diagnostic.save(update_fields=["status"])


@transaction.atomic
def diagnostic_update(*, diagnostic, by, steering_actors=None, **fields):
    """Change the diagnostic's fields (see DIAGNOSTIC_FIELDS) and its steering committee.

    A new start date lays the planned dates of the phases again from it, each phase keeping
    its length in months; actual dates are facts and stay."""
    unknown = set(fields) - DIAGNOSTIC_FIELDS
    if unknown:
        raise TypeError(f"Champs inattendus\u00a0: {', '.join(sorted(unknown))}")
    before = state_of(diagnostic)
    old_start = diagnostic.start_date
    for name, value in fields.items():
        setattr(diagnostic, name, value)
    diagnostic.save()
    if steering_actors is not None:
        diagnostic.steering_actors.set(steering_actors)
    if diagnostic.start_date != old_start:
        _relay_phases(diagnostic, by)
    history_record_change(diagnostic, by, diagnostic, before)
    _activity(diagnostic, by, "a modifié le diagnostic")
    return diagnostic


def _relay_phases(diagnostic, by):
    phases = list(diagnostic.phases.order_by("number"))
    durations = [months_between(p.planned_start, p.planned_end) for p in phases]
    for phase, (start, end) in zip(
        phases, lay_end_to_end(diagnostic.start_date, durations), strict=True
    ):
        before = state_of(phase)
        phase.planned_start, phase.planned_end = start, end
        phase.save(update_fields=["planned_start", "planned_end"])
        history_record_change(diagnostic, by, phase, before)


@transaction.atomic
def diagnostic_delete(*, diagnostic, by):
    """Delete the diagnostic with its phases, interviews, AFOM matrix and history."""
    workspace, title = diagnostic.workspace, diagnostic.title
    diagnostic.delete()
    activity_record(workspace=workspace, user=by, verb="a supprimé le diagnostic", target=title)


# Comparison territories


@transaction.atomic
def comparison_add(*, diagnostic, territory, by, reason=""):
    """Compare the diagnostic with `territory`; `reason` says why it was chosen."""
    if territory.pk == diagnostic.territory_id:
        raise ValidationError("Un territoire ne se compare pas à lui-même.")
    if diagnostic.comparisons.filter(territory=territory).exists():
        raise ValidationError(f"{territory.name} est déjà un territoire de comparaison.")
    comparison = ComparisonTerritory.objects.create(
        diagnostic=diagnostic, territory=territory, reason=(reason or "").strip()[:255]
    )
    history_record(diagnostic, by, HistoryAction.CREATED, comparison)
    return comparison


@transaction.atomic
def comparison_remove(*, comparison, by):
    history_record(comparison.diagnostic, by, HistoryAction.DELETED, comparison)
    comparison.delete()


# Phases and deliverables


def _check_dates(start, end, which):
    if start and end and end < start:
        raise ValidationError(f"La fin {which}e précède le début {which}.")


@transaction.atomic
def phase_update(*, phase, by, planned_start, planned_end, actual_start, actual_end, notes):
    """Change a phase's dates and notes; its status moves only with `phase_advance`."""
    _check_dates(planned_start, planned_end, "prévu")
    _check_dates(actual_start, actual_end, "réel")
    before = state_of(phase)
    phase.planned_start, phase.planned_end = planned_start, planned_end
    phase.actual_start, phase.actual_end = actual_start, actual_end
    phase.notes = notes
    phase.save()
    history_record_change(phase.diagnostic, by, phase, before)
    return phase


@transaction.atomic
def deliverable_toggle(*, deliverable, by):
    """Check or uncheck a deliverable."""
    before = state_of(deliverable)
    deliverable.done = not deliverable.done
    deliverable.save(update_fields=["done"])
    history_record_change(deliverable.phase.diagnostic, by, deliverable, before)
    return deliverable


@transaction.atomic
def deliverable_add(*, phase, label, by):
    label = " ".join((label or "").split())
    if not label:
        raise ValidationError("Indiquez l'intitulé du livrable.")
    last = phase.deliverables.order_by("-order").values_list("order", flat=True).first()
    order = 0 if last is None else last + 1
    deliverable = Deliverable.objects.create(phase=phase, label=label[:255], order=order)
    history_record(phase.diagnostic, by, HistoryAction.CREATED, deliverable)
    return deliverable


@transaction.atomic
def deliverable_delete(*, deliverable, by):
    history_record(deliverable.phase.diagnostic, by, HistoryAction.DELETED, deliverable)
    deliverable.delete()


@transaction.atomic
def phase_advance(*, diagnostic, by, override_reason=None, today=None):
    """Close the phase in progress and start the next one; returns the phase started (None
    after the last).

    Closing needs every deliverable of the phase checked, or an override reason, which is
    recorded on the phase with who gave it and when."""
    today = today or timezone.localdate()
    phases = list(
        Phase.objects.select_for_update().filter(diagnostic=diagnostic).order_by("number")
    )
    current = next((p for p in phases if p.status == PhaseStatus.ONGOING), None)
    following = next((p for p in phases if p.status == PhaseStatus.UPCOMING), None)
    if current is None and following is None:
        raise ValidationError("Toutes les phases de ce diagnostic sont terminées.")
    if current is not None:
        _close_phase(current, by, (override_reason or "").strip(), today)
    if following is not None:
        _open_phase(following, by, today)
    _set_progress_status(diagnostic, by, finished=following is None)
    _activity(diagnostic, by, _advance_verb(current, following))
    return following


def _close_phase(phase, by, reason, today):
    missing = phase.deliverables.filter(done=False).count()
    if missing and not reason:
        raise ValidationError(
            f"{_deliverables_phrase(missing)} dans la phase {phase.number}\u00a0: cochez-les, "
            "ou indiquez le motif du passage à la phase suivante."
        )
    before = state_of(phase)
    if missing:
        phase.override_reason, phase.override_by, phase.override_at = reason, by, timezone.now()
    phase.status = PhaseStatus.DONE
    phase.actual_end = max(today, phase.actual_start or today)
    phase.save()
    history_record_change(phase.diagnostic, by, phase, before)


def _deliverables_phrase(count):
    if count == 1:
        return "1 livrable n'est pas coché"
    return f"{count} livrables ne sont pas cochés"


def _open_phase(phase, by, today):
    before = state_of(phase)
    phase.status = PhaseStatus.ONGOING
    phase.actual_start = phase.actual_start or today
    phase.save(update_fields=["status", "actual_start"])
    history_record_change(phase.diagnostic, by, phase, before)


def _set_progress_status(diagnostic, by, finished):
    if diagnostic.status == DiagnosticStatus.ARCHIVED:
        return
    before = state_of(diagnostic)
    diagnostic.status = DiagnosticStatus.DONE if finished else DiagnosticStatus.ONGOING
    diagnostic.save(update_fields=["status", "updated_at"])
    history_record_change(diagnostic, by, diagnostic, before)


def _advance_verb(closed, opened):
    if opened is None:
        return f"a terminé la phase {closed.number} du diagnostic"
    return f"a démarré la phase {opened.number} du diagnostic"


# Method templates


@transaction.atomic
def method_template_copy(*, template, workspace, by):
    """A copy of `template` (built-in or not) owned by `workspace`, ready to be adapted."""
    copy = MethodTemplate.objects.create(
        workspace=workspace,
        name=f"{template.name} (copie)"[:200],
        description=template.description,
    )
    PhaseTemplate.objects.bulk_create(
        PhaseTemplate(
            template=copy,
            number=phase.number,
            name=phase.name,
            expected_results=phase.expected_results,
            duration_months=phase.duration_months,
            deliverables=list(phase.deliverables or []),
        )
        for phase in template.phases.order_by("number")
    )
    activity_record(
        workspace=workspace, user=by, verb="a copié le modèle de méthode", target=template.name
    )
    return copy


@transaction.atomic
def method_template_update(*, template, by, name, description, phases):
    """Replace the template's name, description and phases; `phases` is the ordered list of
    {name, expected_results, duration_months, deliverables (list of labels)}. Diagnostics
    already created keep their own phases."""
    if not phases:
        raise ValidationError("Un modèle de méthode compte au moins une phase.")
    template.name, template.description = name, description
    template.save()
    template.phases.all().delete()
    PhaseTemplate.objects.bulk_create(
        PhaseTemplate(template=template, number=number, **phase)
        for number, phase in enumerate(phases, start=1)
    )
    activity_record(
        workspace=template.workspace, user=by, verb="a modifié le modèle de méthode", target=name
    )
    return template


@transaction.atomic
def method_template_delete(*, template, by):
    """Delete a workspace's template; diagnostics made from it keep their phases."""
    workspace, name = template.workspace, template.name
    template.delete()
    activity_record(
        workspace=workspace, user=by, verb="a supprimé le modèle de méthode", target=name
    )
