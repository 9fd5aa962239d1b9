"""Reads of a PTCE shared by its page, its exports and the export_ptce command: the "sheet"
(members, figures, eligibility, animation, funding, mutualisations, projects, benchmark) in a
fixed number of queries whatever the number of members, and its JSON document."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from ptce import rules
from ptce.enums import FundingNature, FundingOrigin
from ptce.models import Member

ZERO = Decimal("0.00")
MEMBERS_WITH_ACTOR = Member.objects.select_related("actor", "actor__establishment")


@dataclass
class Sheet:
    """Everything the pole's page shows, computed once."""

    ptce: object
    today: date
    members: list
    current: list
    figures: rules.Figures
    eligibility: rules.Eligibility
    years: list
    lines: list
    funding: list
    mutualisations: list
    projects: list
    benchmark: list


def members_of(ptce):
    return list(MEMBERS_WITH_ACTOR.filter(ptce=ptce).order_by("actor__normalized_name", "pk"))


def ptce_sheet(ptce, today=None):
    today = today or timezone.localdate()
    members = members_of(ptce)
    figures = rules.consolidated_figures(members, today)
    years = list(ptce.animation_years.order_by("year"))
    lines = list(ptce.funding_lines.select_related("funder_actor").order_by("year", "-amount"))
    with_members = Prefetch("members", MEMBERS_WITH_ACTOR.order_by("actor__normalized_name"))
    return Sheet(
        ptce=ptce,
        today=today,
        members=members,
        current=rules.current_members(members, today),
        figures=figures,
        eligibility=ptce.eligibility_from(members, today),
        years=years,
        lines=lines,
        funding=list(rules.funding_by_year(lines).values()),
        mutualisations=list(ptce.mutualisations.prefetch_related(with_members)),
        projects=list(ptce.cooperation_projects.prefetch_related(with_members)),
        benchmark=rules.benchmark(
            figures=figures, animation_years=years, funding_lines=lines, today=today
        ),
    )


# The JSON document. Decimal values are strings in plain notation ("152000.00", "31.6"), so
# that no amount goes through a binary float; counts and years are numbers; dates ISO 8601.


def member_row(member, today):
    employees, how = rules.member_employees(member)
    return {
        "name": member.actor.name,
        "siret": member.actor.siret,
        "type": member.member_type,
        "type_label": member.get_member_type_display(),
        "role": member.role,
        "joined": member.joined_on,
        "left": member.left_on,
        "current": rules.is_current(member, today),
        "employees": employees,
        "employees_source": how,
        "budget": member.budget,
    }


def funding_document(sheet):
    lines = [
        {
            "year": line.year,
            "funder": line.funder_name,
            "funder_siret": line.funder_actor.siret if line.funder_actor_id else "",
            "amount": line.amount,
            "nature": line.nature,
            "origin": line.origin,
            "is_collectivite": line.is_collectivite,
            "purpose": line.purpose,
        }
        for line in sheet.lines
    ]
    return {"lines": lines, "by_year": [year_totals(funding) for funding in sheet.funding]}


def year_totals(funding):
    return {
        "year": funding.year,
        "total": funding.total,
        "by_nature": {n.value: funding.by_nature.get(n.value, ZERO) for n in FundingNature},
        "by_origin": {o.value: funding.by_origin.get(o.value, ZERO) for o in FundingOrigin},
        "collectivites": len(funding.collectivites),
        "collectivite_amount": funding.collectivite_amount,
    }


def animation_document(sheet):
    return [
        {
            "year": year.year,
            "budget": year.budget,
            "fte": year.fte,
            "self_financed": year.self_financed,
            "self_financing_share": year.self_financing_share,
        }
        for year in sheet.years
    ]


def parts_document(sheet):
    def names(part):
        return [member.actor.name for member in part.members.all()]

    mutualisations = [
        {"kind": m.kind, "kind_label": m.get_kind_display(), "description": m.description}
        | {"members": names(m)}
        for m in sheet.mutualisations
    ]
    projects = [
        {"title": p.title, "status": p.status, "start": p.start_on, "end": p.end_on}
        | {"description": p.description, "members": names(p)}
        for p in sheet.projects
    ]
    return mutualisations, projects


def ptce_document(sheet):
    """The pole as a JSON-ready dict (see the module's note on Decimal values)."""
    ptce = sheet.ptce
    mutualisations, projects = parts_document(sheet)
    return jsonable(
        {
            "id": ptce.pk,
            "name": ptce.name,
            "stage": ptce.stage,
            "stage_label": ptce.get_stage_display(),
            "legal_form": ptce.legal_form,
            "perimeter": ptce.perimeter.ref if ptce.perimeter_id else None,
            "communes": [c.code for c in ptce.communes.order_by("code")],
            "sectors": ptce.sector_labels,
            "created_on": ptce.created_on,
            "pilot": ptce.pilot.name if ptce.pilot_id else None,
            "members": [member_row(member, sheet.today) for member in sheet.members],
            "figures": sheet.figures.as_dict(),
            "animation": animation_document(sheet),
            "funding": funding_document(sheet),
            "mutualisations": mutualisations,
            "cooperation_projects": projects,
            "eligibility": sheet.eligibility.as_dict(),
            "benchmark": {m.reference.key: m.as_dict() for m in sheet.benchmark},
            "benchmark_source": {"source": rules.BENCHMARK_SOURCE, "study": rules.BENCHMARK_STUDY},
        }
    )


def jsonable(value):
    """Decimals as plain-notation strings, dates as ISO strings, containers walked."""
    if isinstance(value, dict):
        return {key: jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return value
