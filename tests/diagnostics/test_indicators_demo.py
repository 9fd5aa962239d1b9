"""The demo regional file: labelled as demo figures, imported whole, idempotent."""

import csv

import pytest

from diagnostics.indicators.demo import (
    DEMO_COMPARISONS,
    DEMO_FILE,
    seed_indicators,
    seed_indicators_step,
)
from diagnostics.models import IndicatorValue
from tests.diagnostics.factories import TerritoryFactory, departement, region

pytestmark = pytest.mark.django_db
EPCIS = ("244400552", *DEMO_COMPARISONS)


@pytest.fixture
def pays_de_la_loire(db):
    reg = region()
    for code in ("44", "49", "53", "72", "85"):
        departement(code, f"Département {code}", reg)
    for code in EPCIS:
        TerritoryFactory(code=code)


def test_every_row_says_it_is_demo_data():
    with DEMO_FILE.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source, delimiter=";"))
    assert len(rows) == 45
    assert all("données de démonstration" in row["source"] for row in rows)


def test_the_demo_file_is_imported_once(pays_de_la_loire):
    first = seed_indicators()
    assert first.errors == [] and first.created == 45
    again = seed_indicators()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 45)
    assert IndicatorValue.objects.get(territory__code="52", indicator="part_emploi.ess").unit == "%"


def test_without_the_territories_nothing_is_written(db):
    outcome = seed_indicators()
    assert outcome.errors and not IndicatorValue.objects.exists()


def test_the_demo_step_adds_the_comparisons(pays_de_la_loire, workspace):
    from essterritoire.territories.models import Territory
    from tests.diagnostics.factories import DiagnosticFactory

    diagnostic = DiagnosticFactory(
        workspace=workspace, territory=Territory.objects.get(code="244400552")
    )
    lines = []
    seed_indicators_step({"cc-pays-ancenis": workspace}, lines.append)
    seed_indicators_step({"cc-pays-ancenis": workspace}, lines.append)
    assert lines[0].startswith("Données régionales de démonstration\u00a0: 45 valeurs créées")
    assert diagnostic.comparisons.count() == 4
