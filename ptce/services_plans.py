"""Writes on action plans: axes, objectives, actions, their funding lines, indicators, values
and update log. Each is atomic, validates the whole row (model clean and constraints, in
French) before writing, and records the change in the workspace's recent activity.

Whatever a plan points to must be of the plan's own world: AFOM items of the same diagnostic
(and not deleted), pilot and partners among the actors of the diagnostic's workspace. Anything
else is a ValidationError and nothing is written.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse

from diagnostics.models import AfomItem
from essterritoire.accounts.services import activity_record
from essterritoire.territories.text import normalize
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
UP, DOWN = "up", "down"
ACTION_FIELDS = (
    "title",
    "description",
    "pilot",
    "pilot_is_collectivity",
    "start",
    "end",
    "status",
    "progress",
    "budget",
)


def guillemets(text):
    return f"«{NBSP}{text}{NBSP}»"


def diagnostic_of(obj):
    """The diagnostic a plan object belongs to (axis, objective, action or its parts)."""
    for path in ("diagnostic", "axis", "objective", "action", "indicator"):
        if hasattr(obj, f"{path}_id"):
            return obj.diagnostic if path == "diagnostic" else diagnostic_of(getattr(obj, path))
    raise TypeError(f"{type(obj).__name__} n'appartient pas à un plan d'action.")


def _record(obj, user, verb):
    diagnostic = diagnostic_of(obj)
    activity_record(
        workspace=diagnostic.workspace,
        user=user,
        verb=verb,
        target=str(obj),
        url=obj.get_absolute_url() if obj.pk else "",
    )


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def _next_order(queryset):
    top = queryset.aggregate(top=Max("order"))["top"]
    return 0 if top is None else top + 1


def check_afom_items(diagnostic, items):
    """The AFOM items, once checked to be live items of `diagnostic`."""
    items = list(items)
    ids = {item.pk for item in items}
    found = AfomItem.objects.alive().filter(diagnostic=diagnostic, pk__in=ids).count()
    if found != len(ids):
        raise ValidationError(
            f"Éléments AFOM{NBSP}: un élément n'appartient pas à ce diagnostic ou a été supprimé."
        )
    return items


def check_actors(workspace_id, actors, what):
    if any(actor.workspace_id != workspace_id for actor in actors):
        raise ValidationError(f"{what}{NBSP}: un acteur n'appartient pas à l'espace de travail.")


# Moving rows up and down


def _siblings(obj):
    if isinstance(obj, Axis):
        return Axis.objects.filter(diagnostic_id=obj.diagnostic_id)
    if isinstance(obj, Objective):
        return Objective.objects.filter(axis_id=obj.axis_id)
    return Action.objects.filter(objective_id=obj.objective_id)


@transaction.atomic
def plan_item_move(*, obj, user, direction):
    """Swap an axis, objective or action with its neighbour, renumbering its siblings from 0
    (which also repairs equal orders). Nothing changes at either end of the list."""
    if direction not in (UP, DOWN):
        raise ValidationError("Sens de déplacement inconnu.")
    rows = list(_siblings(obj).select_for_update().order_by("order", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == obj.pk)
    target = index - 1 if direction == UP else index + 1
    if not 0 <= target < len(rows):
        return False
    rows[index], rows[target] = rows[target], rows[index]
    for position, row in enumerate(rows):
        row.order = position
    type(obj).objects.bulk_update(rows, ["order"])
    _record(obj, user, "a déplacé dans le plan d'action")
    return True


# Axes


@transaction.atomic
def axis_create(*, diagnostic, user, title, description="", afom_items=()):
    items = check_afom_items(diagnostic, afom_items)
    order = _next_order(Axis.objects.filter(diagnostic=diagnostic))
    axis = _save(Axis(diagnostic=diagnostic, title=title, description=description, order=order))
    axis.afom_items.set(items)
    _record(axis, user, "a créé l'axe")
    return axis


@transaction.atomic
def axis_update(*, axis, user, title, description="", afom_items=()):
    items = check_afom_items(axis.diagnostic, afom_items)
    axis.title, axis.description = title, description
    _save(axis)
    axis.afom_items.set(items)
    _record(axis, user, "a modifié l'axe")
    return axis


@transaction.atomic
def axis_delete(*, axis, user):
    """Delete the axis with its objectives and actions."""
    _record(axis, user, "a supprimé l'axe")
    axis.delete()


# Objectives


@transaction.atomic
def objective_create(*, axis, user, title):
    order = _next_order(Objective.objects.filter(axis=axis))
    objective = _save(Objective(axis=axis, title=title, order=order))
    _record(objective, user, "a créé l'objectif")
    return objective


@transaction.atomic
def objective_update(*, objective, user, title):
    objective.title = title
    _save(objective)
    _record(objective, user, "a modifié l'objectif")
    return objective


@transaction.atomic
def objective_delete(*, objective, user):
    _record(objective, user, "a supprimé l'objectif")
    objective.delete()


# Actions


def _check_action(action, partners):
    diagnostic = diagnostic_of(action.objective)
    pilot = [action.pilot] if action.pilot_id else []
    check_actors(diagnostic.workspace_id, pilot, "Pilote")
    check_actors(diagnostic.workspace_id, partners, "Partenaires")


def _apply(action, fields):
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise TypeError(f"Champs inconnus : {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(action, name, value)
    if action.status == ActionStatus.DONE:
        action.progress = 100


@transaction.atomic
def action_create(*, objective, user, partners=(), **fields):
    """A new action at the end of `objective`; `fields` among ACTION_FIELDS. A done action
    is 100 % progressed."""
    action = Action(objective=objective, order=_next_order(objective.actions.all()))
    _apply(action, fields)
    partners = list(partners)
    _check_action(action, partners)
    _save(action)
    action.partners.set(partners)
    _record(action, user, "a créé l'action")
    return action


@transaction.atomic
def action_update(*, action, user, partners=None, objective=None, **fields):
    """Change the fields given; `objective` moves the action within the same plan, at the
    end of its new objective; `partners` replaces the list when given."""
    if objective is not None and objective.pk != action.objective_id:
        if diagnostic_of(objective).pk != diagnostic_of(action).pk:
            raise ValidationError("Objectif\u00a0: il doit appartenir au même plan d'action.")
        action.objective = objective
        action.order = _next_order(objective.actions.all())
    _apply(action, fields)
    partners = None if partners is None else list(partners)
    _check_action(action, partners or [])
    _save(action)
    if partners is not None:
        action.partners.set(partners)
    _record(action, user, "a modifié l'action")
    return action


@transaction.atomic
def action_set_status(*, action, user, status):
    if status not in ActionStatus.values:
        raise ValidationError(f"État inconnu{NBSP}: {status}.")
    _apply(action, {"status": status})
    _save(action)
    _record(action, user, f"a passé à {guillemets(ActionStatus(status).label)} l'action")
    return action


@transaction.atomic
def action_delete(*, action, user):
    _record(action, user, "a supprimé l'action")
    action.delete()


# Parts of an action: funding lines, indicators and their values, update log


@transaction.atomic
def action_funding_add(*, action, user, funder, amount, secured=False):
    line = _save(ActionFunding(action=action, funder=funder, amount=amount, secured=secured))
    _record(action, user, f"a ajouté le financement {guillemets(funder)} à l'action")
    return line


@transaction.atomic
def action_funding_delete(*, line, user):
    _record(line.action, user, f"a retiré le financement {guillemets(line.funder)} de l'action")
    line.delete()


@transaction.atomic
def indicator_create(*, action, user, name, unit="", baseline=None, target=None):
    indicator = ActionIndicator(action=action, name=name, unit=unit)
    indicator.baseline, indicator.target = baseline, target
    _save(indicator)
    _record(action, user, f"a ajouté l'indicateur {guillemets(name)} à l'action")
    return indicator


@transaction.atomic
def indicator_update(*, indicator, user, name, unit="", baseline=None, target=None):
    indicator.name, indicator.unit = name, unit
    indicator.baseline, indicator.target = baseline, target
    _save(indicator)
    _record(indicator.action, user, f"a modifié l'indicateur {guillemets(name)} de l'action")
    return indicator


@transaction.atomic
def indicator_delete(*, indicator, user):
    verb = f"a supprimé l'indicateur {guillemets(indicator.name)} de l'action"
    _record(indicator.action, user, verb)
    indicator.delete()


@transaction.atomic
def indicator_value_add(*, indicator, user, date, value):
    """Record the value on `date`; a value already recorded that day is replaced."""
    row, _ = IndicatorValue.objects.update_or_create(
        indicator=indicator, date=date, defaults={"value": value}
    )
    verb = f"a relevé l'indicateur {guillemets(indicator.name)} de l'action"
    _record(indicator.action, user, verb)
    return row


@transaction.atomic
def indicator_value_delete(*, value, user):
    indicator = value.indicator
    verb = f"a supprimé une valeur de l'indicateur {guillemets(indicator.name)} de l'action"
    _record(indicator.action, user, verb)
    value.delete()


def author_name(user):
    if not getattr(user, "is_authenticated", False):
        return ""
    return user.get_full_name() or user.email


@transaction.atomic
def action_update_add(*, action, user, date, text):
    """A new entry of the action's update log, signed by `user`."""
    entry = ActionUpdate(action=action, date=date, text=text.strip())
    entry.author, entry.author_name = user, author_name(user)
    _save(entry)
    _record(action, user, "a ajouté un point d'étape à l'action")
    return entry


