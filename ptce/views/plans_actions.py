"""An action of the plan: its sheet (pilot, partners, funding, indicators and their values,
update log), create, edit, move, change of status, delete; and the small forms of its parts.

A form of a part that does not validate shows again on the action's sheet, with its errors."""

from copy import copy

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from essterritoire.accounts.enums import Action as Permission
from essterritoire.accounts.permissions import with_object
from ptce import services_plans as services
from ptce.forms_plans import (
    ActionForm,
    FundingForm,
    IndicatorForm,
    IndicatorValueForm,
    StatusForm,
    UpdateForm,
)
from ptce.models import (
    Action,
    ActionFunding,
    ActionIndicator,
    ActionUpdate,
    IndicatorValue,
    Objective,
)
from ptce.services_plans import guillemets
from ptce.views.plans import confirm_delete, move, posted, rights, save

NBSP = "\u00a0"


def diagnostic_of_action(action):
    return action.objective.axis.diagnostic


def value_form(indicator, data=None):
    return IndicatorValueForm(data, prefix=f"valeur-{indicator.pk}")


def sheet(request, action, status=200, **forms):
    """The action's page; `forms` replaces the blank forms of its parts (with errors)."""
    action = (
        Action.objects.for_table()
        .select_related("objective__axis__diagnostic__workspace")
        .prefetch_related("updates__author")
        .get(pk=action.pk)
    )
    diagnostic = diagnostic_of_action(action)
    indicators = list(action.indicators.all())
    bound_value = forms.pop("value_form", None)
    for indicator in indicators:
        matches = bound_value is not None and bound_value.prefix == f"valeur-{indicator.pk}"
        indicator.value_form = bound_value if matches else value_form(indicator)
    context = {
        "action": action,
        "diagnostic": diagnostic,
        "indicators": indicators,
        "collectivity": diagnostic.workspace.name,
        "status_form": StatusForm(initial={"status": action.status}),
        "funding_form": forms.get("funding_form") or FundingForm(),
        "indicator_form": forms.get("indicator_form") or IndicatorForm(),
        "update_form": forms.get("update_form") or UpdateForm(),
        **rights(request, diagnostic),
    }
    return render(request, "ptce/plans/action_detail.html", context, status=status)


@with_object(Action, Permission.VIEW, pk="pk")
def action_detail(request, action):
    return sheet(request, action)


def render_form(request, form, diagnostic, **extra):
    context = {"form": form, "diagnostic": diagnostic, **extra}
    return render(request, "ptce/plans/action_form.html", context)


@with_object(Objective, Permission.CHANGE, pk="pk")
def action_create(request, objective):
    diagnostic = objective.axis.diagnostic
    form = ActionForm(
        posted(request), diagnostic=diagnostic, user=request.user, objective=objective
    )
    if action := save(form, services.action_create, objective=objective, user=request.user):
        messages.success(request, f"Action {guillemets(action)} créée.")
        return redirect(action)
    return render_form(request, form, diagnostic, objective=objective)


@with_object(Action, Permission.CHANGE, pk="pk")
def action_update(request, action):
    diagnostic = diagnostic_of_action(action)
    initial = ActionForm.initial_for(action)
    form = ActionForm(posted(request), initial=initial, diagnostic=diagnostic, user=request.user)
    if saved := save(form, services.action_update, action=copy(action), user=request.user):
        messages.success(request, f"Action {guillemets(saved)} enregistrée.")
        return redirect(saved)
    return render_form(request, form, diagnostic, action=action, objective=action.objective)


@with_object(Action, Permission.CHANGE, pk="pk")
@require_POST
def action_move(request, action):
    diagnostic = diagnostic_of_action(action)
    return move(request, action, diagnostic.pk, f"action-{action.pk}")


def next_url(request, fallback):
    target = request.POST.get("next", "")
    allowed = {request.get_host()}
    if target and url_has_allowed_host_and_scheme(target, allowed, request.is_secure()):
        return target
    return fallback


@with_object(Action, Permission.CHANGE, pk="pk")
@require_POST
def action_status(request, action):
    form = StatusForm(request.POST)
    if form.is_valid():
        status = form.cleaned_data["status"]
        services.action_set_status(action=action, user=request.user, status=status)
        label = action.get_status_display().lower()
        messages.success(request, f"Action {guillemets(action)}{NBSP}: {label}.")
    else:
        messages.error(request, f"État inconnu{NBSP}: choisissez un état de la liste.")
    return redirect(next_url(request, action.get_absolute_url()))


