"""The PTCE's domain rules, pure (no database): eligibility under decree 2015-431, consolidated
figures of the members, self-financing of the animation cell, funding totals and the benchmark
against the RTES study of 42 PTCE.

The functions read attributes, so they take model instances as well as the small dataclasses
below (which document what they read and serve the tests):

- a member: member_type, joined_on, left_on, employees (declared, or None), size_band (SIRENE
  band of the actor, "" when unknown), budget (Decimal or None);
- an animation year: year, budget, fte, self_financed;
- a funding line: year, funder_name, amount, nature, origin, is_collectivite.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from actors.enums import SIZE_BOUNDS
from ptce.enums import (
    OTHER_PARTNER_TYPES,
    FundingNature,
    FundingOrigin,
    LegalForm,
    MemberType,
)

NBSP = "\u00a0"
MIN_LEGAL_PERSONS = 3


@dataclass(frozen=True)
class MemberFacts:
    member_type: str
    joined_on: date | None = None
    left_on: date | None = None
    employees: int | None = None
    size_band: str = ""
    budget: Decimal | None = None


@dataclass(frozen=True)
class YearFacts:
    year: int
    budget: Decimal
    fte: Decimal = Decimal(0)
    self_financed: Decimal = Decimal(0)


@dataclass(frozen=True)
class FundingFacts:
    year: int
    funder_name: str
    amount: Decimal
    nature: str = FundingNature.OPERATING
    origin: str = FundingOrigin.PUBLIC
    is_collectivite: bool = False


# Members


def is_current(member, today):
    """A member counts from the day it joins (or always, without a date) until the day it
    leaves: a departure dated today or earlier has happened."""
    joined = member.joined_on is None or member.joined_on <= today
    return joined and (member.left_on is None or member.left_on > today)


def current_members(members, today):
    return [member for member in members if is_current(member, today)]


# Eligibility (decree 2015-431)


@dataclass(frozen=True)
class Eligibility:
    eligible: bool
    missing: list[str]

    def as_dict(self):
        return {"eligible": self.eligible, "missing": list(self.missing)}


def legal_form_problem(legal_form):
    """Why the pole is not a private legal person, or None."""
    if not legal_form:
        return (
            f"Forme juridique du pôle non renseignée{NBSP}: le pôle doit être une personne "
            "morale de droit privé (association, SCIC, GIE…)."
        )
    if legal_form == LegalForm.INFORMAL:
        return (
            f"Le pôle est un groupement informel{NBSP}: il doit être constitué en personne "
            "morale de droit privé (association, SCIC, GIE…)."
        )
    return None


def membership_problems(types):
    """What the current members' types (a list) lack."""
    problems = []
    if len(types) < MIN_LEGAL_PERSONS:
        problems.append(
            f"Au moins {MIN_LEGAL_PERSONS} personnes morales membres (actuellement {len(types)})."
        )
    if MemberType.ESS not in types:
        problems.append("Au moins une entreprise de l'économie sociale et solidaire.")
    if MemberType.COMPANY not in types:
        problems.append("Au moins une entreprise hors ESS.")
    if not any(member_type in OTHER_PARTNER_TYPES for member_type in types):
        problems.append(
            f"Au moins un autre partenaire de l'article 9{NBSP}: collectivité territoriale "
            "ou groupement, centre de recherche, organisme de formation ou autre personne."
        )
    return problems


def eligibility(legal_form, members, today):
    """Eligibility under decree 2015-431: a private legal person grouping at least three legal
    persons, among them an ESS enterprise, a non-ESS enterprise and another article-9 partner.
    Only current members count."""
    types = [member.member_type for member in current_members(members, today)]
    missing = [legal_form_problem(legal_form), *membership_problems(types)]
    missing = [reason for reason in missing if reason]
    return Eligibility(eligible=not missing, missing=missing)


# Consolidated figures


def estimated_employees(size_band):
    """The middle of a SIRENE band (10 à 19 salariés: 14,5), or None for an unknown band."""
    bounds = SIZE_BOUNDS.get(size_band or "")
    if bounds is None:
        return None
    low, high = bounds
    return (Decimal(low) + Decimal(high)) / 2


