"""The action plan of a diagnostic: its page (axes, objectives, actions), and the pages that
create, edit, move and delete axes and objectives. Actions have their own module
(plans_actions), the tables and follow-up theirs (plans_lists), the import its own."""

from copy import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from diagnostics.models import AfomItem, Diagnostic
from essterritoire.accounts.enums import Action as Permission
from essterritoire.accounts.permissions import can, with_object
from ptce import services_plans as services
from ptce.forms_plans import AxisForm, ObjectiveForm
from ptce.models import Action, Axis, Objective
from ptce.services_plans import guillemets


def posted(request):
    return request.POST if request.method == "POST" else None


def plan_url(diagnostic_id, anchor=""):
    url = reverse("ptce:plan-detail", args=[diagnostic_id])
    return f"{url}#{anchor}" if anchor else url


def rights(request, diagnostic):
    return {
        "can_change": can(request.user, diagnostic.workspace_id, Permission.CHANGE),
        "can_delete": can(request.user, diagnostic.workspace_id, Permission.DELETE),
    }


def save(form, service, **kwargs):
    """When the form is valid, call `service(**kwargs, **cleaned_data)`; its ValidationError
    goes to the form. None when nothing was written."""
    if not form.is_valid():
        return None
    try:
        return service(**kwargs, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


def plan_axes(diagnostic):
    """Axes with their AFOM items, objectives and actions, in a fixed number of queries."""
    items = AfomItem.objects.alive().in_reading_order()
    actions = Action.objects.select_related("pilot").order_by("order", "pk")
    objectives = Objective.objects.order_by("order", "pk").prefetch_related(
        Prefetch("actions", actions)
    )
    return diagnostic.plan_axes.order_by("order", "pk").prefetch_related(
        Prefetch("afom_items", items), Prefetch("objectives", objectives)
    )


@with_object(Diagnostic, Permission.VIEW, pk="diagnostic_pk")
def plan_detail(request, diagnostic):
    axes = list(plan_axes(diagnostic))
    actions = Action.objects.of_diagnostic(diagnostic)
    counts = actions.aggregate(total=Count("pk"))
    context = {
        "diagnostic": diagnostic,
        "axes": axes,
        "action_count": counts["total"],
        "late_count": actions.late().count(),
        "collectivity": diagnostic.workspace.name,
        **rights(request, diagnostic),
    }
    return render(request, "ptce/plans/plan_detail.html", context)


def render_form(request, template, diagnostic, form, **extra):
    context = {"diagnostic": diagnostic, "form": form, **extra}
    return render(request, f"ptce/plans/{template}", context)


def confirm_delete(request, diagnostic, obj, kind, consequence):
    context = {
        "diagnostic": diagnostic,
        "object": obj,
        "kind": kind,
        "consequence": consequence,
        "cancel_url": obj.get_absolute_url(),
    }
    return render(request, "ptce/plans/confirm_delete.html", context)


def move(request, obj, diagnostic_id, anchor):
    direction = request.POST.get("direction", "")
    try:
        services.plan_item_move(obj=obj, user=request.user, direction=direction)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan_url(diagnostic_id, anchor))


# Axes


@with_object(Diagnostic, Permission.CHANGE, pk="diagnostic_pk")
def axis_create(request, diagnostic):
    form = AxisForm(posted(request), diagnostic=diagnostic)
    if axis := save(form, services.axis_create, diagnostic=diagnostic, user=request.user):
        messages.success(request, f"Axe {guillemets(axis)} créé.")
        return redirect(axis)
    return render_form(request, "axis_form.html", diagnostic, form)


@with_object(Axis, Permission.CHANGE, pk="pk")
def axis_update(request, axis):
    diagnostic = axis.diagnostic
    initial = AxisForm.initial_for(axis)
    form = AxisForm(posted(request), initial=initial, diagnostic=diagnostic)
    if saved := save(form, services.axis_update, axis=copy(axis), user=request.user):
        messages.success(request, f"Axe {guillemets(saved)} enregistré.")
        return redirect(saved)
    return render_form(request, "axis_form.html", diagnostic, form, axis=axis)


@with_object(Axis, Permission.CHANGE, pk="pk")
@require_POST
def axis_move(request, axis):
    return move(request, axis, axis.diagnostic_id, f"axe-{axis.pk}")


@with_object(Axis, Permission.DELETE, pk="pk")
def axis_delete(request, axis):
    diagnostic = axis.diagnostic
    if request.method == "POST":
        services.axis_delete(axis=axis, user=request.user)
        messages.success(request, f"Axe {guillemets(axis)} supprimé.")
        return redirect(plan_url(diagnostic.pk))
    consequence = (
        "Ses objectifs et leurs actions (financements, indicateurs, points d'étape) sont "
        "supprimés avec lui. Les éléments AFOM et les acteurs ne changent pas."
    )
    return confirm_delete(request, diagnostic, axis, "l'axe", consequence)


# Objectives


@with_object(Axis, Permission.CHANGE, pk="pk")
def objective_create(request, axis):
    form = ObjectiveForm(posted(request))
    if objective := save(form, services.objective_create, axis=axis, user=request.user):
        messages.success(request, f"Objectif {guillemets(objective)} créé.")
        return redirect(objective)
    return render_form(request, "objective_form.html", axis.diagnostic, form, axis=axis)


@with_object(Objective, Permission.CHANGE, pk="pk")
def objective_update(request, objective):
    axis = objective.axis
    form = ObjectiveForm(posted(request), initial={"title": objective.title})
    if saved := save(form, services.objective_update, objective=copy(objective), user=request.user):
        messages.success(request, f"Objectif {guillemets(saved)} enregistré.")
        return redirect(saved)
    extra = {"axis": axis, "objective": objective}
    return render_form(request, "objective_form.html", axis.diagnostic, form, **extra)


@with_object(Objective, Permission.CHANGE, pk="pk")
@require_POST
def objective_move(request, objective):
    return move(request, objective, objective.axis.diagnostic_id, f"objectif-{objective.pk}")


@with_object(Objective, Permission.DELETE, pk="pk")
def objective_delete(request, objective):
    diagnostic = objective.axis.diagnostic
    if request.method == "POST":
        services.objective_delete(objective=objective, user=request.user)
        messages.success(request, f"Objectif {guillemets(objective)} supprimé.")
        return redirect(plan_url(diagnostic.pk, f"axe-{objective.axis_id}"))
    consequence = (
        "Ses actions (financements, indicateurs, points d'étape) sont supprimées avec lui."
    )
    return confirm_delete(request, diagnostic, objective, "l'objectif", consequence)
