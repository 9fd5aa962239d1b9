"""The "Chiffres clés" and "L'ESS sur le territoire" chapters, read from the indicator
services of the dashboard (diagnostics/indicators/): the same comparison, the same documents,
computed once for both chapters."""

from django.db.models import Count, Q

from actors.enums import ESS_ACTOR_KINDS
from actors.models import Actor
from diagnostics.enums import Quadrant
from diagnostics.indicators import dashboard
from diagnostics.indicators.comparisons import IMPORTED_METRICS, TARGET, compare
from diagnostics.indicators.sources import imported_source, sirene_source
from diagnostics.models import AfomItem, SurveyInvitation
from diagnostics.report.common import draw, memo, plain
from diagnostics.report.registry import key_figures
from essterritoire.reports import charts

MAX_COMMUNES = 10


def indicators(diagnostic):
    """(comparison, indicators document) of the diagnostic's territory, once per collect."""

    def compute():
        comparison = compare(diagnostic)
        return comparison, dashboard.indicators_document(comparison)

    return memo(("indicators", diagnostic.pk), compute)


# Chiffres clés ---------------------------------------------------------------------------------


def collect_key_figures(diagnostic):
    comparison, document = indicators(diagnostic)
    target = comparison.target
    figures = dashboard.key_figures(document, target) if target.covered else None
    return plain(
        {
            "covered": target.covered,
            "source": sirene_source(comparison.coverage),
            "sirene": _sirene_figures(figures),
            "work": _work_figures(diagnostic),
            "others": [
                {"key": figure.key, "label": figure.label, **found}
                for figure in key_figures()
                if (found := figure.collect(diagnostic))
            ],
        }
    )


def _sirene_figures(figures):
    if figures is None:
        return None
    total = figures["total_employment"]
    return {
        "ess": figures["ess"],
        "ess_employer": figures["ess_employer"],
        "employer": figures["employer"],
        "employees": figures["employees"],
        "share_of_employers": figures["share_of_employers"],
        "share_of_employment": figures["share_of_employment"],
        "employment_phrase": figures["employment_phrase"],
        "total_employment": (
            {"value": total["value"], "year": total["year"], "source": total["source"]}
            if total
            else None
        ),
        "unclassified": figures["unclassified"],
    }


def _work_figures(diagnostic):
    """Actors, interviews, AFOM items and survey invitations: four aggregate queries."""
    actors = Actor.objects.filter(workspace_id=diagnostic.workspace_id).aggregate(
        total=Count("pk"), ess=Count("pk", filter=Q(kind__in=ESS_ACTOR_KINDS))
    )
    items = AfomItem.objects.alive().filter(diagnostic=diagnostic).order_by()
    by_quadrant = dict(items.values_list("quadrant").annotate(n=Count("pk")).order_by())
    invitations = SurveyInvitation.objects.filter(survey__diagnostic=diagnostic).aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(response__submitted_at__isnull=False))
    )
    interviews = diagnostic.interviews.aggregate(
        total=Count("pk", distinct=True), actors=Count("actors", distinct=True)
    )
    invited = invitations["invited"]
    return {
        "actors": actors["total"],
        "ess_actors": actors["ess"],
        "interviews": interviews["total"],
        "actors_met": interviews["actors"],
        "invited": invited,
        "answered": invitations["answered"],
        "response_rate": round(100 * invitations["answered"] / invited, 1) if invited else None,
        "afom": sum(by_quadrant.values()),
        "afom_by_quadrant": [(q.label, by_quadrant.get(q.value, 0)) for q in Quadrant],
    }


# L'ESS sur le territoire -----------------------------------------------------------------------


def collect_territory(diagnostic):
    comparison, document = indicators(diagnostic)
    target = comparison.target
    reasons = dict(diagnostic.comparisons.values_list("territory__name", "reason"))
    data = {
        "name": target.name,
        "population": target.population,
        "covered": target.covered,
        "source": sirene_source(comparison.coverage),
        "imported_source": comparison.imported_source,
        "comparison": _comparison(comparison, reasons),
        "imported": _imported_rows(document["imported"]),
        "evolution": dashboard.evolution(comparison),
    }
    if target.covered:
        data.update(
            families=[list(row) for row in dashboard.family_rows(document)],
            total={
                "ess": document["establishments"]["ess"],
                "ess_employer": document["establishments"]["ess_employer"],
                "employees": document["employees"]["estimate"],
            },
            sectors=list(document["by_sector"]["observatory"].values()),
            sizes=list(document["by_size"].values()),
            size_chart=[list(row) for row in dashboard.size_rows(document["by_size"])],
            communes=document["by_commune"][:MAX_COMMUNES],
            communes_total=len(document["by_commune"]),
        )
    return plain(data)


