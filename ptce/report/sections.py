"""The two sections ptce adds to the diagnostic report: the action plan (key "action_plan")
and the summary of the PTCE linked to the diagnostic (key "ptce"). Registered from
PtceConfig.ready() through diagnostics.report.registry, so that diagnostics never imports
ptce. Their data are collected without today's date; `prepare` works out what depends on it
(late actions, current members, eligibility) when the report is rendered."""

from django.utils import timezone

from diagnostics.report.registry import ReportSection
from essterritoire.reports.formats import NBSP, day, money, number, percent
from ptce.enums import CLOSED_ACTION_STATUSES, ActionStatus
from ptce.report.collect import action_plan_data, ptces_data
from ptce.report.pole import prepare_pole
from ptce.report.text import count, plural, to_date, to_decimal

# The action plan


def collect_action_plan(diagnostic):
    return action_plan_data(diagnostic)


def prepare_action_plan(data, options, today=None):
    """The plan as the section shows it, with each action late or not on `today`."""
    today = today or timezone.localdate()
    axes = []
    for axis in data["axes"]:
        objectives = [
            {"title": o["title"], "actions": [_action(a, today) for a in o["actions"]]}
            for o in axis["objectives"]
        ]
        actions = [action for objective in objectives for action in objective["actions"]]
        axes.append({**axis, "objectives": objectives, "action_count": len(actions)})
    everything = [a for axis in axes for o in axis["objectives"] for a in o["actions"]]
    return {
        "collectivity": data["collectivity"],
        "axes": axes,
        "summary": _summary(everything),
        "today": day(today),
    }


def _action(action, today):
    end = to_date(action["end"])
    late = bool(end and end < today and action["status"] not in CLOSED_ACTION_STATUSES)
    return {
        **action,
        "late": late,
        "badge": _badge(action["status"], late),
        "period": _period(action["start"], action["end"]),
        "progress_text": percent(action["progress"], 0),
        "budget_text": money(action["budget"], empty="non estimé"),
        "funding_lines": _funding(action),
        "partners_text": ", ".join(action["partners"]),
        "indicators": [_indicator(indicator) for indicator in action["indicators"]],
    }


def _badge(status, late):
    if status == ActionStatus.DONE:
        return "r-badge--done"
    return "r-badge--late" if late else ""


def _period(start, end):
    if start and end:
        return f"{day(start)}{NBSP}→ {day(end)}"
    if start:
        return f"dès le {day(start)}"
    return f"jusqu'au {day(end)}" if end else "non daté"


def _funding(action):
    """What the funding lines cover: ["financé : 30 000 €", "acquis : 20 000 €"], or []."""
    funded = to_decimal(action["funded"])
    if not funded:
        return []
    return [f"financé{NBSP}: {money(funded)}", f"acquis{NBSP}: {money(action['secured'])}"]


def _measure(value, unit):
    value = to_decimal(value)
    if value is None:
        return None
    text = number(value, 0 if value == value.to_integral_value() else 1)
    return f"{text}{NBSP}{unit}" if unit else text


def _indicator(indicator):
    unit = indicator["unit"]
    latest = _measure(indicator["latest"], unit)
    target = _measure(indicator["target"], unit)
    text = f"{latest} au {day(indicator['latest_on'])}" if latest else "non relevé"
    if target:
        text += f" / cible {target}"
    reached = to_decimal(indicator["reached"])
    return {
        "name": indicator["name"],
        "text": text,
        "reached": percent(reached, 0) if reached is not None else "",
    }


def _summary(actions):
    by_status = {status: 0 for status in ActionStatus.values}
    for action in actions:
        by_status[action["status"]] += 1
    budgets = [to_decimal(a["budget"]) for a in actions if a["budget"] is not None]
    progress = [a["progress"] for a in actions]
    return {
        "actions": plural(len(actions), "action"),
        "count": len(actions),
        "late": sum(1 for action in actions if action["late"]),
        "by_status": [
            {"label": label, "count": by_status[value]}
            for value, label in ActionStatus.choices
            if by_status[value]
        ],
        "budget": money(sum(budgets)) if budgets else "—",
        "progress": percent(sum(progress) / len(progress), 0) if progress else "—",
    }


ACTION_PLAN_SECTION = ReportSection(
    key="action_plan",
    label="Plan d'action",
    order=70,
    collect=collect_action_plan,
    prepare=prepare_action_plan,
    template="reports/ptce/section_action_plan.html",
    help_text="Axes, objectifs et actions du plan, avec leurs pilotes, états et indicateurs.",
)


# The PTCE linked to the diagnostic


def collect_ptce(diagnostic):
    """The poles that came from the diagnostic, or None when there is none."""
    poles = ptces_data(diagnostic.ptces.all())
    return {"poles": poles} if poles else None


def prepare_ptce(data, options, today=None):
    today = today or timezone.localdate()
    poles = [
        prepare_pole(pole, today, with_chart=False) | {"anchor": f"sec-ptce-{pole['id']}"}
        for pole in data["poles"]
    ]
    return {"poles": poles, "count": count(len(poles))}


PTCE_SECTION = ReportSection(
    key="ptce",
    label="PTCE",
    order=90,
    collect=collect_ptce,
    prepare=prepare_ptce,
    template="reports/ptce/section_ptce.html",
    help_text="Synthèse de chaque pôle territorial de coopération économique issu du diagnostic.",
)
