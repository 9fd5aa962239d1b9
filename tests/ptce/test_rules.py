"""The PTCE's pure rules: eligibility (decree 2015-431), figures, self-financing, benchmark."""

from datetime import date
from decimal import Decimal

import pytest

from ptce import rules
from ptce.enums import FundingNature, FundingOrigin, LegalForm, MemberType
from ptce.rules import FundingFacts, MemberFacts, YearFacts

TODAY = date(2026, 11, 23)
ESS, COMPANY, COLLECTIVITE = MemberType.ESS, MemberType.COMPANY, MemberType.COLLECTIVITE
PUBLIC = FundingOrigin.PUBLIC


def members(*types, **extra):
    return [MemberFacts(member_type=t, **extra) for t in types]


def eligibility(legal_form, *types):
    return rules.eligibility(legal_form, members(*types), TODAY)


# Eligibility


def test_an_association_of_an_ess_structure_a_company_and_a_collectivite_is_eligible():
    result = eligibility(LegalForm.ASSOCIATION, ESS, COMPANY, COLLECTIVITE)
    assert result.eligible
    assert result.missing == []
    assert result.as_dict() == {"eligible": True, "missing": []}


@pytest.mark.parametrize(
    "partner",
    [MemberType.COLLECTIVITE, MemberType.RESEARCH, MemberType.TRAINING, MemberType.OTHER],
)
def test_any_other_article_9_partner_completes_the_pole(partner):
    assert eligibility(LegalForm.SCIC, ESS, COMPANY, partner).eligible


def test_without_an_ess_enterprise_the_pole_is_not_eligible():
    result = eligibility(LegalForm.ASSOCIATION, COMPANY, COMPANY, COLLECTIVITE)
    assert not result.eligible
    assert result.missing == ["Au moins une entreprise de l'économie sociale et solidaire."]


def test_without_a_company_outside_the_ess_the_pole_is_not_eligible():
    result = eligibility(LegalForm.ASSOCIATION, ESS, ESS, COLLECTIVITE)
    assert result.missing == ["Au moins une entreprise hors ESS."]


def test_without_another_article_9_partner_the_pole_is_not_eligible():
    result = eligibility(LegalForm.ASSOCIATION, ESS, ESS, COMPANY)
    assert len(result.missing) == 1
    assert result.missing[0].startswith("Au moins un autre partenaire de l'article 9\u00a0:")


def test_fewer_than_three_legal_persons_is_not_enough():
    result = eligibility(LegalForm.ASSOCIATION, ESS, COMPANY)
    assert "Au moins 3 personnes morales membres (actuellement 2)." in result.missing
    assert len(result.missing) == 2  # and the third partner


def test_an_empty_pole_lacks_everything():
    result = eligibility(LegalForm.ASSOCIATION)
    assert len(result.missing) == 4


@pytest.mark.parametrize("legal_form", ["", LegalForm.INFORMAL])
def test_the_pole_must_be_a_private_legal_person(legal_form):
    result = eligibility(legal_form, ESS, COMPANY, COLLECTIVITE)
    assert not result.eligible
    assert len(result.missing) == 1
    assert "personne morale de droit privé" in result.missing[0]


def test_a_member_that_left_is_not_counted():
    gone = MemberFacts(member_type=COMPANY, left_on=date(2026, 6, 30))
    result = rules.eligibility(LegalForm.GIE, [*members(ESS, COLLECTIVITE), gone], TODAY)
    assert result.missing == [
        "Au moins 3 personnes morales membres (actuellement 2).",
        "Au moins une entreprise hors ESS.",
    ]


def test_a_member_leaving_today_no_longer_counts_but_one_leaving_tomorrow_does():
    assert not rules.is_current(MemberFacts(ESS, left_on=TODAY), TODAY)
    assert rules.is_current(MemberFacts(ESS, left_on=date(2026, 11, 24)), TODAY)


def test_a_member_joining_later_does_not_count_yet():
    assert not rules.is_current(MemberFacts(ESS, joined_on=date(2027, 1, 1)), TODAY)
    assert rules.is_current(MemberFacts(ESS, joined_on=TODAY), TODAY)


# Consolidated figures


def test_employees_are_declared_else_estimated_from_the_sirene_band_else_unknown():
    team = [
        MemberFacts(ESS, employees=40, size_band="11"),  # declared wins over the band
        MemberFacts(ESS, size_band="11"),  # 10 à 19: 14,5
        MemberFacts(COMPANY, size_band="01"),  # 1 ou 2: 1,5
        MemberFacts(COLLECTIVITE),  # unknown
    ]
    figures = rules.consolidated_figures(team, TODAY)
    assert figures.employees == 56  # 40 + 14,5 + 1,5
    assert (figures.employees_declared, figures.employees_estimated) == (1, 2)
    assert figures.employees_unknown == 1


def test_figures_count_members_by_type_and_sum_known_budgets():
    team = [
        MemberFacts(ESS, budget=Decimal("1200000.50")),
        MemberFacts(ESS, budget=Decimal("800000")),
        MemberFacts(COMPANY),
        MemberFacts(COMPANY, budget=Decimal(10), left_on=date(2020, 1, 1)),
    ]
    figures = rules.consolidated_figures(team, TODAY)
    assert (figures.members, figures.ess, figures.non_ess) == (3, 2, 1)
    assert figures.by_type == [
        ("ess", "Structure de l'ESS", 2),
        ("entreprise", "Entreprise hors ESS", 1),
    ]
    assert figures.budget == Decimal("2000000.50")
    assert figures.budget_unknown == 1


