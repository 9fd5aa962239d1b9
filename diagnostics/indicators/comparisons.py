"""A diagnostic's territory against its comparison territories, its département(s), its
région(s) and France: the same ratios side by side, the gaps, the territory's rank among its
peers and the peers' median (what the AFOM suggestions read).

Counts are not compared between territories of different sizes: ratios are (shares, figures
per inhabitant). A territory the SIRENE imports do not fully cover has no SIRENE figures.
"""

import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from diagnostics.indicators import catalog, imported, places
from diagnostics.indicators.cache import cached_many, cached_one, data_version
from diagnostics.indicators.coverage import sirene_coverage
from diagnostics.indicators.figures import per_thousand, share
from diagnostics.indicators.sources import imported_source

TARGET, PEER, DEPARTEMENT, REGION, FRANCE = "target", "peer", "departement", "region", "france"
ROLE_LABELS = {
    TARGET: "Territoire du diagnostic",
    PEER: "Territoire de comparaison",
    DEPARTEMENT: "Département",
    REGION: "Région",
    FRANCE: "France",
}
# Imported indicators shown side by side when any place has them.
HEADLINE_IMPORTED = (
    "effectifs_salaries.ess",
    "etablissements_employeurs.ess",
    "etp.ess",
    "masse_salariale.ess",
)


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    unit: str  # "%" for shares, else a plain ratio
    gap_unit: str

    @property
    def is_share(self):
        return self.unit == "%"


METRICS = (
    Metric(
        "ess_share_of_employers",
        "Part de l'ESS parmi les établissements employeurs",
        "%",
        "pts",
    ),
    Metric("ess_share_of_employment", "Part de l'ESS dans l'emploi salarié", "%", "pts"),
    Metric("ess_per_10000", "Établissements de l'ESS pour 10 000 habitants", "", ""),
    Metric("employees_per_1000", "Salariés de l'ESS pour 1 000 habitants (estimation)", "", ""),
    Metric("imported_ess_share", "Part de l'ESS dans l'emploi (données régionales)", "%", "pts"),
)
IMPORTED_METRICS = {"imported_ess_share": catalog.ESS_SHARE}
METRICS_BY_CODE = {metric.code: metric for metric in METRICS}


@dataclass
class Place:
    role: str
    name: str
    territory: object = None  # None for France
    covered: bool = True
    figures: object = None  # Figures, None when not covered
    population: int | None = None
    rows: list = field(default_factory=list)  # imported values
    values: dict = field(default_factory=dict)
    gaps: dict = field(default_factory=dict)

    @property
    def key(self):
        return f"{self.role}-{self.territory.pk}" if self.territory else self.role

    @property
    def role_label(self):
        return ROLE_LABELS[self.role]


@dataclass
class Comparison:
    places: list
    metrics: tuple = METRICS
    ranks: dict = field(default_factory=dict)  # metric code: (rank, out of)
    medians: dict = field(default_factory=dict)  # metric code: median of the peers
    imported: list = field(default_factory=list)  # (code, label, unit, {place key: row})
    imported_source: str = ""
    coverage: object = None
    version: str | None = None  # of the establishments data (cache.data_version)

    @property
    def target(self):
        return self.places[0]

    @property
    def peers(self):
        return [place for place in self.places if place.role == PEER]


def compare(diagnostic, comparisons=None):
    """The Comparison of a diagnostic (comparisons: its ComparisonTerritory rows, with their
    territory, when the caller has them)."""
    target = diagnostic.territory
    if comparisons is None:
        comparisons = diagnostic.comparisons.select_related("territory")
    peers = [c.territory for c in comparisons if c.territory_id != target.pk]
    departements, regions = places.parents_of(target)
    spots = [Place(TARGET, target.name, target)]
    spots += [Place(PEER, t.name, t) for t in sorted(peers, key=lambda t: (t.name, t.pk))]
    spots += [Place(DEPARTEMENT, t.name, t) for t in departements]
    spots += [Place(REGION, t.name, t) for t in regions]
    spots.append(Place(FRANCE, "France"))
    comparison = Comparison(spots, coverage=sirene_coverage(), version=data_version())
    _fill(comparison)
    return comparison


