"""The `action_plan` section of the diagnostic's JSON document (diagnostics/exchange).

    "action_plan": {"axes": [{"title", "description", "afom": [titles of the linked AFOM
      items], "objectives": [{"title", "actions": [{"title", "description", "pilot" (an actor
      by name and SIRET, or null), "pilot_is_collectivity", "partners" [actors], "start",
      "end", "status", "progress", "budget", "funding" [{"funder", "amount", "secured"}],
      "indicators" [{"name", "unit", "baseline", "target", "values" [{"date", "value"}]}],
      "updates" [{"date", "text", "author" (a name)}]}]}]}]}

Amounts and measures are strings with two decimals ("12500.00"), so that they stay exact.
Lists keep the plan's order. AFOM items are named by their titles and looked for among the
imported diagnostic's items (the "afom" section loads first): an unknown title is an error and
the import writes nothing. Registered by ptce/apps.py when Django starts.
"""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch

import diagnostics.exchange.core  # noqa: F401 - the core sections (afom first) load before ours
from diagnostics.exchange import actors as actor_refs
from diagnostics.exchange.registry import Section, register_section
from diagnostics.exchange.schema import ACTOR_REF, DATE, NAME, NULLABLE_DATE, TEXT
from diagnostics.models import AfomItem
from ptce.enums import ActionStatus
from ptce.models import (
    Action,
    ActionFunding,
    ActionIndicator,
    ActionUpdate,
    Axis,
    IndicatorValue,
    Objective,
)

NBSP = "\u00a0"
AMOUNT = {"type": "string", "pattern": r"^\d{1,12}(\.\d{1,2})?$"}
MEASURE = {"type": "string", "pattern": r"^-?\d{1,12}(\.\d{1,2})?$"}


def _nullable(schema):
    return {"anyOf": [schema, {"type": "null"}]}


def _array(item_schema):
    return {"type": "array", "items": item_schema}


def _object(required, **properties):
    return {"type": "object", "required": list(required), "properties": properties}


def _iso(value):
    return value.isoformat() if value else None


def _number(value):
    return None if value is None else f"{value:.2f}"


# Export


def plan_axes(diagnostic):
    """The plan with everything the document holds, in a fixed number of queries."""
    values = IndicatorValue.objects.order_by("date", "pk")
    indicators = ActionIndicator.objects.order_by("pk").prefetch_related(Prefetch("values", values))
    actions = (
        Action.objects.order_by("order", "pk")
        .select_related("pilot")
        .prefetch_related(
            "partners",
            Prefetch("funding_lines", ActionFunding.objects.order_by("pk")),
            Prefetch("indicators", indicators),
            Prefetch("updates", ActionUpdate.objects.order_by("date", "pk")),
        )
    )
    objectives = Objective.objects.order_by("order", "pk").prefetch_related(
        Prefetch("actions", actions)
    )
    return diagnostic.plan_axes.order_by("order", "pk").prefetch_related(
        Prefetch("afom_items", AfomItem.objects.alive()), Prefetch("objectives", objectives)
    )


def export_plan(diagnostic):
    return {"axes": [export_axis(axis) for axis in plan_axes(diagnostic)]}


def export_axis(axis):
    return {
        "title": axis.title,
        "description": axis.description,
        "afom": sorted({item.title for item in axis.afom_items.all()}),
        "objectives": [
            {"title": o.title, "actions": [export_action(a) for a in o.actions.all()]}
            for o in axis.objectives.all()
        ],
    }


def export_action(action):
    partners = sorted(action.partners.all(), key=lambda a: (a.normalized_name, a.pk))
    return {
        "title": action.title,
        "description": action.description,
        "pilot": actor_refs.ref(action.pilot) if action.pilot_id else None,
        "pilot_is_collectivity": action.pilot_is_collectivity,
        "partners": [actor_refs.ref(actor) for actor in partners],
        "start": _iso(action.start),
        "end": _iso(action.end),
        "status": action.status,
        "progress": action.progress,
        "budget": _number(action.budget),
        "funding": [
            {"funder": f.funder, "amount": _number(f.amount), "secured": f.secured}
            for f in action.funding_lines.all()
        ],
        "indicators": [export_indicator(indicator) for indicator in action.indicators.all()],
        "updates": [
            {"date": _iso(u.date), "text": u.text, "author": u.author_name}
            for u in action.updates.all()
        ],
    }


def export_indicator(indicator):
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": _number(indicator.baseline),
        "target": _number(indicator.target),
        "values": [
            {"date": _iso(v.date), "value": _number(v.value)} for v in indicator.values.all()
        ],
    }


# Import