def member_employees(member):
    """(employees, how): the declared figure, else the SIRENE band's estimate, else unknown."""
    if member.employees is not None:
        return Decimal(member.employees), "declared"
    estimate = estimated_employees(member.size_band)
    if estimate is not None:
        return estimate, "estimated"
    return None, "unknown"


@dataclass
class Figures:
    members: int = 0
    by_type: list = field(default_factory=list)
    ess: int = 0
    non_ess: int = 0
    employees: int = 0
    employees_declared: int = 0
    employees_estimated: int = 0
    employees_unknown: int = 0
    budget: Decimal = Decimal(0)
    budget_unknown: int = 0

    def as_dict(self):
        data = {key: value for key, value in vars(self).items() if key != "by_type"}
        data["by_type"] = [
            {"type": value, "label": label, "count": count} for value, label, count in self.by_type
        ]
        return data


def consolidated_figures(members, today):
    """Counts, employees and budget of the current members.

    Employees: each member's declared figure, else the middle of its SIRENE band; members with
    neither are counted apart (`employees_unknown`). Budget: the sum of the known budgets."""
    members = current_members(members, today)
    counts = Counter(member.member_type for member in members)
    figures = Figures(members=len(members), ess=counts[MemberType.ESS])
    figures.non_ess = figures.members - figures.ess
    figures.by_type = [(t.value, t.label, counts[t]) for t in MemberType if counts[t]]
    total = Decimal(0)
    for member in members:
        employees, how = member_employees(member)
        setattr(figures, f"employees_{how}", getattr(figures, f"employees_{how}") + 1)
        total += employees or 0
        if member.budget is None:
            figures.budget_unknown += 1
        else:
            figures.budget += member.budget
    figures.employees = int(total.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return figures


# Animation cell and funding


def self_financing_share(budget, self_financed):
    """The self-financed part of the animation budget, in percent to one decimal; None when
    the budget is zero or unknown (a share of nothing means nothing)."""
    if not budget or self_financed is None:
        return None
    share = Decimal(self_financed) * 100 / Decimal(budget)
    return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class YearFunding:
    year: int
    total: Decimal = Decimal(0)
    by_nature: dict = field(default_factory=dict)
    by_origin: dict = field(default_factory=dict)
    collectivites: set = field(default_factory=set)
    collectivite_amount: Decimal = Decimal(0)


def funding_by_year(lines):
    """{year: YearFunding} with totals by nature, by origin and the collectivités' share."""
    years = {}
    for line in lines:
        funding = years.setdefault(line.year, YearFunding(line.year))
        funding.total += line.amount
        funding.by_nature[line.nature] = funding.by_nature.get(line.nature, 0) + line.amount
        funding.by_origin[line.origin] = funding.by_origin.get(line.origin, 0) + line.amount
        if line.is_collectivite:
            funding.collectivites.add(line.funder_name.strip().lower())
            funding.collectivite_amount += line.amount
    return dict(sorted(years.items()))


def reference_year(years, today):
    """The latest year not after this one, else the earliest year to come; None without any."""
    years = sorted(set(years))
    past = [year for year in years if year <= today.year]
    if past:
        return past[-1]
    return years[0] if years else None


# Benchmark against the RTES study of 42 PTCE (seed 002)

BENCHMARK_SOURCE = "RTES, étude sur 42 PTCE"
BENCHMARK_STUDY = (
    f"«{NBSP}Le rôle des collectivités dans les dynamiques de PTCE{NBSP}», étude du RTES avec "
    "l'Atelier Coopératif, analyse quantitative de 42 dynamiques de PTCE"
)
QUOTE_CELL = (
    "des cellules d’animation d’un budget annuel de fonctionnement de 152 K Euros autofinancé "
    "à 32% et animée par 2 ETP"
)
QUOTE_MEMBERS = (
    "des regroupements de 11 structures salariant 110 personnes pour un budget consolidé de "
    "5 Millions d’Euros"
)
QUOTE_COLLECTIVITES = (
    "en moyenne sur chaque projet étudié deux collectivités impliquées (tant en fonctionnement "
    "qu’en investissement) pour un total de 50 K Euros"
)
QUOTES = (QUOTE_CELL, QUOTE_MEMBERS, QUOTE_COLLECTIVITES)
MEDIAN, MEAN = "médiane", "moyenne"
EUROS, PERCENT, FTE, COUNT = "euros", "pourcentage", "etp", "nombre"


@dataclass(frozen=True)
class Reference:
    """A figure of the study: counts are int, amounts, shares and FTE Decimal."""

    key: str
    label: str
    median: int | Decimal
    unit: str
    quote: str
    statistic: str = MEDIAN


REFERENCES = (
    Reference("animation_budget", "Budget annuel de la cellule d'animation", Decimal(152_000),
              EUROS, QUOTE_CELL),
    Reference("self_financing_share", "Part autofinancée de la cellule d'animation",
              Decimal(32), PERCENT, QUOTE_CELL),
    Reference("animation_fte", "Équivalents temps plein de la cellule d'animation", Decimal(2),
              FTE, QUOTE_CELL),
    Reference("structures", "Structures membres", 11, COUNT, QUOTE_MEMBERS),
    Reference("employees", "Salariés des structures membres", 110, COUNT, QUOTE_MEMBERS),
    Reference("consolidated_budget", "Budget consolidé des membres", Decimal(5_000_000), EUROS,
              QUOTE_MEMBERS),
    Reference("collectivites", "Collectivités qui financent le pôle", 2, COUNT,
              QUOTE_COLLECTIVITES, MEAN),
    Reference("collectivite_funding", "Financements des collectivités", Decimal(50_000), EUROS,
              QUOTE_COLLECTIVITES, MEAN),
)  # fmt: skip


@dataclass(frozen=True)
class Measure:
    reference: Reference
    value: Decimal | None
    year: int | None = None

    @property
    def gap(self):
        """value − reference value, in the measure's unit (percentage points for a share)."""
        return None if self.value is None else self.value - self.reference.median

    @property
    def quote_number(self):
        """The number of the reference's quote in QUOTES, from 1 (for footnotes)."""
        return QUOTES.index(self.reference.quote) + 1

    @property
    def position(self):
        if self.gap is None:
            return "non renseigné"
        if self.gap == 0:
            return "égal"
        return "au-dessus" if self.gap > 0 else "en dessous"

    def as_dict(self):
        ref = self.reference
        return {
            "key": ref.key,
            "label": ref.label,
            "unit": ref.unit,
            "year": self.year,
            "value": self.value,
            "median": ref.median,
            "statistic": ref.statistic,
            "gap": self.gap,
            "source": BENCHMARK_SOURCE,
            "quote": ref.quote,
        }


def _animation_values(animation_years, today):
    by_year = {year.year: year for year in animation_years}
    year = reference_year(by_year, today)
    if year is None:
        return {}, None
    cell = by_year[year]
    share = self_financing_share(cell.budget, cell.self_financed)
    values = {"animation_budget": cell.budget, "self_financing_share": share}
    return {**values, "animation_fte": cell.fte}, year


def _funding_values(funding_lines, today):
    years = funding_by_year(funding_lines)
    year = reference_year(years, today)
    if year is None:
        return {}, None
    funding = years[year]
    values = {"collectivites": len(funding.collectivites)}
    return {**values, "collectivite_funding": funding.collectivite_amount}, year


def _member_values(figures):
    known = figures.members == 0 or figures.employees_unknown < figures.members
    budget_known = figures.members == 0 or figures.budget_unknown < figures.members
    return {
        "structures": figures.members,
        "employees": figures.employees if known else None,
        "consolidated_budget": figures.budget if budget_known else None,
    }


def benchmark(*, figures, animation_years, funding_lines, today):
    """[Measure] of the PTCE beside the RTES references, in the order of REFERENCES.

    The animation cell and the funding are read in their reference year (the latest one not
    after this year); a measure without data has the value None."""
    animation, animation_year = _animation_values(animation_years, today)
    funding, funding_year = _funding_values(funding_lines, today)
    values = {**animation, **funding, **_member_values(figures)}
    years = dict.fromkeys(animation, animation_year) | dict.fromkeys(funding, funding_year)
    return [Measure(ref, values.get(ref.key), years.get(ref.key)) for ref in REFERENCES]
