"""Results: rates by family and commune, counts and percentages per question, chart and its
table, free text, cross tabulation by family, query count independent of the answers."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from diagnostics.surveys.results import crosstab, survey_results
from tests.actors.factories import ActorFactory, TerritoryFactory
from tests.diagnostics.factories_surveys import choice, invite, option, sample_survey, submit

pytestmark = pytest.mark.django_db


def answer(survey, q, actor=None, form="Association", needs=("Financement",), coop=True, more=None):
    invitation = invite(survey, actor)[0] if actor else None
    values = {
        q["q1"].pk: choice(option(q["q1"], form)),
        q["q2"].pk: choice(*[option(q["q2"], n) for n in needs]),
        q["q4"].pk: coop,
        **(more or {}),
    }
    return submit(survey, values, invitation=invitation)


@pytest.fixture
def answered(workspace):
    survey, q = sample_survey(diagnostic__workspace=workspace)
    ligne = TerritoryFactory(code="44082", name="Ligné")
    asso = ActorFactory(workspace=workspace, kind="association", commune=ligne)
    scop = ActorFactory(workspace=workspace, kind="cooperative")
    answer(survey, q, asso, needs=("Financement", "Locaux"), more={q["q3"].pk: "80 m²"})
    answer(survey, q, scop, form="Coopérative", coop=False, more={q["q5"].pk: Decimal(12)})
    answer(survey, q, None, more={q["q5"].pk: Decimal(4), q["q8"].pk: '=HYPERLINK("x")'})
    invite(survey, ActorFactory(workspace=workspace, kind="association"))
    return survey, q


def test_rates_count_invitations_and_responses(answered):
    survey, _q = answered
    results = survey_results(survey)
    assert (results.invitations, results.answered_invitations, results.responses) == (3, 2, 3)
    assert results.rate == pytest.approx(2 / 3)
    family = {row.label: (row.invited, row.answered) for row in results.by_family}
    assert family == {"Association": (2, 1), "Coopérative": (1, 1)}
    assert {row.label for row in results.by_commune} == {"Ligné", "Commune non renseignée"}


def test_counts_and_percentages_of_respondents(answered):
    survey, q = answered
    results = {r.question.pk: r for r in survey_results(survey).questions}
    needs = {row.label: (row.count, round(row.percent, 1)) for row in results[q["q2"].pk].rows}
    assert needs == {"Financement": (3, 100.0), "Locaux": (1, 33.3), "Autre": (0, 0.0)}
    yes_no = {row.label: row.count for row in results[q["q4"].pk].rows}
    assert yes_no == {"Oui": 2, "Non": 1}
    stats = results[q["q5"].pk].stats
    assert (stats["count"], stats["low"], stats["high"], float(stats["mean"])) == (2, 4, 12, 8.0)
    assert results[q["q3"].pk].texts == [("80 m²", "")]


def test_cross_tabulation_by_family(answered):
    _survey, q = answered
    table = crosstab(q["q4"])
    assert [label for label, _ in table["columns"]] == [
        "Association",
        "Coopérative",
        "Sans acteur (lien public ou acteur retiré)",
    ]
    rows = dict(table["rows"])
    assert [n for n, _ in rows["Oui"]] == [1, 0, 1]
    assert [round(p) for _, p in rows["Non"]] == [0, 100, 0]


def test_results_page_shows_tables_and_loads_charts_as_they_scroll_in(
    client_for, reader_user, answered
):
    survey, q = answered
    url = reverse("diagnostics:survey-results", args=[survey.pk])
    html = client_for(reader_user).get(url).content.decode()
    assert html.count('role="img"') == 1  # the rates by family, drawn with the page
    chart_url = reverse("diagnostics:survey-question-chart", args=[q["q2"].pk])
    assert html.count('hx-trigger="revealed"') == 3 and chart_url in html  # Q1, Q2, Q4
    assert "<caption>" in html and "33,3\u00a0%" in html
    assert "Réponses brutes" not in html
    chart = client_for(reader_user).get(chart_url).content.decode()
    assert f'id="graphique-q{q["q2"].pk}-titre"' in chart and 'role="img"' in chart
    assert "Locaux\u00a0: 1 (33,3\u00a0%)" in chart


def test_crosstab_page(client_for, reader_user, answered):
    _survey, q = answered
    url = reverse("diagnostics:survey-question-crosstab", args=[q["q1"].pk])
    html = client_for(reader_user).get(url).content.decode()
    assert "Sans acteur (lien public ou acteur retiré)" in html and "100,0\u00a0%" in html


def test_free_text_page_names_actors_only_when_results_are_named(client_for, editor_user, answered):
    survey, q = answered
    url = reverse("diagnostics:survey-question-texts", args=[q["q3"].pk])
    actor = survey.invitations.get(response__answers__question=q["q3"]).actor
    assert actor.name not in client_for(editor_user).get(url).content.decode()
    survey.named_results = True
    survey.save()
    assert actor.name in client_for(editor_user).get(url).content.decode()


def test_results_queries_do_not_grow_with_answers(client_for, editor_user, answered):
    survey, q = answered
    client = client_for(editor_user)
    url = reverse("diagnostics:survey-results", args=[survey.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(12):
        answer(survey, q, None, needs=("Locaux",), more={q["q8"].pk: f"mot {n}"})
    client.get(url)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before) <= 25


def test_deleting_an_actor_keeps_its_answers_counted(answered):
    survey, _q = answered
    actor = survey.invitations.filter(response__isnull=False).first().actor
    actor.delete()
    results = survey_results(survey)
    assert (results.responses, results.invitations) == (3, 2)
