"""Comparison territories to suggest for a diagnostic, each with its reason.

Atouts and faiblesses are judged against neighbouring or comparable territories (seed 000):
- neighbours: the territories of the same kind in the same département (for a grouping, the
  EPCI of its département(s));
- comparable: the same kind, in the same région, with a population within ±50 %.
One SQL query picks them, the closest populations first.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.db.models.functions import Abs

from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory

LIMIT = 20
NBSP = "\u00a0"
NEIGHBOUR_REASONS = {
    Kind.COMMUNE: "commune voisine du même département",
    Kind.EPCI: "EPCI voisin du même département",
}
GROUPING_NEIGHBOUR_REASON = "EPCI du même département"


@dataclass(frozen=True)
class Suggestion:
    territory: Territory
    reasons: tuple

    @property
    def reason(self):
        """The reasons in one French phrase, capitalised."""
        text = f"{NBSP}; ".join(self.reasons)
        return text[:1].upper() + text[1:]


def suggest_comparisons(diagnostic, limit=LIMIT):
    """[Suggestion] for the diagnostic's territory, leaving out those already chosen."""
    target = diagnostic.territory
    kind = Kind.EPCI if target.kind == Kind.GROUPING else target.kind
    candidates = (
        Territory.objects.filter(kind=kind)
        .exclude(pk=target.pk)
        .exclude(pk__in=diagnostic.comparisons.values("territory"))
        .annotate(
            neighbour=_as_boolean(_neighbour_condition(target, kind)),
            comparable=_as_boolean(_comparable_condition(target, kind)),
        )
        .filter(Q(neighbour=True) | Q(comparable=True))
    )
    if target.population:
        candidates = candidates.annotate(gap=Abs(F("population") - target.population))
        candidates = candidates.order_by(F("gap").asc(nulls_last=True), "name", "pk")
    else:
        candidates = candidates.order_by("name", "pk")
    return [_suggestion(target, territory) for territory in candidates[:limit]]


def _as_boolean(condition):
    if condition is None:
        return Value(False)
    return ExpressionWrapper(condition, output_field=BooleanField())


def _parents(target, field):
    """The target's départements or régions ("departement", "region"): its own for a commune
    or a département, else those of its communes (an EPCI can span two départements)."""
    if target.kind == Kind.COMMUNE or (target.kind == Kind.DEPARTEMENT and field == "region"):
        return [getattr(target, f"{field}_id")]
    return target.communes().values(field)


def _neighbour_condition(target, kind):
    if kind == Kind.COMMUNE:
        return Q(departement__in=_parents(target, "departement"))
    if kind == Kind.EPCI:
        return _epci_with_communes_in("departement", _parents(target, "departement"))
    return None


def _comparable_condition(target, kind):
    if not target.population:
        return None
    low, high = (target.population + 1) // 2, target.population * 3 // 2
    in_range = Q(population__gte=low, population__lte=high)
    if kind == Kind.REGION:
        return in_range
    regions = _parents(target, "region")
    if kind == Kind.EPCI:
        return in_range & _epci_with_communes_in("region", regions)
    return in_range & Q(region__in=regions)


def _epci_with_communes_in(field, parents):
    return Q(
        Exists(
            Territory.objects.filter(
                kind=Kind.COMMUNE, epci=OuterRef("pk"), **{f"{field}__in": parents}
            )
        )
    )


def _suggestion(target, territory):
    reasons = []
    if territory.neighbour:
        reasons.append(
            GROUPING_NEIGHBOUR_REASON
            if target.kind == Kind.GROUPING
            else NEIGHBOUR_REASONS[territory.kind]
        )
    if territory.comparable:
        reasons.append(_comparable_reason(target, territory))
    return Suggestion(territory=territory, reasons=tuple(reasons))


def _comparable_reason(target, territory):
    gap = round((territory.population - target.population) * 100 / target.population)
    sign = "+" if gap >= 0 else "\u2212"
    where = "" if target.kind == Kind.REGION else "même région, "
    return f"{where}population comparable ({sign}{abs(gap)}{NBSP}%)"
