"""The optional public link: one answer per browser session, a rate limit per address."""

import pytest
from django.test import Client
from django.urls import reverse

from diagnostics.models import SurveyResponse
from diagnostics.surveys import services
from tests.diagnostics.factories_surveys import option, sample_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def public(workspace):
    survey, q = sample_survey(diagnostic__workspace=workspace)
    token = services.public_link_enable(survey=survey)
    return survey, q, reverse("diagnostics:survey-public", args=[token])


def answers(q, action="envoyer"):
    return {
        f"q{q['q1'].pk}": str(option(q["q1"], "Coopérative").pk),
        f"q{q['q2'].pk}": [str(option(q["q2"], "Financement").pk)],
        f"q{q['q4'].pk}": "non",
        "action": action,
    }


def test_one_answer_per_browser_session(public):
    survey, q, url = public
    client = Client()
    assert client.post(url, answers(q)).status_code == 302
    again = client.get(url)
    assert "Merci pour vos réponses" in again.content.decode()
    client.post(url, answers(q))
    assert SurveyResponse.objects.filter(survey=survey).count() == 1
    assert Client().post(url, answers(q)).status_code == 302
    assert SurveyResponse.objects.filter(survey=survey, submitted_at__isnull=False).count() == 2


def test_a_session_resumes_its_own_draft(public):
    survey, q, url = public
    client = Client()
    client.post(url, {f"q{q['q8'].pk}": "brouillon", "action": "enregistrer"})
    assert 'value="brouillon"' in client.get(url).content.decode()
    assert 'value="brouillon"' not in Client().get(url).content.decode()


def test_new_answers_are_rate_limited_per_address(public, settings):
    settings.SURVEY_PUBLIC_MAX_PER_HOUR = 2
    survey, q, url = public
    for _ in range(2):
        assert Client().post(url, answers(q)).status_code == 302
    refused = Client().post(url, answers(q))
    assert refused.status_code == 429
    assert "Trop de réponses" in refused.content.decode()
    other = Client(REMOTE_ADDR="192.0.2.7").post(url, answers(q))
    assert other.status_code == 302
    stored = SurveyResponse.objects.filter(survey=survey).values_list("ip_hash", flat=True)
    assert "127.0.0.1" not in stored and all(len(h) == 64 for h in stored)


def test_a_replaced_or_removed_public_link_gets_404(public):
    survey, q, url = public
    services.public_link_enable(survey=survey)
    assert Client().get(url).status_code == 404
    services.public_link_disable(survey=survey)
    assert Client().get(url).status_code == 404
    forged = reverse("diagnostics:survey-public", args=["A" * 43])
    assert Client().get(forged).status_code == 404
