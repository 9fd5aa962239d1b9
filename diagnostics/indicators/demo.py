"""The demo's regional indicator values: a file of invented figures for territories of the Pays
de la Loire (the région, its five départements, the CC du Pays d'Ancenis and four comparable
EPCI), every row sourced "données de démonstration"."""

from pathlib import Path

from diagnostics.indicators.importer import import_file
from diagnostics.indicators.text import typo
from diagnostics.models import ComparisonTerritory
from essterritoire.reports.formats import number
from essterritoire.territories.models import Territory

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_pays_de_la_loire.csv"
DEMO_WORKSPACE = "cc-pays-ancenis"
DEMO_COMPARISONS = ("200067866", "244400503", "200072726", "200071553")  # EPCI codes


def seed_indicators():
    """Import the demo file (idempotent: a second run changes nothing). Returns the importer's
    Outcome; with `errors` (territories not loaded yet), nothing was written."""
    return import_file(DEMO_FILE)


def seed_indicators_step(workspaces, log):
    """The demo step (essterritoire.accounts.demo): the file, then the four comparable EPCI
    as comparison territories of the demo workspace's diagnostics of the CC."""
    outcome = seed_indicators()
    if outcome.errors:
        reason = outcome.errors[0]["reason"]
        log(typo(f"Données régionales de démonstration non importées : {reason}"))
        return
    log(
        typo(
            f"Données régionales de démonstration : {number(outcome.created)} valeurs créées, "
            f"{number(outcome.unchanged)} déjà présentes"
        )
    )
    workspace = workspaces.get(DEMO_WORKSPACE)
    if workspace is None:
        return
    peers = Territory.objects.filter(kind="epci", code__in=DEMO_COMPARISONS)
    for diagnostic in workspace.diagnostics.filter(territory__code="244400552"):
        for peer in peers:
            ComparisonTerritory.objects.get_or_create(
                diagnostic=diagnostic, territory=peer, defaults={"reason": "EPCI comparable"}
            )
