"""A pole's collected data turned into what the documents show, on the day of rendering:
current members, consolidated figures, eligibility (decree 2015-431) criterion by criterion,
funding totals and the benchmark against the RTES study of 42 PTCE, all in French.

The rules are those of the pole's page (ptce/rules.py), applied to the collected data: the
rules read attributes, so each member, year and funding line becomes a SimpleNamespace.
"""

from decimal import Decimal
from types import SimpleNamespace

from essterritoire.reports.charts import chart_comparison
from essterritoire.reports.formats import NBSP, day, money, number, percent
from ptce import rules
from ptce.enums import OTHER_PARTNER_TYPES, FundingOrigin, MemberType
from ptce.report.text import (
    count,
    fte,
    gap_in_unit,
    in_unit,
    plural,
    quoted,
    to_date,
    to_decimal,
)


def members_of(data):
    return [
        SimpleNamespace(
            **member,
            joined=to_date(member["joined_on"]),
            left=to_date(member["left_on"]),
        )
        for member in data["members"]
    ]


def _facts(members):
    """The members as the rules read them (dates and amounts typed)."""
    return [
        rules.MemberFacts(
            member_type=m.type,
            joined_on=m.joined,
            left_on=m.left,
            employees=m.employees,
            size_band=m.size_band or "",
            budget=to_decimal(m.budget),
        )
        for m in members
    ]


def years_of(data):
    return [
        rules.YearFacts(
            year=year["year"],
            budget=to_decimal(year["budget"]),
            fte=to_decimal(year["fte"]),
            self_financed=to_decimal(year["self_financed"]),
        )
        for year in data["animation"]
    ]


def lines_of(data):
    return [
        rules.FundingFacts(
            year=line["year"],
            funder_name=line["funder"],
            amount=to_decimal(line["amount"]),
            nature=line["nature"],
            origin=line["origin"],
            is_collectivite=line["is_collectivite"],
        )
        for line in data["funding"]
    ]


def prepare_pole(data, today, *, chart_id="ptce-reperes", with_chart=True):
    """Everything the sheet and the report's summary show of one pole."""
    members = members_of(data)
    facts = _facts(members)
    figures = rules.consolidated_figures(facts, today)
    years, lines = years_of(data), lines_of(data)
    measures = rules.benchmark(
        figures=figures, animation_years=years, funding_lines=lines, today=today
    )
    benchmark = benchmark_view(measures)
    return {
        **data,
        "created_on_text": day(data["created_on"], empty="non renseignée"),
        "perimeter_text": _perimeter_text(data),
        "diagnostics_text": f"{NBSP}; ".join(data["diagnostics"]),
        "composition": composition(members, facts, figures, today),
        "eligibility": eligibility_view(data, facts, today),
        "animation": animation_view(years),
        "funding": funding_view(data, years, lines),
        "projects": [_project(project) for project in data["projects"]],
        "benchmark": benchmark,
        "chart": benchmark_chart(benchmark, chart_id) if with_chart else "",
        "key_figures": key_figures(figures, years, today),
    }


def _perimeter_text(data):
    perimeter = data["perimeter"]
    if perimeter:
        kind = perimeter["kind"]
        kind = kind if kind.isupper() else kind.lower()  # "EPCI" stays, "Commune" does not
        return f"{perimeter['name']} ({kind})"
    if data["communes"]:
        return plural(len(data["communes"]), "commune")
    return "périmètre non renseigné"


# Members


def composition(members, facts, figures, today):
    current = [m for m, f in zip(members, facts, strict=True) if rules.is_current(f, today)]
    others = [m for m, f in zip(members, facts, strict=True) if not rules.is_current(f, today)]
    return {
        "current": [_member_row(member) for member in current],
        "former": [_other_member(member, today) for member in others],
        "by_type": [
            {"label": label, "count": amount, "ess": value == MemberType.ESS}
            for value, label, amount in figures.by_type
        ],
        "count": figures.members,
        "ess": figures.ess,
        "non_ess": figures.non_ess,
        "employees": count(figures.employees),
        "employees_note": _employees_note(figures),
        "budget": money(figures.budget) if figures.budget_unknown < figures.members else "—",
        "budget_note": _budget_note(figures),
    }


