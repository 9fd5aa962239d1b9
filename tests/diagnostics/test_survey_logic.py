"""Conditional display, evaluated server-side, and the values <-> answers round trip."""

from decimal import Decimal

import pytest

from diagnostics.models import SurveyAnswer
from diagnostics.surveys.answers import questionnaire, values_of
from diagnostics.surveys.logic import keep_visible, visible_ids
from diagnostics.surveys.template_data import TEMPLATE_QUESTIONS
from tests.diagnostics.factories_surveys import choice, option, sample_survey, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(db):
    return sample_survey()


def test_a_question_shows_when_its_option_is_chosen(sample):
    survey, q = sample
    questions = questionnaire(survey)
    hidden = visible_ids(questions, {q["q2"].pk: choice(option(q["q2"], "Financement"))})
    shown = visible_ids(questions, {q["q2"].pk: choice(option(q["q2"], "Locaux"))})
    assert q["q3"].pk not in hidden and q["q3"].pk in shown


def test_a_condition_on_a_hidden_question_never_holds(sample):
    survey, q = sample
    q["q8"].condition_question = q["q3"]
    q["q8"].condition_value = "oui"
    q["q8"].save()
    questions = questionnaire(survey)
    assert q["q8"].pk not in visible_ids(questions, {q["q3"].pk: "texte"})


def test_a_hidden_section_hides_its_questions(sample):
    survey, q = sample
    section = q["s1"]
    section.condition_question = q["q4"]
    section.condition_value = "oui"
    section.save()
    questions = questionnaire(survey)
    assert q["q1"].pk not in visible_ids(questions, {})


def test_a_scale_condition_is_a_minimum(sample):
    survey, q = sample
    q["q8"].condition_question = q["q6"]
    q["q8"].condition_value = "4"
    q["q8"].save()
    questions = questionnaire(survey)
    assert q["q8"].pk not in visible_ids(questions, {q["q6"].pk: 3})
    assert q["q8"].pk in visible_ids(questions, {q["q6"].pk: 4})


def test_keep_visible_drops_hidden_values(sample):
    survey, q = sample
    values = {q["q2"].pk: choice(option(q["q2"], "Financement")), q["q3"].pk: "caché"}
    assert q["q3"].pk not in keep_visible(questionnaire(survey), values)


def test_values_round_trip_through_answer_rows(sample):
    survey, q = sample
    values = {
        q["q1"].pk: choice(option(q["q1"], "Association")),
        q["q2"].pk: choice(option(q["q2"], "Locaux"), other="Transmission"),
        q["q3"].pk: "80 m²",
        q["q4"].pk: False,
        q["q5"].pk: Decimal("12"),
        q["q6"].pk: 4,
        q["q7"].pk: {option(q["q7"], "Locaux").pk: 5},
        q["q8"].pk: "Merci",
    }
    response = submit(survey, values)
    assert values_of(response, questionnaire(survey)) == values
    assert SurveyAnswer.objects.filter(response=response).count() == 9


def test_the_template_conditions_point_to_earlier_questions():
    keys = []
    for spec in TEMPLATE_QUESTIONS:
        condition = spec.get("condition")
        if condition:
            assert condition["question"] in keys
        keys.append(spec["key"])
    assert len(keys) == len(set(keys)) and len(keys) >= 25
