"""The indicators of a territory equal counts made independently from a SIRENE-format sample.

The sample (tests/fixtures/indicators/) goes through the SIRENE import service; the expected
figures are recomputed here from the CSV files with the csv module, the COG file and the rules
of DOMAIN.md written out again (tests/fixtures/sirene/support.py), never with the product's
code.
"""

import csv
import json
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from actors.sirene.importer import import_sirene
from diagnostics.indicators.compute import territory_indicators
from essterritoire.territories import cog
from essterritoire.territories.models import Territory
from tests.fixtures.indicators import make_sample
from tests.fixtures.sirene import support

pytestmark = pytest.mark.django_db
ANCENIS = "244400552"
FAMILIES = support.FAMILIES
ESS = set(FAMILIES) - {"non_ess"}
# The observatory sectors from NAF divisions, written out again from the documentation.
OBSERVATORY = {
    **dict.fromkeys(["87", "88"], "action_sociale"),
    "85": "enseignement",
    "86": "sante",
    "93": "sport_loisirs",
    **dict.fromkeys(["90", "91"], "arts_spectacles"),
    **dict.fromkeys(["64", "65", "66"], "finance_assurance"),
    **dict.fromkeys(["45", "46", "47"], "commerce"),
    **dict.fromkeys(["01", "02", "03"], "agriculture"),
}
SECTIONS = {
    "A": (1, 3), "B": (5, 9), "C": (10, 33), "D": (35, 35), "E": (36, 39), "F": (41, 43),
    "G": (45, 47), "H": (49, 53), "I": (55, 56), "J": (58, 63), "K": (64, 66), "L": (68, 68),
    "M": (69, 75), "N": (77, 82), "O": (84, 84), "P": (85, 85), "Q": (86, 88), "R": (90, 93),
    "S": (94, 96), "T": (97, 98), "U": (99, 99),
}  # fmt: skip


@pytest.fixture
def imported(db):
    support.load_territories()
    summary = import_sirene(make_sample.ETABLISSEMENTS, make_sample.UNITES_LEGALES)
    assert summary["errors"] == []
    return summary


def places():
    """{commune code, current or former: (commune, département, région, EPCI)} from the COG."""
    data = cog.read()
    epci_of = {code: row[0] for row in data["epci"] for code in row[4]}
    current = {row[0]: (row[0], row[2], row[3], epci_of.get(row[0], "")) for row in data["com"]}
    former = {row[0]: current[row[2]] for row in data["old"] if row[2] in current}
    return {**former, **current}


def located_rows():
    """The active establishments of the sample with their place and family."""
    units = {row["siren"]: row for row in support.read(make_sample.UNITES_LEGALES)}
    where = places()
    rows = []
    for row in support.read(make_sample.ETABLISSEMENTS):
        place = where.get(row["codeCommuneEtablissement"])
        if place is None or row["etatAdministratifEtablissement"] != "A":
            continue
        family = support.family_of(row["activitePrincipaleEtablissement"], units.get(row["siren"]))
        rows.append({**row, "place": place, "family": family})
    return rows


