"""Phases of a diagnostic: edit dates and notes, the deliverables checklist (htmx), and the
move to the next phase."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from diagnostics import services
from diagnostics.forms import DeliverableForm, PhaseAdvanceForm, PhaseForm, posted
from diagnostics.models import Deliverable, Diagnostic, Phase
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import with_object

PHASES = Phase.objects.select_related("diagnostic__workspace")
DELIVERABLES = Deliverable.objects.select_related("phase__diagnostic__workspace")
PHASE_FIELDS = ("planned_start", "planned_end", "actual_start", "actual_end", "notes")


@with_object(PHASES, Action.CHANGE, pk="pk")
def phase_edit(request, phase):
    """Dates, notes and deliverables of a phase."""
    initial = {name: getattr(phase, name) for name in PHASE_FIELDS}
    form = PhaseForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.phase_update(phase=phase, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{phase} enregistrée.")
            return redirect(phase.diagnostic.get_absolute_url() + "#phases")
    context = {
        "form": form,
        "phase": phase,
        "diagnostic": phase.diagnostic,
        "deliverables": phase.deliverables.all(),
        "deliverable_form": DeliverableForm(),
        "can_change": True,
    }
    return render(request, "diagnostics/phase_form.html", context)


@with_object(DELIVERABLES, Action.CHANGE, pk="pk")
@require_POST
def deliverable_toggle(request, deliverable):
    """Check or uncheck; htmx gets the item back, a plain form goes back to the page."""
    services.deliverable_toggle(deliverable=deliverable, by=request.user)
    if request.htmx:
        context = {
            "deliverable": deliverable,
            "can_change": True,
            "next_url": _back(request, deliverable.phase),
            "removable": request.POST.get("removable") == "1",
        }
        return render(request, "diagnostics/_deliverables.html#deliverable", context)
    return redirect(_back(request, deliverable.phase))


def _back(request, phase):
    """The page the checklist was on (`next`, when it is a page of this site)."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return phase.diagnostic.get_absolute_url() + "#phase-en-cours"


@with_object(PHASES, Action.CHANGE, pk="pk")
@require_POST
def deliverable_add(request, phase):
    form = DeliverableForm(request.POST)
    if form.is_valid():
        services.deliverable_add(phase=phase, label=form.cleaned_data["label"], by=request.user)
        messages.success(request, f"Livrable ajouté à la phase {phase.number}.")
    else:
        messages.error(request, " ".join(form.errors["label"]))
    return redirect("diagnostics:phase-edit", phase.pk)


@with_object(DELIVERABLES, Action.DELETE, pk="pk")
@require_POST
def deliverable_delete(request, deliverable):
    phase = deliverable.phase
    services.deliverable_delete(deliverable=deliverable, by=request.user)
    messages.success(request, f"Livrable «\u00a0{deliverable.label}\u00a0» retiré.")
    return redirect("diagnostics:phase-edit", phase.pk)


@with_object(Diagnostic.objects.prefetch_related("phases__deliverables"), Action.CHANGE, pk="pk")
def phase_advance(request, diagnostic):
    """Close the current phase and open the next one. Unchecked deliverables are listed; the
    move then needs a reason, recorded on the phase."""
    phases = sorted(diagnostic.phases.all(), key=lambda phase: phase.number)
    current, following = diagnostic.current_phase(), diagnostic.next_phase()
    if current is None and following is None:
        messages.info(request, "Toutes les phases de ce diagnostic sont terminées.")
        return redirect(diagnostic)
    missing = [d for d in current.deliverables.all() if not d.done] if current else []
    form = PhaseAdvanceForm(posted(request), missing=len(missing))
    if request.method == "POST" and form.is_valid():
        try:
            started = services.phase_advance(
                diagnostic=diagnostic,
                by=request.user,
                override_reason=form.cleaned_data.get("override_reason"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _advanced_message(current, started))
            return redirect(diagnostic)
    context = {
        "diagnostic": diagnostic,
        "phases": phases,
        "current": current,
        "following": following,
        "missing": missing,
        "form": form,
    }
    return render(request, "diagnostics/phase_advance.html", context)


def _advanced_message(closed, started):
    if started is None:
        return f"{closed} terminée\u00a0: toutes les phases sont terminées."
    if closed is None:
        return f"{started} démarrée."
    return f"{closed} terminée, {started} démarrée."