@with_object(Action, Permission.DELETE, pk="pk")
def action_delete(request, action):
    diagnostic = diagnostic_of_action(action)
    if request.method == "POST":
        services.action_delete(action=action, user=request.user)
        messages.success(request, f"Action {guillemets(action)} supprimée.")
        return redirect(action.objective)
    consequence = "Ses financements, indicateurs et points d'étape sont supprimés avec elle."
    return confirm_delete(request, diagnostic, action, "l'action", consequence)


# Funding lines


@with_object(Action, Permission.CHANGE, pk="pk")
@require_POST
def funding_add(request, action):
    form = FundingForm(request.POST)
    if save(form, services.action_funding_add, action=action, user=request.user):
        messages.success(request, "Financement ajouté.")
        return redirect(action.get_absolute_url() + "#financements")
    return sheet(request, action, status=422, funding_form=form)


def delete_part(request, part, action, *, kind, anchor, consequence, delete):
    """GET: the confirmation page; POST: `delete()` and back to the action's sheet."""
    if request.method == "POST":
        delete()
        messages.success(request, f"{kind[0].upper()}{kind[1:]} supprimé.")
        return redirect(f"{action.get_absolute_url()}#{anchor}")
    diagnostic = diagnostic_of_action(action)
    return confirm_delete(request, diagnostic, part, kind, consequence)


@with_object(ActionFunding, Permission.DELETE, pk="pk")
def funding_delete(request, line):
    return delete_part(
        request,
        line,
        line.action,
        kind="le financement",
        anchor="financements",
        consequence="Le budget estimé de l'action ne change pas.",
        delete=lambda: services.action_funding_delete(line=line, user=request.user),
    )


# Indicators and their values


@with_object(Action, Permission.CHANGE, pk="pk")
@require_POST
def indicator_create(request, action):
    form = IndicatorForm(request.POST)
    if indicator := save(form, services.indicator_create, action=action, user=request.user):
        messages.success(request, f"Indicateur {guillemets(indicator)} ajouté.")
        return redirect(indicator)
    return sheet(request, action, status=422, indicator_form=form)


@with_object(ActionIndicator, Permission.CHANGE, pk="pk")
def indicator_update(request, indicator):
    fields = ("name", "unit", "baseline", "target")
    initial = {name: getattr(indicator, name) for name in fields}
    form = IndicatorForm(posted(request), initial=initial)
    saved = save(form, services.indicator_update, indicator=copy(indicator), user=request.user)
    if saved:
        messages.success(request, f"Indicateur {guillemets(saved)} enregistré.")
        return redirect(saved)
    action = indicator.action
    context = {"form": form, "indicator": indicator, "action": action}
    context["diagnostic"] = diagnostic_of_action(action)
    return render(request, "ptce/plans/indicator_form.html", context)


@with_object(ActionIndicator, Permission.DELETE, pk="pk")
def indicator_delete(request, indicator):
    return delete_part(
        request,
        indicator,
        indicator.action,
        kind="l'indicateur",
        anchor="indicateurs",
        consequence="Ses valeurs relevées sont supprimées avec lui.",
        delete=lambda: services.indicator_delete(indicator=indicator, user=request.user),
    )


@with_object(ActionIndicator, Permission.CHANGE, pk="pk")
@require_POST
def indicator_value_add(request, indicator):
    form = value_form(indicator, request.POST)
    if save(form, services.indicator_value_add, indicator=indicator, user=request.user):
        messages.success(request, f"Valeur de l'indicateur {guillemets(indicator)} enregistrée.")
        return redirect(indicator)
    return sheet(request, indicator.action, status=422, value_form=form)


@with_object(IndicatorValue, Permission.DELETE, pk="pk")
def indicator_value_delete(request, value):
    return delete_part(
        request,
        value,
        value.indicator.action,
        kind="le relevé",
        anchor=f"indicateur-{value.indicator_id}",
        consequence="Les autres valeurs de l'indicateur ne changent pas.",
        delete=lambda: services.indicator_value_delete(value=value, user=request.user),
    )


# Update log


@with_object(Action, Permission.CHANGE, pk="pk")
@require_POST
def update_add(request, action):
    form = UpdateForm(request.POST)
    if save(form, services.action_update_add, action=action, user=request.user):
        messages.success(request, "Point d'étape ajouté.")
        return redirect(action.get_absolute_url() + "#journal")
    return sheet(request, action, status=422, update_form=form)


@with_object(ActionUpdate, Permission.DELETE, pk="pk")
def update_delete(request, entry):
    return delete_part(
        request,
        entry,
        entry.action,
        kind="le point d'étape",
        anchor="journal",
        consequence="Les autres points d'étape de l'action ne changent pas.",
        delete=lambda: services.action_update_delete(entry=entry, user=request.user),
    )