def test_non_employers_count_zero_employees_not_unknown():
    figures = rules.consolidated_figures([MemberFacts(ESS, size_band="NN")], TODAY)
    assert (figures.employees, figures.employees_unknown) == (0, 0)


# Self-financing


@pytest.mark.parametrize(
    ("budget", "self_financed", "share"),
    [
        (Decimal(152_000), Decimal(48_640), Decimal("32.0")),
        (Decimal(150_000), Decimal(50_000), Decimal("33.3")),
        (Decimal(1000), Decimal(0), Decimal("0.0")),
        (Decimal(0), Decimal(0), None),
        (Decimal(0), Decimal(10), None),
        (None, Decimal(10), None),
    ],
)
def test_self_financing_share(budget, self_financed, share):
    assert rules.self_financing_share(budget, self_financed) == share


# Funding


def test_funding_is_totalled_by_year_nature_origin_and_collectivites():
    lines = [
        FundingFacts(2025, "Région", Decimal(30_000), is_collectivite=True),
        FundingFacts(2025, "région ", Decimal(10_000), FundingNature.INVESTMENT, PUBLIC, True),
        FundingFacts(2025, "CC", Decimal(20_000), is_collectivite=True),
        FundingFacts(2025, "Fondation", Decimal(5_000), origin=FundingOrigin.PRIVATE),
        FundingFacts(2024, "Région", Decimal(1_000), is_collectivite=True),
    ]
    years = rules.funding_by_year(lines)
    assert list(years) == [2024, 2025]
    year = years[2025]
    assert year.total == Decimal(65_000)
    assert year.by_nature == {"fonctionnement": Decimal(55_000), "investissement": Decimal(10_000)}
    assert year.by_origin == {"public": Decimal(60_000), "prive": Decimal(5_000)}
    assert year.collectivites == {"région", "cc"}
    assert year.collectivite_amount == Decimal(60_000)


def test_reference_year_is_the_latest_not_after_this_year():
    assert rules.reference_year([2024, 2026, 2027], TODAY) == 2026
    assert rules.reference_year([2028, 2029], TODAY) == 2028
    assert rules.reference_year([], TODAY) is None


# Benchmark


def benchmark(team=(), years=(), lines=()):
    figures = rules.consolidated_figures(list(team), TODAY)
    measures = rules.benchmark(
        figures=figures, animation_years=list(years), funding_lines=list(lines), today=TODAY
    )
    return {measure.reference.key: measure for measure in measures}


def test_the_benchmark_holds_the_rtes_medians_with_their_source():
    measures = benchmark()
    medians = {key: measure.reference.median for key, measure in measures.items()}
    assert medians == {
        "animation_budget": Decimal(152_000),
        "self_financing_share": Decimal(32),
        "animation_fte": Decimal(2),
        "structures": 11,
        "employees": 110,
        "consolidated_budget": Decimal(5_000_000),
        "collectivites": 2,
        "collectivite_funding": Decimal(50_000),
    }
    for measure in measures.values():
        data = measure.as_dict()
        assert data["source"] == "RTES, étude sur 42 PTCE"
        assert data["quote"] in rules.QUOTES
    assert "152 K Euros autofinancé à 32% et animée par 2 ETP" in rules.QUOTE_CELL
    assert measures["collectivites"].reference.statistic == "moyenne"


def test_benchmark_gaps_compare_the_latest_year_to_the_medians():
    years = [
        YearFacts(2025, Decimal(100_000), Decimal(1), Decimal(10_000)),
        YearFacts(2026, Decimal(140_000), Decimal("2.5"), Decimal(35_000)),
        YearFacts(2027, Decimal(999_999), Decimal(9), Decimal(0)),  # a forecast
    ]
    lines = [
        FundingFacts(2026, "Région", Decimal(40_000), is_collectivite=True),
        FundingFacts(2026, "CC", Decimal(25_000), is_collectivite=True),
    ]
    team = members(ESS, COMPANY, COLLECTIVITE, employees=50, budget=Decimal(1_000_000))
    measures = benchmark(team, years, lines)
    assert measures["animation_budget"].year == 2026
    assert measures["animation_budget"].gap == Decimal(-12_000)
    assert measures["animation_budget"].position == "en dessous"
    assert measures["self_financing_share"].value == Decimal("25.0")
    assert measures["self_financing_share"].gap == Decimal("-7.0")
    assert measures["animation_fte"].gap == Decimal("0.5")
    assert measures["animation_fte"].position == "au-dessus"
    assert measures["structures"].gap == Decimal(-8)
    assert measures["employees"].gap == Decimal(40)
    assert measures["consolidated_budget"].gap == Decimal(-2_000_000)
    assert measures["collectivites"].value == 2
    assert measures["collectivites"].position == "égal"
    assert measures["collectivite_funding"].gap == Decimal(15_000)


def test_measures_without_data_have_no_value_and_no_gap():
    measures = benchmark(team=members(ESS))  # one member, no figures declared
    for key in ("animation_budget", "self_financing_share", "collectivites", "employees"):
        assert measures[key].value is None
        assert measures[key].gap is None
        assert measures[key].position == "non renseigné"
    assert measures["structures"].value == 1


def test_a_zero_animation_budget_gives_no_self_financing_share():
    measures = benchmark(years=[YearFacts(2026, Decimal(0), Decimal(0), Decimal(0))])
    assert measures["animation_budget"].value == Decimal(0)
    assert measures["self_financing_share"].value is None
