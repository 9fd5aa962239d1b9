"""What the dashboard of a diagnostic shows: key figures, charts with their tables,
comparisons, communes, imported values and the AFOM suggestions still to decide.

The number of queries does not depend on the number of establishments, communes or
comparison territories (see test_indicators_dashboard). Charts are cached by their data: the
same figures give the same SVG (essterritoire.reports.charts is deterministic).
"""

from decimal import Decimal

from actors.enums import ESS_FAMILIES
from diagnostics.indicators import imported, suggestions
from diagnostics.indicators.cache import cached_one
from diagnostics.indicators.comparisons import (
    DEPARTEMENT,
    IMPORTED_METRICS,
    PEER,
    REGION,
    TARGET,
    chart_metric,
    compare,
)
from diagnostics.indicators.compute import sirene_indicators
from diagnostics.indicators.sources import imported_source, sirene_source
from diagnostics.models import SuggestionDecision
from essterritoire.reports import charts
from essterritoire.reports.cache import cached_chart

COMPARISON_KINDS = {TARGET: "target", PEER: "peer"}
MAX_COMMUNES = 100
EVOLUTION_INDICATORS = ("effectifs_salaries.ess", "etablissements_employeurs.ess")


def dashboard(diagnostic):
    """The dashboard's context for a diagnostic (territory and comparisons selected)."""
    territory = diagnostic.territory
    comparison = compare(diagnostic)
    document = indicators_document(comparison)
    source = sirene_source(comparison.coverage)
    target = comparison.target
    trend = evolution(comparison)
    metric = chart_metric(comparison)
    return {
        "document": document,
        "comparison": comparison,
        "comparison_metric": metric,
        "covered": target.covered,
        "source": source,
        "key_figures": key_figures(document, target),
        "families": family_rows(document),
        "sectors": list(document["by_sector"]["observatory"].values()),
        "naf_sections": list(document["by_sector"]["naf_sections"].items()),
        "sizes": list(document["by_size"].items()),
        "communes": document["by_commune"][:MAX_COMMUNES],
        "communes_total": len(document["by_commune"]),
        "imported_rows": document["imported"],
        "imported_source": imported_source(document["imported"]),
        "evolution": trend,
        "charts": chart_set(document, comparison, metric, trend, source, territory.name),
        "suggestions": pending(diagnostic, suggestions.suggest(comparison)),
    }


def indicators_document(comparison):
    """The territory's indicators: the SIRENE part cached with the establishments' version,
    the imported values those the comparison already read."""
    territory = comparison.target.territory
    sirene = cached_one(
        comparison.version, "document", territory.pk, lambda: sirene_indicators(territory)
    )
    return {**sirene, "imported": imported.as_json(comparison.target.rows)}


def key_figures(document, target):
    establishments, employees = document["establishments"], document["employees"]
    total, phrase = imported.total_employment(target.rows)
    return {
        "ess": establishments["ess"],
        "ess_employer": establishments["ess_employer"],
        "employer": establishments["employer"],
        "employees": employees,
        "share_of_employers": target.values.get("ess_share_of_employers"),
        "share_of_employment": target.values.get("ess_share_of_employment"),
        "employment_phrase": phrase,
        "total_employment": total,
        "unclassified": establishments["active"] - sum(establishments["by_family"].values()),
    }


def family_rows(document):
    establishments = document["establishments"]
    return [
        (
            family.label,
            establishments["by_family"][family],
            establishments["employer_by_family"][family],
        )
        for family in ESS_FAMILIES
    ]


def evolution(comparison):
    """(indicator label, unit, [(place name, [(year, value)])], source) of the first headline
    indicator with several years for the territory or a place around it; None otherwise."""
    for code in EVOLUTION_INDICATORS:
        series, rows = [], []
        for place in comparison.places:
            source, points = imported.series(place.rows, code)
            if len(points) > 1:
                series.append((place.name, points))
                rows += [r for r in place.rows if r["indicator"] == code and r["source"] == source]
        if series:
            label, unit = rows[0]["label"], rows[0]["unit"]
            return {"label": label, "unit": unit, "series": series, "source": imported_source(rows)}
    return None


def chart_set(document, comparison, metric, trend, source, name):
    result = {
        "families": cached_chart(
            charts.chart_by_family,
            [(label, count) for label, count, _ in family_rows(document)],
            title=f"Établissements de l'ESS par famille, {name}",
            source=source,
        ),
        "sectors": cached_chart(
            charts.chart_by_sector,
            [
                (s["label"], s["employees"]["estimate"])
                for s in document["by_sector"]["observatory"].values()
            ],
            title=f"Salariés de l'ESS par secteur (estimation), {name}",
            source=source,
            unit="salariés (estimation)",
        ),
        "sizes": cached_chart(
            charts.chart_by_size,
            size_rows(document["by_size"]),
            title=f"Établissements de l'ESS par tranche d'effectifs, {name}",
            source=source,
        ),
        "comparison": cached_chart(
            charts.chart_comparison,
            comparison_rows(comparison, metric.code),
            title=metric.label,
            source=comparison.imported_source if metric.code in IMPORTED_METRICS else source,
            percent_values=metric.is_share,
        ),
    }
    if trend:
        result["evolution"] = cached_chart(
            charts.chart_evolution,
            [(name, index_series(points)) for name, points in trend["series"]],
            title=f"{trend['label']}, indice base 100 la première année connue",
            source=trend["source"],
            unit="",
        )
    return result


def size_rows(bands):
    """(short label, ESS establishments) by tranche, without the empty tranches above the
    largest one present (the table next to the chart lists them all)."""
    rows = [(_short(band["label"]), band["ess"]) for band in bands.values()]
    while len(rows) > 1 and not rows[-1][1]:
        rows.pop()
    return rows


def _short(label):
    return label.replace(" salariés", "").replace(" salarié", "")


def index_series(points):
    """[(year, value)] as an index, 100 at the first year: territories of any size side by
    side (the data table next to the chart gives the values themselves)."""
    base = points[0][1]
    if not base:
        return points
    return [(year, (value * 100 / base).quantize(Decimal("0.1"))) for year, value in points]


def comparison_rows(comparison, metric):
    kinds = {**COMPARISON_KINDS, DEPARTEMENT: "reference", REGION: "reference"}
    return [
        (place.name, place.values.get(metric), kinds.get(place.role, "reference"))
        for place in comparison.places
    ]


def pending(diagnostic, found):
    """The suggestions no editor has decided on yet."""
    decided = set(
        SuggestionDecision.objects.filter(diagnostic=diagnostic).values_list("key", flat=True)
    )
    return [suggestion for suggestion in found if suggestion.key not in decided]
