"""Prioritisation workshops of phase 2: participants share points among the AFOM items, and
the ranking sums them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from diagnostics import selectors
from diagnostics import services_afom as services
from diagnostics.forms_afom import VoteGridForm, WorkshopForm
from diagnostics.models import Diagnostic, Workshop
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object

WORKSHOPS = Workshop.objects.select_related("diagnostic__workspace")


@with_object(Diagnostic, Action.VIEW, pk="pk")
def workshop_list(request, diagnostic):
    workshops = diagnostic.workshops.annotate(
        participant_count=Count("votes__participant", distinct=True)
    ).order_by("-date", "-pk")
    context = {
        "diagnostic": diagnostic,
        "workshops": workshops,
        "can_change": can(request.user, diagnostic.workspace_id, Action.CHANGE),
    }
    return render(request, "diagnostics/afom/workshop_list.html", context)


@with_object(Diagnostic, Action.CHANGE, pk="pk")
def workshop_create(request, diagnostic):
    initial = {"date": timezone.localdate(), "title": "Atelier de priorisation"}
    form = WorkshopForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        workshop = services.workshop_create(diagnostic=diagnostic, data=form.cleaned_data)
        messages.success(
            request, f"Atelier «\u00a0{workshop.title}\u00a0» créé\u00a0: saisissez les points."
        )
        return redirect("diagnostics:workshop-detail", workshop.pk)
    context = {"diagnostic": diagnostic, "form": form}
    return render(request, "diagnostics/afom/workshop_form.html", context)


@with_object(WORKSHOPS, Action.VIEW, pk="pk")
def workshop_detail(request, workshop):
    """The ranking, the participants' totals and, for editors, the grid of points."""
    return _render_workshop(request, workshop)


def _render_workshop(request, workshop, grid_form=None):
    diagnostic = workshop.diagnostic
    can_change = can(request.user, diagnostic.workspace_id, Action.CHANGE)
    ranking = _with_ranks(selectors.workshop_ranking(workshop))
    if can_change and grid_form is None:
        grid = selectors.workshop_grid(workshop)
        items = diagnostic.afom_items.alive().in_reading_order()
        grid_form = VoteGridForm(workshop=workshop, items=items, grid=grid)
    context = {
        "diagnostic": diagnostic,
        "workshop": workshop,
        "ranking": ranking,
        "participants": selectors.workshop_participants(workshop),
        "grid_form": grid_form if can_change else None,
        "can_delete": can(request.user, diagnostic.workspace_id, Action.DELETE),
    }
    return render(request, "diagnostics/afom/workshop_detail.html", context)


def _with_ranks(ranking):
    """Set `rank` on each item; equal totals share a rank (1, 2, 2, 4)."""
    items = list(ranking)
    for index, item in enumerate(items):
        tied = index and item.total == items[index - 1].total
        item.rank = items[index - 1].rank if tied else index + 1
    return items


@with_object(WORKSHOPS, Action.CHANGE, pk="pk")
@require_POST
def workshop_votes(request, workshop):
    """Record the grid; a participant over the points limit is refused with the reason, and
    nothing is written."""
    items = workshop.diagnostic.afom_items.alive().in_reading_order()
    form = VoteGridForm(
        request.POST, workshop=workshop, items=items, grid=selectors.workshop_grid(workshop)
    )
    if not form.is_valid():
        return _render_workshop(request, workshop, grid_form=form)
    try:
        count = services.workshop_set_votes(workshop=workshop, votes=form.votes)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("diagnostics:workshop-detail", workshop.pk)
    messages.success(
        request, f"Points enregistrés\u00a0: {len(form.votes)} participant(s), {count} vote(s)."
    )
    return redirect("diagnostics:workshop-detail", workshop.pk)


@with_object(WORKSHOPS, Action.DELETE, pk="pk")
def workshop_delete(request, workshop):
    """A confirmation page; the POST deletes the workshop and its votes (not the items)."""
    diagnostic = workshop.diagnostic
    if request.method == "POST":
        services.workshop_delete(workshop=workshop)
        messages.success(request, f"Atelier «\u00a0{workshop.title}\u00a0» supprimé.")
        return redirect("diagnostics:workshop-list", diagnostic.pk)
    context = {"diagnostic": diagnostic, "workshop": workshop}
    return render(request, "diagnostics/afom/workshop_confirm_delete.html", context)
