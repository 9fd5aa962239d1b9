"""The plan seen as a whole: the filterable table of actions and its CSV/XLSX export, the
board by status, the timeline, and the phase-4 follow-up (progress, late actions, indicators
against their targets). Each page reads the actions in a fixed number of queries."""

from django.contrib import messages
from django.db.models import Avg, Count, Prefetch, Q, Sum
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import number_format

from diagnostics.models import Diagnostic
from essterritoire.accounts.enums import Action as Permission
from essterritoire.accounts.permissions import with_object
from essterritoire.exports import FORMATS, export_response
from essterritoire.pagination import paginate
from essterritoire.reports import formats
from ptce.enums import ActionStatus
from ptce.forms_plans import PlanFilterForm
from ptce.models import Action, ActionFunding, ActionIndicator, IndicatorValue
from ptce.views.plans import rights
from ptce.views.plans_timeline import build_timeline

NBSP = "\u00a0"
EXPORT_HEADERS = [
    "Axe",
    "Objectif",
    "Action",
    "Pilote",
    "SIRET du pilote",
    "Partenaires",
    "Début",
    "Fin",
    "État",
    "Avancement (%)",
    "Budget estimé (€)",
    "Financements",
    "Total financé (€)",
    "Dont acquis (€)",
    "Indicateurs",
    "En retard",
]


def plan_actions(diagnostic):
    return Action.objects.of_diagnostic(diagnostic).for_table().in_plan_order()


def base_context(request, diagnostic, **extra):
    return {
        "diagnostic": diagnostic,
        "collectivity": diagnostic.workspace.name,
        "today": timezone.localdate(),
        **rights(request, diagnostic),
        **extra,
    }


def flag_late(actions, today):
    for action in actions:
        action.late = action.is_late(today)
    return actions


# The table and its export


@with_object(Diagnostic, Permission.VIEW, pk="diagnostic_pk")
def plan_table(request, diagnostic):
    form = PlanFilterForm(request.GET, diagnostic=diagnostic)
    page = paginate(request, form.apply(plan_actions(diagnostic)))
    today = timezone.localdate()
    flag_late(page.object_list, today)
    context = base_context(request, diagnostic, page=page, filter_form=form)
    return render(request, "ptce/plans/plan_table.html", context)


def money(value):
    return formats.money(value, 2)


def number(value):
    return number_format(value.normalize(), use_l10n=True, force_grouping=True)


def funding_text(action):
    lines = action.funding_lines.all()
    parts = [
        f"{line.funder}{NBSP}: {money(line.amount)}{' (acquis)' if line.secured else ''}"
        for line in lines
    ]
    return f"{NBSP}; ".join(parts)


def indicator_text(indicator):
    unit = f"{NBSP}{indicator.unit}" if indicator.unit else ""
    latest = indicator.latest()
    text = f"{indicator.name}{NBSP}: "
    text += f"{number(latest.value)}{unit} au {latest.date:%d/%m/%Y}" if latest else "non relevé"
    if indicator.target is not None:
        text += f", cible {number(indicator.target)}{unit}"
    reached = indicator.reached_percent()
    return text + (f" ({number_format(reached, 1)}{NBSP}% atteint)" if reached is not None else "")


def export_row(action, collectivity, today):
    pilot = action.pilot
    return [
        action.objective.axis.title,
        action.objective.title,
        action.title,
        action.pilot_name(collectivity),
        pilot.siret if pilot and pilot.siret else "",
        f"{NBSP}; ".join(partner.name for partner in action.partners.all()),
        action.start,
        action.end,
        action.get_status_display(),
        action.progress,
        action.budget,
        funding_text(action),
        action.funded_total(),
        action.secured_total(),
        f"{NBSP}; ".join(indicator_text(i) for i in action.indicators.all()),
        action.is_late(today),
    ]