def _figures(comparison, territories):
    """{pk: Figures} of the territories, cached while the establishments do not change."""
    by_pk = {territory.pk: territory for territory in territories}
    return cached_many(
        comparison.version,
        "figures",
        list(by_pk),
        lambda missing: places.figures_of([by_pk[pk] for pk in missing]),
    )


def _fill(comparison):
    territories = [place.territory for place in comparison.places if place.territory]
    covered = comparison.coverage.covered_ids(territories)
    figures = _figures(comparison, [t for t in territories if t.pk in covered])
    rows = imported.rows_for(territories)
    for place in comparison.places:
        territory = place.territory
        if territory is None:
            place.covered = comparison.coverage.covers(None)
            place.figures = _france(comparison) if place.covered else None
            place.population = places.france_population()
        else:
            place.covered = territory.pk in covered
            place.figures = figures.get(territory.pk)
            place.population, place.rows = territory.population, rows.get(territory.pk, [])
        place.values = metric_values(place)
    _gaps_ranks_medians(comparison)
    comparison.imported = _imported_side_by_side(comparison.places)
    shown = [row for *_, latest in comparison.imported for row in latest.values()]
    comparison.imported_source = imported_source(shown)


def _france(comparison):
    return cached_one(comparison.version, "figures", "france", places.france_figures)


def metric_values(place):
    """{metric code: Decimal or None} of a place: the SIRENE ratios (None when the place is
    not covered) and the imported ones (their latest year)."""
    values = {
        code: (row["value"] if (row := imported.latest(place.rows, indicator)) else None)
        for code, indicator in IMPORTED_METRICS.items()
    }
    figures = place.figures
    if figures is None:
        return {**dict.fromkeys(METRICS_BY_CODE), **values}
    estimate = figures.employees["estimate"]
    total, _phrase = imported.total_employment(place.rows)
    return {
        "ess_share_of_employers": share(figures.ess_employer, figures.employer),
        "ess_share_of_employment": share(estimate, total["value"]) if total else None,
        "ess_per_10000": _per(figures.ess, place.population, 10_000),
        "employees_per_1000": per_thousand(estimate, place.population),
        **values,
    }


def _per(count, population, base):
    if not population:
        return None
    value = Decimal(count) * base / Decimal(population)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _gaps_ranks_medians(comparison):
    target = comparison.target
    for metric in comparison.metrics:
        mine = target.values.get(metric.code)
        for place in comparison.places[1:]:
            other = place.values.get(metric.code)
            place.gaps[metric.code] = None if mine is None or other is None else mine - other
        peer_values = [p.values[metric.code] for p in comparison.peers]
        peer_values = [value for value in peer_values if value is not None]
        if peer_values:
            median = Decimal(statistics.median(peer_values))
            comparison.medians[metric.code] = median.quantize(Decimal("0.1"), ROUND_HALF_UP)
        if mine is not None and peer_values:
            higher = sum(1 for value in peer_values if value > mine)
            comparison.ranks[metric.code] = (higher + 1, len(peer_values) + 1)


def chart_metric(comparison):
    """The metric most places have a value for (the first of METRICS on a tie)."""
    counts = [
        (sum(1 for place in comparison.places if place.values.get(m.code) is not None), -i, m)
        for i, m in enumerate(comparison.metrics)
    ]
    return max(counts, key=lambda item: item[:2])[2]


def _imported_side_by_side(spots):
    """The headline imported indicators any place has: (code, label, unit, {key: row})."""
    result = []
    for code in HEADLINE_IMPORTED:
        latest = {place.key: imported.latest(place.rows, code) for place in spots}
        latest = {key: row for key, row in latest.items() if row is not None}
        if latest:
            label, unit = catalog.describe(code)
            result.append((code, label, unit, latest))
    return result