def _member_row(member):
    employees, how = rules.member_employees(
        rules.MemberFacts(member.type, employees=member.employees, size_band=member.size_band)
    )
    whole = employees is None or employees == employees.to_integral_value()
    shown = "—" if employees is None else number(employees, 0 if whole else 1)
    return {
        "name": member.name,
        "type_label": member.type_label,
        "ess": member.type == MemberType.ESS,
        "role": member.role or "—",
        "joined": day(member.joined),
        "employees": f"≈{NBSP}{shown}" if how == "estimated" else shown,
        "estimated": how == "estimated",
    }


def _other_member(member, today):
    if member.joined and member.joined > today:
        return f"{member.name} (entrée prévue le {day(member.joined)})"
    return f"{member.name} (sorti le {day(member.left)})"


def _employees_note(figures):
    parts = []
    if figures.employees_estimated:
        parts.append(
            f"{plural(figures.employees_estimated, 'effectif')} estimé"
            f"{'s' if figures.employees_estimated > 1 else ''} d'après la tranche SIRENE"
        )
    if figures.employees_unknown:
        parts.append(f"{plural(figures.employees_unknown, 'membre')} sans effectif connu")
    return f"{NBSP}; ".join(parts)


def _budget_note(figures):
    if not figures.budget_unknown:
        return ""
    unknown = figures.budget_unknown
    return f"{plural(unknown, 'membre')} sans budget renseigné"


# Eligibility (decree 2015-431)


def eligibility_view(data, facts, today):
    """The verdict from ptce.rules, and each criterion of the decree met or not."""
    verdict = rules.eligibility(data["legal_form"], facts, today)
    types = [f.member_type for f in rules.current_members(facts, today)]
    legal_problem = rules.legal_form_problem(data["legal_form"])
    criteria = [
        (
            "Personne morale de droit privé",
            legal_problem is None,
            data["legal_form_label"] or "forme juridique non renseignée",
        ),
        (
            f"Au moins {rules.MIN_LEGAL_PERSONS} personnes morales membres",
            len(types) >= rules.MIN_LEGAL_PERSONS,
            plural(len(types), "membre actuel", "membres actuels"),
        ),
        _type_criterion("Au moins une entreprise de l'ESS", types, (MemberType.ESS,)),
        _type_criterion("Au moins une entreprise hors ESS", types, (MemberType.COMPANY,)),
        _type_criterion("Au moins un autre partenaire de l'article 9", types, OTHER_PARTNER_TYPES),
    ]
    return {
        "eligible": verdict.eligible,
        "verdict": "Éligible" if verdict.eligible else "Non éligible",
        "missing": verdict.missing,
        "criteria": [
            {"label": label, "met": met, "situation": situation}
            for label, met, situation in criteria
        ],
    }


def _type_criterion(label, types, wanted):
    found = sum(1 for member_type in types if member_type in wanted)
    return label, found > 0, plural(found, "membre")


# Animation cell and funding


def animation_view(years):
    return [
        {
            "year": year.year,
            "budget": money(year.budget),
            "fte": fte(year.fte),
            "self_financed": money(year.self_financed),
            "share": percent(rules.self_financing_share(year.budget, year.self_financed)),
        }
        for year in years
    ]


