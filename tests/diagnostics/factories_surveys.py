"""factory_boy factories and small builders for surveys, their questions and answers."""

from datetime import timedelta

import factory
from django.utils import timezone

from diagnostics.models import Survey, SurveyQuestion, SurveyResponse
from diagnostics.surveys import invitations as invites
from diagnostics.surveys import specs, tokens
from diagnostics.surveys.answers import questionnaire, response_save
from diagnostics.surveys.logic import Choice
from tests.diagnostics.factories import DiagnosticFactory


def open_dates():
    today = timezone.localdate()
    return today - timedelta(days=7), today + timedelta(days=7)


class SurveyFactory(factory.django.DjangoModelFactory):
    """An open survey (from a week ago to a week ahead), without questions."""

    class Meta:
        model = Survey

    diagnostic = factory.SubFactory(DiagnosticFactory)
    title = factory.Sequence(lambda n: f"Enquête des acteurs n°{n}")
    introduction = "Merci de répondre."
    privacy_controller = "CC du Pays d'Ancenis"
    privacy_purpose = "Diagnostic de l'ESS"
    privacy_retention = "Deux ans"
    privacy_contact = "ess@exemple.fr"
    opens_on = factory.LazyFunction(lambda: open_dates()[0])
    closes_on = factory.LazyFunction(lambda: open_dates()[1])


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SurveyQuestion

    survey = factory.SubFactory(SurveyFactory)
    kind = "short_text"
    text = factory.Sequence(lambda n: f"Question n°{n}")
    order = factory.Sequence(lambda n: n)


# A small questionnaire covering every kind, with two conditions.
SAMPLE = [
    {"key": "s1", "kind": "section", "text": "Votre structure"},
    {
        "key": "q1",
        "kind": "single",
        "text": "Forme",
        "choices": ["Association", "Coopérative"],
        "required": True,
    },
    {
        "key": "q2",
        "kind": "multiple",
        "text": "Besoins",
        "choices": ["Financement", "Locaux"],
        "other": True,
        "required": True,
    },
    {
        "key": "q3",
        "kind": "long_text",
        "text": "Précisez le besoin de locaux",
        "condition": {"question": "q2", "choice": "Locaux"},
        "required": True,
    },
    {"key": "q4", "kind": "yes_no", "text": "Coopérez-vous ?", "required": True},
    {"key": "q5", "kind": "number", "text": "Salariés", "min": 0, "max": 500},
    {"key": "q6", "kind": "scale", "text": "Reconnaissance", "scale": ["Faible", "Forte"]},
    {"key": "q7", "kind": "matrix", "text": "Urgence", "rows": ["Financement", "Locaux"]},
    {"key": "q8", "kind": "short_text", "text": "Un mot"},
]
for _spec in SAMPLE:
    _spec.setdefault("required", False)


def sample_survey(**kwargs):
    """An open survey with the SAMPLE questions; returns (survey, {key: question})."""
    survey = SurveyFactory(**kwargs)
    created = specs.load_questions(survey, SAMPLE)
    return survey, {spec["key"]: q for spec, q in zip(SAMPLE, created, strict=True)}


def option(question, label):
    return question.options.get(label=label)


def invite(survey, actor):
    """An invitation of `actor` and its token."""
    invitation = invites.invitations_create(survey=survey, actors=[actor])[0]
    return invitation, tokens.token_of(invitation.nonce, invitation.token_hash)


def submit(survey, values, invitation=None, submit=True):
    """A response saved through the service, as a respondent would."""
    response = SurveyResponse(survey=survey, invitation=invitation)
    return response_save(
        survey=survey,
        response=response,
        questions=questionnaire(survey),
        values=values,
        submit=submit,
    )


def choice(*options, other=""):
    return Choice(tuple(o.pk for o in options), other)
