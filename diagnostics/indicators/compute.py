"""The indicators of one territory from the SIRENE establishments, every count made in SQL.

`territory_indicators(territory)` gives the document `manage.py territory_indicators --json`
prints and the dashboard shows: six aggregate queries whatever the size of the territory
(families, sectors, size bands, communes, the communes' names, the imported values).
"""

from actors.enums import SizeBand
from actors.models import Establishment
from diagnostics.indicators import imported, sectors
from diagnostics.indicators.figures import (
    ESS,
    all_aggregates,
    employees,
    ess_aggregates,
    family_aggregates,
    figures_from_rows,
    share,
)

UNKNOWN_BAND = ""
UNKNOWN_BAND_LABEL = "Tranche non renseignée"


def establishments_in(territory):
    """Active establishments located in the territory (None: all of France)."""
    queryset = Establishment.objects.active()
    return queryset if territory is None else queryset.in_territory(territory)


def family_rows(queryset):
    return list(queryset.values("family", "employer").annotate(**family_aggregates()).order_by())


def territory_figures(territory):
    """The Figures (key counts) of one territory; one query."""
    return figures_from_rows(family_rows(establishments_in(territory)))


def territory_indicators(territory):
    """Every indicator of the territory, as a JSON-ready document (see the module doc)."""
    return {**sirene_indicators(territory), "imported": imported.values_document(territory)}


def sirene_indicators(territory):
    """The document without the imported values: what the SIRENE establishments give."""
    figures = territory_figures(territory)
    ess = establishments_in(territory).filter(family__in=ESS)
    return {
        "territory": {"kind": territory.kind, "code": territory.code, "name": territory.name},
        "establishments": figures.establishments(),
        "employees": figures.employees,
        "by_sector": by_sector(ess),
        "by_size": by_size(ess),
        "by_commune": by_commune(territory),
    }


def _row_figures(row):
    return {
        "ess": row["n_ess"],
        "ess_employer": row["n_ess_employer"],
        "employees": employees(row["low"], row["high"]),
    }


def by_sector(ess):
    """ESS establishments by NAF section and by observatory sector; one query grouping by both
    (an observatory sector never spans two sections)."""
    rows = (
        ess.annotate(section=sectors.section_expression(), group=sectors.observatory_expression())
        .values("section", "group")
        .annotate(**ess_aggregates())
        .order_by()
    )
    sections, groups = {}, {code: _empty() for code, _, _ in sectors.OBSERVATORY_SECTORS}
    for row in rows:
        _accumulate(sections.setdefault(row["section"], _empty()), row)
        _accumulate(groups[row["group"]], row)
    return {
        "naf_sections": {
            code: {"label": sectors.SECTION_LABELS[code], **_row_figures(sections[code])}
            for code in sorted(sections, key=lambda code: code or "~")
        },
        "observatory": {
            code: {"label": sectors.OBSERVATORY_LABELS[code], **_row_figures(groups[code])}
            for code in groups
        },
    }


def _empty():
    return {"n_ess": 0, "n_ess_employer": 0, "low": 0, "high": 0}


def _accumulate(total, row):
    for key in total:
        total[key] += row[key] or 0


def by_size(ess):
    """ESS establishments by tranche d'effectifs, in the order of the tranches; one query."""
    rows = ess.values("size_band").annotate(**ess_aggregates()).order_by()
    counts = {row["size_band"] or UNKNOWN_BAND: row for row in rows}
    bands = [(band.value, band.label) for band in SizeBand]
    if UNKNOWN_BAND in counts:
        bands.append((UNKNOWN_BAND, UNKNOWN_BAND_LABEL))
    return {
        band: {
            "label": label,
            "ess": counts[band]["n_ess"] if band in counts else 0,
            "ess_employer": counts[band]["n_ess_employer"] if band in counts else 0,
        }
        for band, label in bands
    }


def by_commune(territory):
    """Every commune of the territory with its counts, ranked by ESS establishments (ties share
    a rank, then by name); two queries."""
    rows = (
        establishments_in(territory).values("commune_code").annotate(**all_aggregates()).order_by()
    )
    counts = {row["commune_code"]: row for row in rows}
    communes = territory.communes().order_by().values_list("code", "name", "population")
    table = [
        _commune(code, name, population, counts.get(code)) for code, name, population in communes
    ]
    table.sort(key=lambda row: (-row["ess"], row["name"], row["code"]))
    _rank(table, "ess")
    return table


def _commune(code, name, population, row):
    row = row or dict.fromkeys(("n_active", "n_employer", "n_ess", "n_ess_employer"), 0)
    return {
        "code": code,
        "name": name,
        "population": population,
        "active": row["n_active"],
        "employer": row["n_employer"],
        "ess": row["n_ess"],
        "ess_employer": row["n_ess_employer"],
        "employees": employees(row.get("low"), row.get("high")),
        "ess_share_of_employers": share(row["n_ess_employer"], row["n_employer"]),
        "rank": None,
    }


def _rank(table, key):
    """Standard competition ranking (1, 2, 2, 4) on `key`, highest first."""
    previous, rank = None, 0
    for position, row in enumerate(table, start=1):
        if row[key] != previous:
            previous, rank = row[key], position
        row["rank"] = rank