def funding_view(data, years, lines):
    """The animation cell and the money received, year by year, then the funding lines."""
    cells = {year.year: year for year in years}
    received = rules.funding_by_year(lines)
    rows = []
    for year in sorted(set(cells) | set(received)):
        cell, funding = cells.get(year), received.get(year)
        share = rules.self_financing_share(cell.budget, cell.self_financed) if cell else None
        rows.append(
            {
                "year": year,
                "budget": money(cell.budget) if cell else "—",
                "fte": fte(cell.fte) if cell else "—",
                "self_financed": money(cell.self_financed) if cell else "—",
                "share": percent(share),
                "received": money(funding.total) if funding else "—",
                "public": money(funding.by_origin.get(FundingOrigin.PUBLIC, 0)) if funding else "—",
                "collectivites": count(len(funding.collectivites)) if funding else "0",
                "collectivite_amount": money(funding.collectivite_amount) if funding else "—",
            }
        )
    lines = [
        {**line, "amount": money(line["amount"]), "purpose": line["purpose"] or "—"}
        for line in data["funding"]
    ]
    return {"years": rows, "lines": lines}


def _project(project):
    start, end = project["start_on"], project["end_on"]
    if start and end:
        period = f"du {day(start)} au {day(end)}"
    elif start:
        period = f"depuis le {day(start)}"
    else:
        period = f"jusqu'au {day(end)}" if end else ""
    return {**project, "period": period}


# Benchmark against the RTES study of 42 PTCE


def benchmark_view(measures):
    rows = []
    for measure in measures:
        reference = measure.reference
        ratio = None
        if measure.value is not None and reference.median:
            ratio = Decimal(measure.value) * 100 / Decimal(reference.median)
            ratio = ratio.quantize(Decimal("0.1"))
        rows.append(
            {
                "key": reference.key,
                "label": reference.label,
                "year": measure.year,
                "value": in_unit(measure.value, reference.unit),
                "reference": in_unit(reference.median, reference.unit),
                "statistic": reference.statistic,
                "gap": gap_in_unit(measure.gap, reference.unit),
                "ratio": ratio,
                "ratio_text": percent(ratio, 1),
                "quote": measure.quote_number,
            }
        )
    return {
        "rows": rows,
        "source": rules.BENCHMARK_SOURCE,
        "study": rules.BENCHMARK_STUDY,
        "quotes": [quoted(quote) for quote in rules.QUOTES],
    }


def benchmark_chart(benchmark, chart_id):
    """Each measure of the pole as a share of the study's figure (100 % = the median or the
    mean of the 42 PTCE); measures without data are named in the chart's description."""
    rows = [(row["label"], row["ratio"], "target") for row in benchmark["rows"]]
    if all(value is None for _, value, _ in rows):
        return ""
    return chart_comparison(
        rows,
        title=f"Ce pôle rapporté aux repères de l'étude du RTES (100{NBSP}% = repère)",
        source=f"{rules.BENCHMARK_SOURCE}{NBSP}; données du pôle",
        chart_id=chart_id,
        percent_values=True,
    )


# Key figures


def key_figures(figures, years, today):
    """The six figures at the top of the sheet; the animation cell in its reference year."""
    year = rules.reference_year([y.year for y in years], today)
    cell = next((y for y in years if y.year == year), None)
    share = rules.self_financing_share(cell.budget, cell.self_financed) if cell else None
    median_share = percent(_reference("self_financing_share").median, 0)
    budget_note = _budget_note(figures)
    return [
        {"value": count(figures.members), "label": "membres actuels", "note": ""},
        {
            "value": f"{count(figures.ess)} / {count(figures.non_ess)}",
            "label": "structures de l'ESS / hors ESS",
            "note": "",
        },
        {"value": count(figures.employees), "label": "salariés des membres", "note": ""},
        {
            "value": money(cell.budget) if cell else "—",
            "label": "budget de la cellule d'animation",
            "note": f"en {year}, {fte(cell.fte)}" if cell else "non renseigné",
        },
        {
            "value": percent(share),
            "label": "part autofinancée de la cellule",
            "note": f"repère RTES{NBSP}: {median_share}",
        },
        {
            "value": money(figures.budget) if figures.budget_unknown < figures.members else "—",
            "label": "budget consolidé des membres",
            "note": budget_note,
        },
    ]


def _reference(key):
    return next(reference for reference in rules.REFERENCES if reference.key == key)
