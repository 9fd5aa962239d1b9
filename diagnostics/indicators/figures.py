"""Counting the establishments of a territory in SQL: the aggregate expressions, and the sums
they give read into the figures every page shows.

Employees of ESS employer establishments are known only by tranche d'effectifs: the bounds are
summed with a CASE on the tranche (SIZE_BOUNDS of the SIRENE import, the open top tranche
capped), and the central estimate is the SIRENE import's own (actors.sirene.summary).
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from actors.enums import ESS_FAMILIES, SIZE_BOUNDS
from actors.sirene.summary import FAMILIES, Summary

ESS = tuple(family.value for family in ESS_FAMILIES)
ESS_Q = Q(family__in=ESS)
EMPLOYER_Q = Q(employer=True)


def _bound(index):
    whens = [
        When(size_band=band, then=Value(bounds[index]))
        for band, bounds in SIZE_BOUNDS.items()
        if bounds[index]
    ]
    return Case(*whens, default=Value(0), output_field=IntegerField())


LOW, HIGH = _bound(0), _bound(1)


def central_estimate(low, high):
    """The central estimate of employees between two bounds, as the SIRENE import gives it."""
    return Summary(ess_employees_min=low, ess_employees_max=high).ess_employees_estimate


def employees(low, high):
    low, high = low or 0, high or 0
    return {"min": low, "max": high, "estimate": central_estimate(low, high)}


def ess_aggregates():
    """Aggregates over the ESS establishments of a queryset: how many, how many employers, and
    the bounds of their employees."""
    return {
        "n_ess": Count("pk"),
        "n_ess_employer": Count("pk", filter=EMPLOYER_Q),
        "low": Sum(LOW, filter=EMPLOYER_Q),
        "high": Sum(HIGH, filter=EMPLOYER_Q),
    }


def all_aggregates():
    """Aggregates over all the establishments of a queryset, with the ESS ones apart (named
    n_... so that they never shadow the fields they filter on)."""
    ess_employer = ESS_Q & EMPLOYER_Q
    return {
        "n_active": Count("pk"),
        "n_employer": Count("pk", filter=EMPLOYER_Q),
        "n_ess": Count("pk", filter=ESS_Q),
        "n_ess_employer": Count("pk", filter=ess_employer),
        "low": Sum(LOW, filter=ess_employer),
        "high": Sum(HIGH, filter=ess_employer),
    }


def family_aggregates():
    """Per (family, employer) group: how many, and the bounds of their employees."""
    return {"n": Count("pk"), "low": Sum(LOW), "high": Sum(HIGH)}


def share(part, whole, places="0.1"):
    """part / whole in percent, a Decimal rounded half up; None when whole is 0 or unknown."""
    if not whole or part is None:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def per_thousand(part, population):
    """part per 1 000 inhabitants, rounded to 0.1; None without a population."""
    if not population or part is None:
        return None
    value = Decimal(part) * 1000 / Decimal(population)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    """The key figures of a territory, from the rows of a (family, employer) aggregation."""

    active: int = 0
    employer: int = 0
    by_family: dict = field(default_factory=lambda: dict.fromkeys(FAMILIES, 0))
    employer_by_family: dict = field(default_factory=lambda: dict.fromkeys(FAMILIES, 0))
    unclassified: int = 0
    low: int = 0
    high: int = 0

    def add(self, family, employer, count, low, high):
        """Add one aggregated row (family, employer flag, count, employee bounds)."""
        self.active += count
        if employer:
            self.employer += count
        if family not in self.by_family:
            self.unclassified += count
            return
        self.by_family[family] += count
        if employer:
            self.employer_by_family[family] += count
            if family in ESS:
                self.low += low or 0
                self.high += high or 0

    @property
    def ess(self):
        return sum(self.by_family[family] for family in ESS)

    @property
    def ess_employer(self):
        return sum(self.employer_by_family[family] for family in ESS)

    @property
    def employees(self):
        return employees(self.low, self.high)

    @property
    def ess_share_of_employers(self):
        """ESS employer establishments among all employer establishments, in percent."""
        return share(self.ess_employer, self.employer)

    def establishments(self):
        """The `establishments` object of the indicators document."""
        return {
            "active": self.active,
            "employer": self.employer,
            "ess": self.ess,
            "ess_employer": self.ess_employer,
            "by_family": dict(self.by_family),
            "employer_by_family": dict(self.employer_by_family),
        }


def figures_from_rows(rows):
    """Figures from dicts with family, employer, n, low, high (see family_aggregates)."""
    figures = Figures()
    for row in rows:
        figures.add(row["family"], row["employer"], row["n"], row["low"], row["high"])
    return figures