def _comparison(comparison, reasons):
    metric = dashboard.chart_metric(comparison)
    shown = [
        m
        for m in comparison.metrics
        if any(p.values.get(m.code) is not None for p in comparison.places)
    ]
    return {
        "metric": {"code": metric.code, "label": metric.label, "is_share": metric.is_share},
        "metric_source": "imported" if metric.code in IMPORTED_METRICS else "sirene",
        "metrics": [
            {"code": m.code, "label": m.label, "is_share": m.is_share, "gap_unit": m.gap_unit}
            for m in shown
        ],
        "places": [
            {
                "name": place.name,
                "role": place.role,
                "role_label": place.role_label,
                "kind": dashboard.COMPARISON_KINDS.get(place.role, "reference"),
                "covered": place.covered,
                "reason": reasons.get(place.name, "") if place.role != TARGET else "",
                "values": [place.values.get(m.code) for m in shown],
                "gaps": [place.gaps.get(m.code) for m in shown],
            }
            for place in comparison.places
        ],
        "ranks": [
            {
                "label": m.label,
                "is_share": m.is_share,
                "rank": comparison.ranks[m.code],
                "median": comparison.medians.get(m.code),
            }
            for m in shown
            if m.code in comparison.ranks
        ],
        "imported": [
            {
                "label": label,
                "unit": unit,
                "values": [_latest(latest.get(place.key)) for place in comparison.places],
            }
            for _code, label, unit, latest in comparison.imported
        ],
    }


def _latest(row):
    return (
        None if row is None else {"value": row["value"], "unit": row["unit"], "year": row["year"]}
    )


def _imported_rows(rows):
    return [{key: row[key] for key in ("label", "year", "value", "unit", "source")} for row in rows]


def prepare_territory(data, options):
    """The data with their charts, drawn once each (and cached by their data)."""
    name, source = data["name"], data["source"]
    drawn = {}
    if data["covered"]:
        drawn["families"] = draw(
            charts.chart_by_family,
            [(label, count) for label, count, _ in data["families"]],
            title=f"Établissements de l'ESS par famille, {name}",
            source=source,
            chart_id="familles",
        )
        drawn["sectors"] = draw(
            charts.chart_by_sector,
            [(s["label"], s["employees"]["estimate"]) for s in data["sectors"]],
            title=f"Salariés de l'ESS par secteur (estimation), {name}",
            source=source,
            unit="salariés (estimation)",
            chart_id="secteurs",
        )
        drawn["sizes"] = draw(
            charts.chart_by_size,
            [tuple(row) for row in data["size_chart"]],
            title=f"Établissements de l'ESS par tranche d'effectifs, {name}",
            source=source,
            chart_id="tranches",
        )
    comparison = _comparison_tables(data["comparison"])
    metric = comparison["metric"]
    index = [m["code"] for m in comparison["metrics"]].index(metric["code"])
    rows = [
        (place["name"], place["values"][index], place["kind"])
        for place in comparison["places"]
        if place["values"][index] is not None
    ]
    if len(rows) > 1:
        drawn["comparison"] = draw(
            charts.chart_comparison,
            rows,
            title=metric["label"],
            source=data["imported_source"] if comparison["metric_source"] == "imported" else source,
            percent_values=metric["is_share"],
            chart_id="comparaison",
        )
        comparison["chart_index"] = index
    if data["evolution"]:
        trend = data["evolution"]
        drawn["evolution"] = draw(
            charts.chart_evolution,
            [(place, _index_series(points)) for place, points in trend["series"]],
            title=f"{trend['label']}, indice base 100 la première année connue",
            source=trend["source"],
            chart_id="evolution",
        )
    return {
        **data,
        "comparison": comparison,
        "charts": drawn,
        "imported_label": imported_source(data["imported"]),
    }


def _comparison_tables(comparison):
    """A copy of the comparison (the collected data stay as they are: they are fingerprinted)
    with each place's cells zipped with their metric, and the imported values by place."""
    metrics = comparison["metrics"]
    places = [
        {
            **place,
            "cells": [
                {"value": value, "gap": gap, **metric}
                for value, gap, metric in zip(place["values"], place["gaps"], metrics, strict=True)
            ],
            "imported": [indicator["values"][index] for indicator in comparison["imported"]],
        }
        for index, place in enumerate(comparison["places"])
    ]
    return {**comparison, "places": places, "chart_index": None}


def _index_series(points):
    base = points[0][1]
    if not base:
        return [tuple(point) for point in points]
    return [(year, round(value * 100 / base, 1)) for year, value in points]