@transaction.atomic
def action_update_delete(*, entry, user):
    _record(entry.action, user, "a supprimé un point d'étape de l'action")
    entry.delete()


# Import of a whole plan (ptce/imports_plans.py validates the rows first)


def _by_title(rows):
    return {normalize(row.title): row for row in rows}


@transaction.atomic
def plan_import(*, diagnostic, user, rows):
    """Write the validated rows (imports_plans.PlanRow): axes, objectives and actions found
    again by their titles or created at the end, fields replaced by the file's, the funding
    line and indicator of the row found again by funder and name. Returns
    {"created": n, "updated": n}."""
    axes = _by_title(diagnostic.plan_axes.all())
    objectives, counts = {}, {"created": 0, "updated": 0}
    for row in rows:
        axis = axes.get(normalize(row.axis))
        if axis is None:
            axis = axes[normalize(row.axis)] = _save(
                Axis(diagnostic=diagnostic, title=row.axis, order=len(axes))
            )
        if axis.pk not in objectives:
            objectives[axis.pk] = _by_title(axis.objectives.all())
        objective = _import_objective(axis, objectives[axis.pk], row.objective)
        created = _import_action(objective, row)
        counts["created" if created else "updated"] += 1
    verb = f"a importé {len(rows)} action{'s' if len(rows) > 1 else ''} dans le plan de"
    activity_record(
        workspace=diagnostic.workspace,
        user=user,
        verb=verb,
        target=diagnostic.title,
        url=reverse("ptce:plan-detail", args=[diagnostic.pk]),
    )
    return counts


def _import_objective(axis, known, title):
    objective = known.get(normalize(title))
    if objective is None:
        order = _next_order(Objective.objects.filter(axis=axis))
        objective = known[normalize(title)] = _save(Objective(axis=axis, title=title, order=order))
    return objective


def _import_action(objective, row):
    action = next(
        (a for a in objective.actions.all() if normalize(a.title) == normalize(row.action)), None
    )
    created = action is None
    if created:
        action = Action(objective=objective, title=row.action)
        action.order = _next_order(objective.actions.all())
    fields = {name: getattr(row, name) for name in ACTION_FIELDS if name != "title"}
    _apply(action, fields)
    _save(action)
    action.partners.set(row.partners)
    if row.funding:
        funder, amount, secured = row.funding
        line = action.funding_lines.filter(funder__iexact=funder).first()
        line = line or ActionFunding(action=action)
        line.funder, line.amount, line.secured = funder, amount, secured
        _save(line)
    if row.indicator:
        name, unit, baseline, target = row.indicator
        indicator = action.indicators.filter(name__iexact=name).first()
        indicator = indicator or ActionIndicator(action=action)
        indicator.name, indicator.unit = name, unit
        indicator.baseline, indicator.target = baseline, target
        _save(indicator)
    return created