@with_object(Diagnostic, Permission.VIEW, pk="diagnostic_pk")
def plan_export(request, diagnostic):
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        messages.error(request, f"Format d'export inconnu{NBSP}: choisissez CSV ou XLSX.")
        return redirect("ptce:plan-table", diagnostic_pk=diagnostic.pk)
    actions = PlanFilterForm(request.GET, diagnostic=diagnostic).apply(plan_actions(diagnostic))
    collectivity, today = diagnostic.workspace.name, timezone.localdate()
    rows = (export_row(action, collectivity, today) for action in actions)
    filename = f"plan-d-action-{diagnostic.pk}"
    return export_response(fmt, filename, EXPORT_HEADERS, rows, title="Plan d'action")


# Board and timeline


@with_object(Diagnostic, Permission.VIEW, pk="diagnostic_pk")
def plan_board(request, diagnostic):
    actions = Action.objects.of_diagnostic(diagnostic).select_related("objective__axis", "pilot")
    actions = flag_late(list(actions.in_plan_order()), timezone.localdate())
    columns = [
        {
            "status": status,
            "label": label,
            "actions": [action for action in actions if action.status == status],
        }
        for status, label in ActionStatus.choices
    ]
    context = base_context(request, diagnostic, columns=columns, statuses=ActionStatus.choices)
    return render(request, "ptce/plans/plan_board.html", context)


@with_object(Diagnostic, Permission.VIEW, pk="diagnostic_pk")
def plan_timeline(request, diagnostic):
    actions = Action.objects.of_diagnostic(diagnostic).select_related("objective__axis")
    today = timezone.localdate()
    actions = flag_late(list(actions.in_plan_order()), today)
    context = base_context(request, diagnostic, timeline=build_timeline(actions, today))
    return render(request, "ptce/plans/plan_timeline.html", context)


# Phase-4 follow-up


def progress_figures(actions):
    """Counts by status, average progress (abandoned actions aside), budget, in SQL."""
    counted = actions.exclude(status=ActionStatus.ABANDONED)
    figures = actions.aggregate(
        total=Count("pk"),
        budget=Sum("budget"),
        **{status: Count("pk", filter=Q(status=status)) for status in ActionStatus.values},
    )
    figures["progress"] = counted.aggregate(value=Avg("progress"))["value"]
    funding = ActionFunding.objects.filter(action__in=actions).aggregate(
        funded=Sum("amount"), secured=Sum("amount", filter=Q(secured=True))
    )
    figures["by_status"] = [(label, figures[value]) for value, label in ActionStatus.choices]
    return {**figures, **funding}


def axis_progress(diagnostic):
    """Each axis with its number of actions and their average progress (abandoned aside)."""
    open_actions = ~Q(objectives__actions__status=ActionStatus.ABANDONED)
    return diagnostic.plan_axes.order_by("order", "pk").annotate(
        action_count=Count("objectives__actions"),
        progress=Avg("objectives__actions__progress", filter=open_actions),
    )


def indicator_rows(diagnostic):
    values = IndicatorValue.objects.order_by("date", "pk")
    indicators = ActionIndicator.objects.filter(action__objective__axis__diagnostic=diagnostic)
    indicators = indicators.select_related("action").prefetch_related(Prefetch("values", values))
    rows = []
    for indicator in indicators.order_by("action__objective__axis__order", "action_id", "pk"):
        indicator.latest_value = indicator.latest()
        indicator.reached = indicator.reached_percent()
        rows.append(indicator)
    return rows


@with_object(Diagnostic, Permission.VIEW, pk="diagnostic_pk")
def plan_followup(request, diagnostic):
    actions = Action.objects.of_diagnostic(diagnostic)
    today = timezone.localdate()
    late = actions.late(today).select_related("objective__axis", "pilot").order_by("end", "pk")
    late = list(late)
    for action in late:
        action.days_late = (today - action.end).days
    context = base_context(
        request,
        diagnostic,
        figures=progress_figures(actions),
        axes=list(axis_progress(diagnostic)),
        late_actions=late,
        indicators=indicator_rows(diagnostic),
        phase4=diagnostic.phases.filter(number=4).first(),
    )
    return render(request, "ptce/plans/plan_followup.html", context)