class Loader:
    """Recreates the plan under `diagnostic`. Each object is validated (model clean and
    constraints) before it is saved; a problem goes to context["errors"] with its place in
    the document, the object and what hangs from it are skipped, and the importer then
    refuses the whole document (nothing is written)."""

    def __init__(self, diagnostic, context):
        self.diagnostic, self.context = diagnostic, context
        self.items = {}
        for item in AfomItem.objects.alive().filter(diagnostic=diagnostic):
            self.items.setdefault(item.title, []).append(item)

    def error(self, where, message):
        self.context["errors"].append(f"action_plan/{where} : {message}")

    def save(self, obj, where):
        try:
            obj.full_clean()
        except ValidationError as error:
            self.error(where, " ".join(error.messages))
            return None
        obj.save()
        return obj

    def load(self, value):
        for index, entry in enumerate(value.get("axes", [])):
            self.axis(entry, f"axes/{index}", index)

    def axis(self, entry, where, order):
        axis = Axis(diagnostic=self.diagnostic, title=entry["title"], order=order)
        axis.description = entry.get("description", "")
        if self.save(axis, where) is None:
            return
        axis.afom_items.set(self.afom_items(entry.get("afom", []), where))
        for index, objective in enumerate(entry.get("objectives", [])):
            self.objective(axis, objective, f"{where}/objectives/{index}", index)

    def afom_items(self, titles, where):
        linked = []
        for title in titles:
            if title not in self.items:
                self.error(f"{where}/afom", f"élément AFOM «{NBSP}{title}{NBSP}» introuvable")
            linked += self.items.get(title, [])
        return linked

    def objective(self, axis, entry, where, order):
        objective = self.save(Objective(axis=axis, title=entry["title"], order=order), where)
        if objective is None:
            return
        for index, action in enumerate(entry.get("actions", [])):
            self.action(objective, action, f"{where}/actions/{index}", index)

    def action(self, objective, entry, where, order):
        actors = self.context["actors"]
        action = Action(objective=objective, order=order, title=entry["title"])
        action.description = entry.get("description", "")
        action.pilot = actors.get(entry["pilot"]) if entry.get("pilot") else None
        action.pilot_is_collectivity = entry.get("pilot_is_collectivity", False)
        action.start, action.end = entry.get("start"), entry.get("end")
        action.status, action.progress = entry["status"], entry.get("progress", 0)
        action.budget = entry.get("budget")
        if self.save(action, where) is None:
            return
        action.partners.set(actors.get_many(entry.get("partners", [])))
        for index, line in enumerate(entry.get("funding", [])):
            funding = ActionFunding(action=action, funder=line["funder"], amount=line["amount"])
            funding.secured = line.get("secured", False)
            self.save(funding, f"{where}/funding/{index}")
        for index, indicator in enumerate(entry.get("indicators", [])):
            self.indicator(action, indicator, f"{where}/indicators/{index}")
        for index, update in enumerate(entry.get("updates", [])):
            row = ActionUpdate(action=action, date=update["date"], text=update["text"])
            row.author_name = update.get("author", "")
            self.save(row, f"{where}/updates/{index}")

    def indicator(self, action, entry, where):
        indicator = ActionIndicator(action=action, name=entry["name"], unit=entry.get("unit", ""))
        indicator.baseline, indicator.target = entry.get("baseline"), entry.get("target")
        if self.save(indicator, where) is None:
            return
        for index, value in enumerate(entry.get("values", [])):
            row = IndicatorValue(indicator=indicator, date=value["date"], value=value["value"])
            self.save(row, f"{where}/values/{index}")


def load_plan(diagnostic, value, context):
    Loader(diagnostic, context).load(value)


# Schema

INDICATOR = _object(
    ["name", "values"],
    name=NAME,
    unit=TEXT,
    baseline=_nullable(MEASURE),
    target=_nullable(MEASURE),
    values=_array(_object(["date", "value"], date=DATE, value=MEASURE)),
)
ACTION = _object(
    ["title", "status"],
    title=NAME,
    description=TEXT,
    pilot=_nullable(ACTOR_REF),
    pilot_is_collectivity={"type": "boolean"},
    partners=_array(ACTOR_REF),
    start=NULLABLE_DATE,
    end=NULLABLE_DATE,
    status={"enum": list(ActionStatus.values)},
    progress={"type": "integer", "minimum": 0, "maximum": 100},
    budget=_nullable(AMOUNT),
    funding=_array(
        _object(["funder", "amount"], funder=NAME, amount=AMOUNT, secured={"type": "boolean"})
    ),
    indicators=_array(INDICATOR),
    updates=_array(_object(["date", "text"], date=DATE, text=NAME, author=TEXT)),
)
AXIS = _object(
    ["title"],
    title=NAME,
    description=TEXT,
    afom=_array(TEXT),
    objectives=_array(_object(["title"], title=NAME, actions=_array(ACTION))),
)
SCHEMA = _object(["axes"], axes=_array(AXIS))

register_section(Section("action_plan", export_plan, load_plan, SCHEMA))
