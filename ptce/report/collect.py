"""What the printed documents read of the database, as plain JSON data.

`ptces_data(queryset)` reads any number of poles in a fixed number of queries (the PTCE sheet
reads one, the diagnostic report the poles linked to the diagnostic); `action_plan_data`
reads a diagnostic's plan the same way. Nothing here depends on today's date: the data are
fingerprinted, and a snapshot is stale only when they change.
"""

from django.db.models import Prefetch

from diagnostics.models import AfomItem
from ptce.models import (
    Action,
    Axis,
    CooperationProject,
    FundingLine,
    Member,
    Mutualisation,
    Objective,
    Ptce,
)
from ptce.selectors_poles import MEMBERS_WITH_ACTOR, jsonable

MEMBER_ORDER = ("actor__normalized_name", "pk")


def _named_members():
    return Member.objects.select_related("actor").order_by(*MEMBER_ORDER)


def ptce_queryset(queryset=None):
    """The poles with everything the documents show, prefetched."""
    queryset = Ptce.objects.all() if queryset is None else queryset
    parts = {"members": Prefetch("members", _named_members())}
    return queryset.select_related("perimeter", "pilot", "workspace").prefetch_related(
        Prefetch("members", MEMBERS_WITH_ACTOR.order_by(*MEMBER_ORDER)),
        Prefetch("communes"),
        Prefetch("diagnostics"),
        "animation_years",
        Prefetch("funding_lines", _funding_lines()),
        Prefetch("mutualisations", Mutualisation.objects.prefetch_related(parts["members"])),
        Prefetch("cooperation_projects", _projects().prefetch_related(parts["members"])),
    )


def _funding_lines():
    return FundingLine.objects.select_related("funder_actor").order_by("year", "-amount", "pk")


def _projects():
    return CooperationProject.objects.order_by("start_on", "title", "pk")


def ptces_data(queryset):
    return [ptce_data(ptce) for ptce in ptce_queryset(queryset).order_by("name", "pk")]


def ptce_data(ptce):
    """One prefetched pole (see `ptce_queryset`) as JSON data."""
    return jsonable(
        {
            "id": ptce.pk,
            "name": ptce.name,
            "workspace": ptce.workspace.name,
            "description": ptce.description,
            "stage": ptce.stage,
            "stage_label": ptce.get_stage_display(),
            "legal_form": ptce.legal_form,
            "legal_form_label": ptce.get_legal_form_display() if ptce.legal_form else "",
            "governance": ptce.governance,
            "pilot": ptce.pilot.name if ptce.pilot_id else "",
            "created_on": ptce.created_on,
            "perimeter": _perimeter(ptce),
            "communes": sorted(commune.name for commune in ptce.communes.all()),
            "sectors": ptce.sector_labels,
            "diagnostics": sorted(diagnostic.title for diagnostic in ptce.diagnostics.all()),
            "members": [_member(member) for member in ptce.members.all()],
            "animation": [_year(year) for year in sorted(ptce.animation_years.all(), key=_by_year)],
            "funding": [_line(line) for line in ptce.funding_lines.all()],
            "mutualisations": [_mutualisation(m) for m in _sorted_mutualisations(ptce)],
            "projects": [_project(project) for project in ptce.cooperation_projects.all()],
        }
    )


def _by_year(year):
    return year.year


def _perimeter(ptce):
    if not ptce.perimeter_id:
        return None
    return {"name": ptce.perimeter.name, "kind": ptce.perimeter.get_kind_display()}


def _member(member):
    """A member structure: its name, type, role and dates, its declared figures and its
    SIRENE band (for the estimate of its employees). Never a person's data."""
    return {
        "name": member.actor.name,
        "type": member.member_type,
        "type_label": member.get_member_type_display(),
        "role": member.role,
        "joined_on": member.joined_on,
        "left_on": member.left_on,
        "employees": member.employees,
        "size_band": member.size_band,
        "budget": member.budget,
    }


def _year(year):
    return {
        "year": year.year,
        "budget": year.budget,
        "fte": year.fte,
        "self_financed": year.self_financed,
    }


def _line(line):
    return {
        "year": line.year,
        "funder": line.funder_name,
        "amount": line.amount,
        "nature": line.nature,
        "nature_label": line.get_nature_display(),
        "origin": line.origin,
        "origin_label": line.get_origin_display(),
        "is_collectivite": line.is_collectivite,
        "purpose": line.purpose,
    }


def _sorted_mutualisations(ptce):
    return sorted(ptce.mutualisations.all(), key=lambda m: (m.kind, m.pk))


def _mutualisation(mutualisation):
    return {
        "kind": mutualisation.kind,
        "kind_label": mutualisation.get_kind_display(),
        "description": mutualisation.description,
        "members": [member.actor.name for member in mutualisation.members.all()],
    }


def _project(project):
    return {
        "title": project.title,
        "description": project.description,
        "status": project.status,
        "status_label": project.get_status_display(),
        "start_on": project.start_on,
        "end_on": project.end_on,
        "members": [member.actor.name for member in project.members.all()],
    }


# The action plan of a diagnostic


def action_plan_data(diagnostic):
    """The plan, axis by axis (None without any axis): the AFOM items each answers, its
    objectives and their actions with pilot, partners, dates, status, budget, indicators."""
    axes = list(_axes(diagnostic))
    if not axes:
        return None
    collectivity = diagnostic.workspace.name
    actions = {}
    for action in Action.objects.of_diagnostic(diagnostic).for_table().order_by("order", "pk"):
        actions.setdefault(action.objective_id, []).append(_action(action, collectivity))
    return jsonable(
        {
            "collectivity": collectivity,
            "axes": [_axis(axis, actions) for axis in axes],
        }
    )


def _axes(diagnostic):
    items = AfomItem.objects.alive().in_reading_order()
    objectives = Objective.objects.order_by("order", "pk")
    return (
        Axis.objects.filter(diagnostic=diagnostic)
        .order_by("order", "pk")
        .prefetch_related(Prefetch("afom_items", items), Prefetch("objectives", objectives))
    )


def _axis(axis, actions):
    return {
        "title": axis.title,
        "description": axis.description,
        "afom": [
            {"quadrant": item.quadrant, "quadrant_label": item.get_quadrant_display()}
            | {"title": item.title}
            for item in axis.afom_items.all()
        ],
        "objectives": [
            {"title": objective.title, "actions": actions.get(objective.pk, [])}
            for objective in axis.objectives.all()
        ],
    }


def _action(action, collectivity):
    return {
        "title": action.title,
        "pilot": action.pilot_name(collectivity),
        "partners": [partner.name for partner in action.partners.all()],
        "start": action.start,
        "end": action.end,
        "status": action.status,
        "status_label": action.get_status_display(),
        "progress": action.progress,
        "budget": action.budget,
        "funded": action.funded_total(),
        "secured": action.secured_total(),
        "indicators": [_indicator(indicator) for indicator in action.indicators.all()],
    }


def _indicator(indicator):
    latest = indicator.latest()
    return {
        "name": indicator.name,
        "unit": indicator.unit,
        "baseline": indicator.baseline,
        "target": indicator.target,
        "latest": latest.value if latest else None,
        "latest_on": latest.date if latest else None,
        "reached": indicator.reached_percent(),
    }
