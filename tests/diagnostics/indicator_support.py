"""Territories, establishments and regional values for the dashboard and suggestion tests.

The EPCI of the diagnostic spans two départements (44, 49); three peer EPCIs lie in 44. The
target's ESS weighs clearly more than its peers' (an "atout" to suggest), and the région's ESS
employment grows over the imported years (an "opportunité").
"""

from decimal import Decimal

from actors.enums import Family
from diagnostics.models import ComparisonTerritory, IndicatorValue
from tests.actors.factories import EstablishmentFactory
from tests.diagnostics.factories import DiagnosticFactory, TerritoryFactory, commune, departement
from tests.diagnostics.factories import region as make_region

REGION_SOURCE = "CRESS Pays de la Loire (données de démonstration)"


def territories():
    reg = make_region()
    dep44 = departement("44", "Loire-Atlantique", reg)
    dep49 = departement("49", "Maine-et-Loire", reg, population=830_000)
    epcis = {
        "target": TerritoryFactory(
            code="244400552", name="CC du Pays d'Ancenis", population=70_000
        ),
        "peer1": TerritoryFactory(code="200067866", name="CC Sèvre et Loire", population=48_000),
        "peer2": TerritoryFactory(
            code="244400503", name="CC d'Erdre et Gesvres", population=64_000
        ),
        "peer3": TerritoryFactory(code="244400537", name="CC de Nozay", population=16_000),
    }
    communes = {
        "44003": commune("44003", "Ancenis-Saint-Géréon", dep44, epcis["target"], 11_600),
        "49160": commune("49160", "Ingrandes-le-Fresne-sur-Loire", dep49, epcis["target"], 3_000),
        "44009": commune("44009", "Le Loroux-Bottereau", dep44, epcis["peer1"], 8_000),
        "44029": commune("44029", "Carquefou", dep44, epcis["peer2"], 20_000),
        "44113": commune("44113", "Nozay", dep44, epcis["peer3"], 4_000),
    }
    return {"reg": reg, "dep44": dep44, "dep49": dep49, **epcis, "communes": communes}


def establishments(place, ess, other, employer_band="11"):
    """`ess` ESS and `other` non-ESS employer establishments in a commune (a Territory)."""
    codes = {
        "commune_code": place.code,
        "epci_code": place.epci.code if place.epci else "",
        "departement_code": place.departement.code,
        "region_code": place.region.code,
        "size_band": employer_band,
    }
    families = [Family.ASSOCIATION, Family.COOPERATIVE, Family.MUTUELLE]
    for n in range(ess):
        EstablishmentFactory(family=families[n % 3], naf_code="88.99B", **codes)
    for _ in range(other):
        EstablishmentFactory(
            family=Family.NON_ESS, naf_code="47.11B", legal_category="5710", **codes
        )


def regional_values(places):
    rows = [(places["reg"], "effectifs_salaries.ess", year, value) for year, value in (
        (2020, 150_000), (2021, 151_800), (2022, 158_100))]  # fmt: skip
    rows += [
        (places["target"], "emploi_salarie.total", 2022, 25_000),
        (places["peer1"], "emploi_salarie.total", 2022, 16_000),
        (places["peer2"], "emploi_salarie.total", 2022, 24_000),
        (places["peer3"], "emploi_salarie.total", 2022, 5_000),
    ]
    for territory, code, year, value in rows:
        IndicatorValue.objects.create(
            territory=territory,
            indicator=code,
            label=code,
            year=year,
            value=Decimal(value),
            unit="salariés",
            source=REGION_SOURCE,
        )


def scenario(workspace, peers=("peer1", "peer2", "peer3")):
    """A diagnostic of the target EPCI with its peers, and the figures described above."""
    places = territories()
    c = places["communes"]
    establishments(c["44003"], ess=12, other=20)
    establishments(c["49160"], ess=3, other=5)
    establishments(c["44009"], ess=4, other=30)
    establishments(c["44029"], ess=6, other=40)
    establishments(c["44113"], ess=2, other=12)
    regional_values(places)
    diagnostic = DiagnosticFactory(workspace=workspace, territory=places["target"])
    for name in peers:
        ComparisonTerritory.objects.create(diagnostic=diagnostic, territory=places[name])
    return diagnostic, places
