"""AFOM items suggested by the figures: rules kept as data, read against a Comparison.

Internal quadrants (atouts, faiblesses) come from clear gaps with the comparison territories:
the territory's ratio is at least THRESHOLD above (atout) or below (faiblesse) the median of
its peers, with at least MIN_PEERS peers that have the figure. External quadrants
(opportunités, menaces) come from the supra-territorial trend: the imported ESS employment of
the région rising or falling by at least TREND over its series.

A suggestion's `key` names the rule and the quadrant: an editor's decision (accept, reject) is
kept under it (SuggestionDecision), so the suggestion is not offered again.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from diagnostics.enums import Quadrant
from diagnostics.indicators import imported
from diagnostics.indicators.comparisons import IMPORTED_METRICS, METRICS_BY_CODE, REGION
from diagnostics.indicators.imported import json_number
from diagnostics.indicators.sources import imported_source, sirene_source
from essterritoire.reports.formats import NBSP, number, percent, signed

THRESHOLD = Decimal("0.15")
MIN_PEERS = 2
TREND = Decimal("0.03")
TREND_INDICATOR = "effectifs_salaries.ess"


@dataclass(frozen=True)
class GapRule:
    metric: str
    above: str  # title when the territory is clearly above its peers
    below: str


GAP_RULES = (
    GapRule(
        "ess_share_of_employment",
        "Un poids de l'ESS dans l'emploi supérieur aux territoires comparables",
        "Un poids de l'ESS dans l'emploi inférieur aux territoires comparables",
    ),
    GapRule(
        "ess_share_of_employers",
        "Une part d'établissements employeurs de l'ESS supérieure aux territoires comparables",
        "Une part d'établissements employeurs de l'ESS inférieure aux territoires comparables",
    ),
    GapRule(
        "employees_per_1000",
        "Davantage d'emplois de l'ESS par habitant que les territoires comparables",
        "Moins d'emplois de l'ESS par habitant que les territoires comparables",
    ),
    GapRule(
        "imported_ess_share",
        "Un poids de l'ESS dans l'emploi supérieur aux territoires comparables (données "
        "régionales)",
        "Un poids de l'ESS dans l'emploi inférieur aux territoires comparables (données "
        "régionales)",
    ),
    GapRule(
        "ess_per_10000",
        "Un tissu d'établissements de l'ESS plus dense que les territoires comparables",
        "Un tissu d'établissements de l'ESS moins dense que les territoires comparables",
    ),
)
TREND_TITLES = {
    Quadrant.OPPORTUNITE: "Une ESS régionale en croissance ({region})",
    Quadrant.MENACE: "Une ESS régionale en recul ({region})",
}


@dataclass
class Suggestion:
    key: str
    quadrant: str
    title: str
    description: str
    evidence_title: str
    citation: str
    snapshot: dict = field(default_factory=dict)

    @property
    def quadrant_label(self):
        return Quadrant(self.quadrant).label


def suggest(comparison):
    """[Suggestion] the comparison supports, internal ones first."""
    found = [s for rule in GAP_RULES if (s := _gap(comparison, rule))]
    return found + [s for region in _regions(comparison) if (s := _trend(region))]


def _shown(metric, value):
    return percent(value) if metric.is_share else number(value, 1)


def _gap(comparison, rule):
    metric = METRICS_BY_CODE[rule.metric]
    mine = comparison.target.values.get(metric.code)
    peers = [(p, p.values.get(metric.code)) for p in comparison.peers]
    peers = [(p, value) for p, value in peers if value is not None]
    median = comparison.medians.get(metric.code)
    if mine is None or len(peers) < MIN_PEERS or not median:
        return None
    relative = (mine - median) / median
    if abs(relative) < THRESHOLD:
        return None
    quadrant = Quadrant.ATOUT if relative > 0 else Quadrant.FAIBLESSE
    gap = mine - median
    rank, out_of = comparison.ranks[metric.code]
    description = (
        f"{metric.label}{NBSP}: {_shown(metric, mine)} pour {comparison.target.name}, contre "
        f"une médiane de {_shown(metric, median)} pour les {len(peers)} territoires comparés "
        f"(écart {signed(gap, 1, metric.gap_unit)}{NBSP}; rang {rank} sur {out_of})."
    )
    source = _metric_source(comparison, metric)
    return Suggestion(
        key=f"{metric.code}:{quadrant}",
        quadrant=quadrant,
        title=rule.above if quadrant == Quadrant.ATOUT else rule.below,
        description=f"{description} Source{NBSP}: {source}.",
        evidence_title=f"{metric.label}{NBSP}: {_shown(metric, mine)} (médiane des territoires "
        f"comparés{NBSP}: {_shown(metric, median)})",
        citation=source,
        snapshot={
            "indicator": metric.code,
            "label": metric.label,
            "unit": metric.unit,
            "territory": comparison.target.name,
            "value": json_number(mine),
            "median": json_number(median),
            "gap": json_number(gap),
            "rank": rank,
            "out_of": out_of,
            "peers": [{"name": p.name, "value": json_number(value)} for p, value in peers],
            "source": source,
        },
    )


def _metric_source(comparison, metric):
    if metric.code in IMPORTED_METRICS:
        rows = [imported.latest(place.rows, IMPORTED_METRICS[metric.code]) for place in
                [comparison.target, *comparison.peers]]  # fmt: skip
        return imported_source([row for row in rows if row])
    source = sirene_source(comparison.coverage)
    if metric.code != "ess_share_of_employment":
        return source
    total, _ = imported.total_employment(comparison.target.rows)
    return f"{source}{NBSP}; emploi total{NBSP}: {total['source']}, {total['year']}"


def _regions(comparison):
    return [place for place in comparison.places if place.role == REGION]


def _trend(region):
    source, points = imported.series(region.rows, TREND_INDICATOR)
    if len(points) < 2 or not points[0][1]:
        return None
    (first_year, first), (last_year, last) = points[0], points[-1]
    change = (last - first) / first
    if abs(change) < TREND:
        return None
    quadrant = Quadrant.OPPORTUNITE if change > 0 else Quadrant.MENACE
    label = "Effectifs salariés de l'ESS"
    description = (
        f"{label} en {region.name}{NBSP}: {number(first)} en {first_year}, {number(last)} en "
        f"{last_year} ({signed(change * 100, 1, '%')}). Source{NBSP}: {source}."
    )
    return Suggestion(
        key=f"trend:{TREND_INDICATOR}:{region.territory.code}:{quadrant}",
        quadrant=quadrant,
        title=TREND_TITLES[quadrant].format(region=region.name),
        description=description,
        evidence_title=f"{label} en {region.name}{NBSP}: {number(first)} ({first_year}) → "
        f"{number(last)} ({last_year})",
        citation=f"{source}, {first_year}-{last_year}",
        snapshot={
            "indicator": TREND_INDICATOR,
            "label": label,
            "territory": region.name,
            "series": [[year, json_number(value)] for year, value in points],
            "change_percent": json_number((change * 100).quantize(Decimal("0.1"))),
            "source": source,
        },
    )