def bounds(rows):
    low = sum(support.BOUNDS.get(r["trancheEffectifsEtablissement"], (0, 0))[0] for r in rows)
    high = sum(support.BOUNDS.get(r["trancheEffectifsEtablissement"], (0, 0))[1] for r in rows)
    return {"min": low, "max": high, "estimate": (low + high + 1) // 2}


def employer(row):
    return row["caractereEmployeurEtablissement"] == "O"


def expected(keep):
    """The establishments and employees objects for the places `keep` accepts."""
    rows = [row for row in located_rows() if keep(*row["place"])]
    by_family = Counter(row["family"] for row in rows)
    by_employer = Counter(row["family"] for row in rows if employer(row))
    ess_employers = [row for row in rows if row["family"] in ESS and employer(row)]
    return {
        "establishments": {
            "active": len(rows),
            "employer": sum(1 for row in rows if employer(row)),
            "ess": sum(by_family[family] for family in ESS),
            "ess_employer": len(ess_employers),
            "by_family": {family: by_family[family] for family in FAMILIES},
            "employer_by_family": {family: by_employer[family] for family in FAMILIES},
        },
        "employees": bounds(ess_employers),
    }


def ess_rows(keep):
    return [row for row in located_rows() if keep(*row["place"]) and row["family"] in ESS]


def territory(ref):
    kind, code = ref.split(":")
    return Territory.objects.get(kind=kind, code=code)


CASES = {
    "epci:244400552": lambda commune, dep, reg, epci: epci == ANCENIS,
    "dep:44": lambda commune, dep, reg, epci: dep == "44",
    "dep:49": lambda commune, dep, reg, epci: dep == "49",
    "reg:52": lambda commune, dep, reg, epci: reg == "52",
    "com:44003": lambda commune, dep, reg, epci: commune == "44003",
    "com:49160": lambda commune, dep, reg, epci: commune == "49160",
}


@pytest.mark.parametrize("ref", CASES)
def test_the_key_figures_equal_an_independent_count(imported, ref):
    document = territory_indicators(territory(ref))
    wanted = expected(CASES[ref])
    assert document["establishments"] == wanted["establishments"]
    assert document["employees"] == wanted["employees"]


def test_the_sample_exercises_the_cases_that_matter(imported):
    epci = expected(CASES["epci:244400552"])["establishments"]
    assert epci["by_family"]["non_ess"] >= 2  # excluded activities of associations
    assert epci["active"] > sum(epci["by_family"].values())  # an unknown legal unit
    assert all(epci["by_family"][family] for family in ESS)
    in_49 = expected(lambda commune, dep, reg, epci: epci == ANCENIS and dep == "49")
    assert in_49["establishments"]["ess"] == 3  # 49160, with former code 49382
    assert imported["closed"] == 3 and imported["outside"] == 1


def test_a_grouping_counts_its_communes(imported, workspace):
    grouping = Territory.objects.create(kind="grp", code="loire", name="Loire", workspace=workspace)
    grouping.members.set(Territory.objects.filter(kind="com", code__in=["44003", "49160"]))
    document = territory_indicators(grouping)
    wanted = expected(lambda commune, dep, reg, epci: commune in ("44003", "49160"))
    assert document["establishments"] == wanted["establishments"]
    assert document["employees"] == wanted["employees"]


def test_sectors_follow_the_naf_divisions(imported):
    keep = CASES["epci:244400552"]
    rows = ess_rows(keep)
    groups = Counter(_group(row) for row in rows)
    document = territory_indicators(territory("epci:244400552"))["by_sector"]
    assert {code: group["ess"] for code, group in document["observatory"].items()} == {
        code: groups[code] for code in document["observatory"]
    }
    assert set(groups) <= set(document["observatory"])
    sections = Counter(_section(row) for row in rows)
    assert {code: s["ess"] for code, s in document["naf_sections"].items()} == dict(sections)


def _group(row):
    if row["nomenclatureActivitePrincipaleEtablissement"] != "NAFRev2":
        return "autres"
    return OBSERVATORY.get(row["activitePrincipaleEtablissement"][:2], "autres")


def _section(row):
    naf = row["activitePrincipaleEtablissement"]
    if row["nomenclatureActivitePrincipaleEtablissement"] != "NAFRev2" or not naf:
        return ""
    division = int(naf[:2])
    return next(code for code, (low, high) in SECTIONS.items() if low <= division <= high)


def test_employees_by_sector_add_up_to_the_total(imported):
    document = territory_indicators(territory("dep:44"))
    groups = document["by_sector"]["observatory"].values()
    assert sum(group["employees"]["min"] for group in groups) == document["employees"]["min"]
    assert sum(group["employees"]["max"] for group in groups) == document["employees"]["max"]


def test_size_bands_count_the_ess_establishments(imported):
    rows = ess_rows(CASES["reg:52"])
    bands = Counter(row["trancheEffectifsEtablissement"] for row in rows)
    document = territory_indicators(territory("reg:52"))["by_size"]
    assert {band: value["ess"] for band, value in document.items() if value["ess"]} == dict(bands)
    assert document["53"]["label"] == "10 000 salariés et plus"


def test_communes_are_ranked_by_ess_establishments(imported):
    communes = territory_indicators(territory("epci:244400552"))["by_commune"]
    assert len(communes) == 20  # every commune of the EPCI, those without establishment too
    counts = Counter(row["place"][0] for row in ess_rows(CASES["epci:244400552"]))
    assert {row["code"]: row["ess"] for row in communes if row["ess"]} == dict(counts)
    assert [row["ess"] for row in communes] == sorted(
        (row["ess"] for row in communes), reverse=True
    )
    assert communes[0]["rank"] == 1 and communes[0]["code"] == "44003"
    tied = [row["rank"] for row in communes if row["ess"] == 0]
    assert len(set(tied)) == 1  # ties share their rank


def test_the_command_prints_the_json_document(imported):
    out = StringIO()
    call_command("territory_indicators", "epci:244400552", "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert set(document) == {
        "territory",
        "establishments",
        "employees",
        "by_sector",
        "by_size",
        "by_commune",
        "imported",
    }
    assert document["territory"] == {
        "kind": "epci",
        "code": ANCENIS,
        "name": "CC du Pays d'Ancenis",
    }
    assert set(document["establishments"]) == {
        "active",
        "employer",
        "ess",
        "ess_employer",
        "by_family",
        "employer_by_family",
    }
    assert set(document["employees"]) == {"min", "max", "estimate"}
    assert document["imported"] == []


def test_the_readable_output_is_french(imported):
    out = StringIO()
    call_command("territory_indicators", "com:44003", stdout=out)
    text = out.getvalue()
    assert "Établissements de l'ESS\u00a0:" in text
    assert "Part de l'ESS parmi les établissements employeurs\u00a0:" in text
    assert "\u00a0%" in text


def test_a_former_commune_code_names_the_current_commune(imported):
    out = StringIO()
    call_command("territory_indicators", "com:44160", "--json", stdout=out)
    assert json.loads(out.getvalue())["territory"]["code"] == "44003"


def test_an_unknown_territory_is_an_error():
    with pytest.raises(CommandError, match="Territoire inconnu"):
        call_command("territory_indicators", "epci:999999999", stdout=StringIO())


def test_the_sample_files_are_those_the_script_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(make_sample, "ETABLISSEMENTS", tmp_path / "e.csv")
    monkeypatch.setattr(make_sample, "UNITES_LEGALES", tmp_path / "u.csv")
    make_sample.main()
    for name in ("e.csv", "u.csv"):
        written = list(csv.reader((tmp_path / name).open(encoding="utf-8")))
        committed = {"e.csv": "StockEtablissement", "u.csv": "StockUniteLegale"}[name]
        path = make_sample.HERE / f"{committed}_indicateurs.csv"
        assert written == list(csv.reader(path.open(encoding="utf-8")))
