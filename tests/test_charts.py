"""The chart kernel (essterritoire/reports/charts.py): accessible, French, deterministic SVG."""

import re
from decimal import Decimal
from xml.etree import ElementTree

import pytest

from essterritoire.reports import charts
from essterritoire.reports.formats import number, percent, signed

SVG = "{http://www.w3.org/2000/svg}"
SOURCE = "Insee, SIRENE, import du 23/11/2026"
FAMILIES = [("Associations", 1234), ("Coopératives", 56), ("Mutuelles", Decimal("7.5"))]


def parsed(svg):
    return ElementTree.fromstring(svg)  # noqa: S314 - our own output


def all_charts():
    return {
        "familles": charts.chart_by_family(FAMILIES, title="Par famille", source=SOURCE),
        "secteurs": charts.chart_by_sector(
            [("Action sociale", 40), ("Enseignement", 12), ("Autres activités", 3)],
            title="Par secteur",
            source=SOURCE,
        ),
        "tranches": charts.chart_by_size(
            [("0 salarié", 3), ("1 ou 2 salariés", 10), ("10 à 19 salariés", 4)],
            title="Par tranche",
            source=SOURCE,
        ),
        "comparaison": charts.chart_comparison(
            [
                ("CC du Pays d'Ancenis", Decimal("12.5"), "target"),
                ("CC Sèvre et Loire", Decimal("10.1"), "peer"),
                ("Loire-Atlantique", None, "reference"),
            ],
            title="Part de l'ESS",
            source=SOURCE,
            percent_values=True,
        ),
        "evolution": charts.chart_evolution(
            [("Pays de la Loire", [(2020, 150000), (2021, 151200), (2022, 153100)])],
            title="Évolution",
            source=SOURCE,
            unit="salariés",
        ),
    }


@pytest.fixture(scope="module")
def rendered():
    return all_charts()


def test_it_draws_the_same_bytes_for_the_same_data(rendered):
    assert all_charts() == rendered


@pytest.mark.parametrize(
    "chart_id", ["familles", "secteurs", "tranches", "comparaison", "evolution"]
)
def test_every_chart_is_an_accessible_inline_svg(rendered, chart_id):
    svg = rendered[chart_id]
    assert svg.startswith("<svg")
    root = parsed(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-titre {chart_id}-desc"
    assert root.find(f"{SVG}title").get("id") == f"{chart_id}-titre"
    desc = root.find(f"{SVG}desc")
    assert desc.get("id") == f"{chart_id}-desc"
    assert f"Source\u00a0: {SOURCE}" in desc.text
    assert f"Source\u00a0: {SOURCE}" in "".join(root.itertext())


def test_the_description_reads_the_data_in_french(rendered):
    desc = parsed(rendered["familles"]).find(f"{SVG}desc").text
    assert "Associations\u00a0: 1\u202f234" in desc
    assert "Mutuelles\u00a0: 7,5" in desc
    comparison = parsed(rendered["comparaison"]).find(f"{SVG}desc").text
    assert "12,5\u00a0%" in comparison
    assert "Sans donnée\u00a0: Loire-Atlantique" in comparison


def test_axis_and_bar_labels_use_french_numbers(rendered):
    text = "".join(parsed(rendered["familles"]).itertext())
    assert "1\u202f234" in text
    assert "7,5" in text
    assert "1,234" not in text and "7.5" not in text
    evolution = "".join(parsed(rendered["evolution"]).itertext())
    assert "153\u202f100" in evolution or "152\u202f000" in evolution


def test_ids_are_prefixed_so_charts_share_a_page(rendered):
    ids = [re.findall(r'\bid="([^"]+)"', svg) for svg in rendered.values()]
    flat = [i for chart_ids in ids for i in chart_ids]
    assert len(flat) == len(set(flat))
    for chart_id, svg in rendered.items():
        assert all(i.startswith(f"{chart_id}-") for i in re.findall(r'\bid="([^"]+)"', svg))
        for target in re.findall(r"url\(#([^)]+)\)", svg):
            assert target.startswith(f"{chart_id}-")


def test_text_stays_text_in_dejavu_sans(rendered):
    svg = rendered["secteurs"]
    assert "Action sociale" in svg
    assert "DejaVu Sans" in svg


def test_empty_data_still_draws_a_chart():
    svg = charts.chart_by_family([], title="Rien", source=SOURCE)
    assert "Aucune donnée." in parsed(svg).find(f"{SVG}desc").text


def test_french_number_formats():
    assert number(1234567.891, 1) == "1\u202f234\u202f567,9"
    assert number(Decimal("0.05"), 1) == "0,1"
    assert number(None) == "—"
    assert number("abc") == "—"
    assert percent(Decimal("12.34")) == "12,3\u00a0%"
    assert signed(Decimal("-2.5"), unit="pts") == "\u22122,5\u00a0pts"
    assert signed(3) == "+3,0"
    assert signed(0) == "0,0"


def test_money_and_day_in_french():
    from datetime import date, datetime
    from decimal import Decimal
    from zoneinfo import ZoneInfo

    from essterritoire.reports.formats import day, money

    assert money(Decimal("152000")) == "152\u202f000\u00a0€"
    assert money("1234.5") == "1\u202f234,50\u00a0€"
    assert money(Decimal("40000"), 2) == "40\u202f000,00\u00a0€"
    assert money(None) == "—" and money("", empty="") == ""
    assert day(date(2026, 1, 5)) == "05/01/2026" == day("2026-01-05")
    # 23:30 UTC on 31 December is already 1 January in Paris.
    assert day(datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC"))) == "01/01/2026"
    assert day(None) == "—" and day(None, empty="") == ""
