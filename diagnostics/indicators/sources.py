"""The source lines of the figures, with their vintage, as charts and tables print them."""

from django.utils import timezone

SIRENE = "Insee, base SIRENE des entreprises et de leurs établissements"


def sirene_source(coverage):
    """'Insee, base SIRENE …, import du 23/11/2026' (the latest finished import)."""
    if coverage is None or coverage.last_import is None:
        return SIRENE
    day = timezone.localtime(coverage.last_import).strftime("%d/%m/%Y")
    return f"{SIRENE}, import du {day}"


def imported_source(rows):
    """'Urssaf 2022 ; CRESS 2021' for the imported rows a table or chart shows."""
    seen = {}
    for row in rows:
        years = seen.setdefault(row["source"], set())
        years.add(row["year"])
    parts = []
    for source in sorted(seen):
        years = sorted(seen[source])
        span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
        parts.append(f"{source} {span}")
    return "\u00a0; ".join(parts)
