"""The respondent's pages: personal link, save and resume, validation, conditional display,
closed and not yet open surveys, forged tokens, isolation, the public link."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from diagnostics.models import SurveyAnswer, SurveyResponse
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories_surveys import invite, option, sample_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(workspace):
    survey, q = sample_survey(diagnostic__workspace=workspace)
    actor = ActorFactory(workspace=workspace, name="Ressourcerie d'Ancenis")
    invitation, token = invite(survey, actor)
    return survey, q, invitation, token


def url(token, done=False):
    return reverse("diagnostics:survey-answer" + ("-done" if done else ""), args=[token])


def complete(q, **extra):
    """A valid final submission of the sample questionnaire."""
    data = {
        f"q{q['q1'].pk}": str(option(q["q1"], "Association").pk),
        f"q{q['q2'].pk}": [str(option(q["q2"], "Financement").pk)],
        f"q{q['q4'].pk}": "oui",
        f"q{q['q5'].pk}": "12",
        "action": "envoyer",
    }
    data.update(extra)
    return data


def test_it_shows_the_form_without_the_app_navigation(sample):
    survey, q, _invitation, token = sample
    response = Client().get(url(token))
    assert response.status_code == 200
    html = response.content.decode()
    assert survey.title in html
    assert 'lang="fr"' in html
    assert "Navigation principale" not in html
    assert "<fieldset" in html and "<legend" in html
    assert "Enregistrer et continuer plus tard" in html
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.parametrize(
    "token",
    ["x", "A" * 43, "not-a-token-at-all-but-long-enough-000000000", "%27%20OR%201=1--"],
)
def test_a_forged_token_gets_404_revealing_nothing(sample, token):
    survey = sample[0]
    response = Client().get(url(token))
    assert response.status_code == 404
    html = response.content.decode()
    assert survey.title not in html
    assert survey.diagnostic.workspace.name not in html


def test_an_altered_token_gets_the_same_404(sample):
    survey, _q, _invitation, token = sample
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    forged = Client().get(url(altered))
    unknown = Client().get(url("B" * 43))
    assert forged.status_code == unknown.status_code == 404
    assert forged.content == unknown.content


def test_the_token_is_not_stored_and_is_not_derived_from_ids(sample):
    _survey, _q, invitation, token = sample
    assert len(token) >= 43
    assert token not in (invitation.nonce, invitation.token_hash)
    assert str(invitation.pk) != token


def test_save_and_resume_keeps_partial_answers_without_requiring_anything(sample):
    survey, q, invitation, token = sample
    client = Client()
    data = {f"q{q['q8'].pk}": "Bonjour", "action": "enregistrer"}
    response = client.post(url(token), data)
    assert response.status_code == 302
    saved = SurveyResponse.objects.get(invitation=invitation)
    assert saved.submitted_at is None
    page = Client().get(url(token)).content.decode()
    assert 'value="Bonjour"' in page


def test_final_submit_enforces_required_questions_with_a_summary(sample):
    _survey, q, invitation, token = sample
    response = Client().post(url(token), {"action": "envoyer"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="erreurs"' in html
    assert "Répondez à cette question." in html
    assert f'aria-describedby="erreur-q{q["q1"].pk}"' in html or "erreur-q" in html
    assert 'aria-invalid="true"' in html
    assert not SurveyResponse.objects.filter(invitation=invitation).exists()


def test_invalid_number_is_refused_in_french_even_on_save(sample):
    _survey, q, _invitation, token = sample
    data = {f"q{q['q5'].pk}": "beaucoup", "action": "enregistrer"}
    html = Client().post(url(token), data).content.decode()
    assert "Saisissez un nombre" in html
    data = {f"q{q['q5'].pk}": "9999", "action": "enregistrer"}
    html = Client().post(url(token), data).content.decode()
    assert "entre 0 et 500" in html


def test_submit_then_the_link_shows_the_thanks_and_refuses_changes(sample):
    _survey, q, invitation, token = sample
    client = Client()
    response = client.post(url(token), complete(q))
    assert response.status_code == 302 and response["Location"] == url(token, done=True)
    assert "Merci" in client.get(url(token, done=True)).content.decode()
    saved = SurveyResponse.objects.get(invitation=invitation)
    assert saved.submitted_at is not None
    again = client.post(url(token), complete(q, **{f"q{q['q5'].pk}": "40"}))
    assert again.status_code == 200
    assert saved.answers.get(question=q["q5"]).number == 12


def test_conditional_question_is_required_only_when_shown(sample):
    _survey, q, invitation, token = sample
    locaux = str(option(q["q2"], "Locaux").pk)
    shown = complete(q, **{f"q{q['q2'].pk}": [locaux]})
    html = Client().post(url(token), shown).content.decode()
    assert "Répondez à cette question." in html
    shown[f"q{q['q3'].pk}"] = "80 m² à Ancenis"
    assert Client().post(url(token), shown).status_code == 302
    answers = SurveyAnswer.objects.filter(response__invitation=invitation, question=q["q3"])
    assert answers.get().text == "80 m² à Ancenis"


def test_answers_to_hidden_questions_are_discarded(sample):
    _survey, q, invitation, token = sample
    data = complete(q, **{f"q{q['q3'].pk}": "texte d'une question cachée"})
    assert Client().post(url(token), data).status_code == 302
    assert not SurveyAnswer.objects.filter(question=q["q3"]).exists()


def test_other_needs_its_precision_on_submit(sample):
    _survey, q, _invitation, token = sample
    data = complete(q, **{f"q{q['q2'].pk}": ["autre"]})
    html = Client().post(url(token), data).content.decode()
    assert "Précisez votre réponse" in html
    data[f"q{q['q2'].pk}_autre"] = "Transmission"
    assert Client().post(url(token), data).status_code == 302
    assert SurveyAnswer.objects.get(question=q["q2"], option=None).text == "Transmission"


def test_a_closed_survey_says_so_with_410_and_refuses_answers(sample):
    survey, q, invitation, token = sample
    survey.closes_on = timezone.localdate() - timedelta(days=1)
    survey.save()
    response = Client().get(url(token))
    assert response.status_code == 410
    assert "close" in response.content.decode()
    assert Client().post(url(token), complete(q)).status_code == 410
    assert not SurveyResponse.objects.filter(invitation=invitation).exists()


def test_a_survey_not_yet_open_says_when_it_opens(sample):
    survey, q, invitation, token = sample
    survey.opens_on = timezone.localdate() + timedelta(days=3)
    survey.save()
    response = Client().get(url(token))
    assert response.status_code == 200
    assert survey.opens_on.strftime("%d/%m/%Y") in response.content.decode()
    Client().post(url(token), complete(q))
    assert not SurveyResponse.objects.filter(invitation=invitation).exists()


def test_a_token_opens_only_its_own_response(sample, workspace):
    survey, q, first, token = sample
    other, other_token = invite(survey, ActorFactory(workspace=workspace))
    Client().post(url(token), complete(q, **{f"q{q['q8'].pk}": "secret de la première"}))
    html = Client().get(url(other_token)).content.decode()
    assert "secret de la première" not in html
    Client().post(url(other_token), complete(q))
    assert SurveyResponse.objects.get(invitation=first).answers.filter(text__contains="secret")


def test_the_form_needs_a_csrf_token(sample):
    _survey, q, invitation, token = sample
    client = Client(enforce_csrf_checks=True)
    assert client.post(url(token), complete(q)).status_code == 403
    assert not SurveyResponse.objects.filter(invitation=invitation).exists()


@pytest.mark.parametrize("value", ["NaN", "1e999999", "Infinity", "2,5", "-3"])
def test_odd_numbers_get_a_french_message_never_a_crash(sample, value):
    _survey, q, _invitation, token = sample
    data = {f"q{q['q5'].pk}": value, "action": "enregistrer"}
    response = Client().post(url(token), data)
    assert response.status_code == 200
    assert (
        "Saisissez un nombre" in response.content.decode()
        or "Ce nombre" in response.content.decode()
    )


def test_a_decimal_is_accepted_with_a_comma(sample):
    _survey, q, invitation, token = sample
    q["q5"].allow_decimals = True
    q["q5"].save()
    data = {f"q{q['q5'].pk}": "2,5", "action": "enregistrer"}
    assert Client().post(url(token), data).status_code == 302
    answer = SurveyAnswer.objects.get(response__invitation=invitation, question=q["q5"])
    assert str(answer.number.normalize()) == "2.5"
    assert 'value="2,5"' in Client().get(url(token)).content.decode()


def test_tampered_choices_are_refused(sample):
    _survey, q, _invitation, token = sample
    data = {f"q{q['q1'].pk}": "999999", f"q{q['q7'].pk}_r1": "9", "action": "enregistrer"}
    response = Client().post(url(token), data)
    assert response.status_code == 200
    assert "erreur" in response.content.decode()
