"""The respondent's pages: public (no account), reached through a personal link or the
survey's public link, on a minimal layout without the application's navigation.

A token that opens nothing gets the same 404 page whatever it is (forged, altered, withdrawn):
it reveals neither the survey nor the workspace. The pages are never cached.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from diagnostics.models import Survey, SurveyResponse
from diagnostics.surveys import invitations as invites
from diagnostics.surveys import tokens
from diagnostics.surveys.answer_form import AnswerForm, initial_from
from diagnostics.surveys.answers import (
    public_limit,
    public_rate_exceeded,
    questionnaire,
    response_save,
    values_of,
)
from diagnostics.surveys.enums import SurveyState
from essterritoire.accounts.permissions import public

SAVE, SUBMIT = "enregistrer", "envoyer"


@dataclass
class Respondent:
    """Who answers: the survey, their response (None before the first save), the response to
    create, and the page's own addresses."""

    survey: Survey
    response: SurveyResponse | None
    new: Any
    url: str
    done_url: str
    session_key: str = ""


def not_found(request):
    return render(request, "survey_public/not_found.html", status=404)


@public
@never_cache
@require_http_methods(["GET", "POST"])
def survey_answer(request, token):
    invitation = invites.invitation_for_token(token)
    if invitation is None:
        return not_found(request)
    invites.mark_opened(invitation)
    survey = invitation.survey
    respondent = Respondent(
        survey=survey,
        response=SurveyResponse.objects.filter(invitation=invitation).first(),
        new=lambda: SurveyResponse(survey=survey, invitation=invitation),
        url=reverse("diagnostics:survey-answer", args=[token]),
        done_url=reverse("diagnostics:survey-answer-done", args=[token]),
    )
    return answer_page(request, respondent)


@public
@never_cache
@require_http_methods(["GET"])
def survey_answer_done(request, token):
    invitation = invites.invitation_for_token(token)
    if invitation is None:
        return not_found(request)
    response = SurveyResponse.objects.filter(invitation=invitation).first()
    return _done(request, invitation.survey, response, token=token)


def _public_survey(token):
    token_hash = tokens.lookup_hash(token)
    return Survey.objects.filter(public_token_hash=token_hash).first() if token_hash else None


def _session_response(request, survey):
    key = f"enquete-publique-{survey.pk}"
    response_id = request.session.get(key)
    responses = SurveyResponse.objects.filter(survey=survey, invitation__isnull=True)
    return key, responses.filter(pk=response_id).first() if response_id else None


@public
@never_cache
@require_http_methods(["GET", "POST"])
def survey_public(request, token):
    """The public link: one answer per browser session, a limited number per address."""
    survey = _public_survey(token)
    if survey is None:
        return not_found(request)
    key, response = _session_response(request, survey)
    address = tokens.ip_hash(request.META.get("REMOTE_ADDR", ""))
    respondent = Respondent(
        survey=survey,
        response=response,
        new=lambda: SurveyResponse(survey=survey, ip_hash=address),
        url=reverse("diagnostics:survey-public", args=[token]),
        done_url=reverse("diagnostics:survey-public-done", args=[token]),
        session_key=key,
    )
    if request.method == "POST" and response is None and public_rate_exceeded(survey, address):
        context = {"survey": survey, "limit": public_limit()}
        return render(request, "survey_public/too_many.html", context, status=429)
    return answer_page(request, respondent)


@public
@never_cache
@require_http_methods(["GET"])
def survey_public_done(request, token):
    survey = _public_survey(token)
    if survey is None:
        return not_found(request)
    _key, response = _session_response(request, survey)
    return _done(request, survey, response, public_token=token)


def _done(request, survey, response, token=None, public_token=None):
    if response is None or response.submitted_at is None:
        if token:
            return redirect("diagnostics:survey-answer", token)
        return redirect("diagnostics:survey-public", public_token)
    return render(request, "survey_public/done.html", {"survey": survey, "response": response})


def answer_page(request, respondent):
    """The form: GET shows it with the saved answers, POST saves ("enregistrer") or sends
    ("envoyer"). A sent response, a closed or not yet open survey get their own page."""
    survey, response = respondent.survey, respondent.response
    if response is not None and response.submitted_at:
        return render(request, "survey_public/done.html", {"survey": survey, "response": response})
    state = survey.state()
    if state != SurveyState.OPEN:
        return closed_page(request, survey, state)
    questions = questionnaire(survey)
    if request.method == "POST":
        final = request.POST.get("action") == SUBMIT
        form = AnswerForm(questions, request.POST, final=final)
        if form.is_valid():
            return _save(request, respondent, questions, form, final)
    else:
        values = values_of(response, questions) if response else {}
        form = AnswerForm(questions, initial=initial_from(questions, values))
    return _render_form(request, respondent, form)


def _save(request, respondent, questions, form, final):
    survey = respondent.survey
    try:
        response = response_save(
            survey=survey,
            response=respondent.response or respondent.new(),
            questions=questions,
            values=form.values,
            submit=final,
        )
    except ValidationError:
        return redirect(respondent.url)
    if respondent.session_key:
        request.session[respondent.session_key] = response.pk
    if final:
        return redirect(respondent.done_url)
    messages.success(
        request,
        "Vos réponses sont enregistrées. Vous pouvez fermer cette page et revenir plus tard "
        "par le même lien pour terminer.",
    )
    return redirect(respondent.url)


def _render_form(request, respondent, form):
    context = {
        "survey": respondent.survey,
        "form": form,
        "groups": form.groups(),
        "summary": form.error_summary() if form.is_bound else [],
        "action_url": respondent.url,
        "started": respondent.response is not None,
    }
    return render(request, "survey_public/form.html", context)


def closed_page(request, survey, state):
    """Closed: 410 Gone with the closing date; not open yet: 200 with the opening date."""
    status = 410 if state == SurveyState.CLOSED else 200
    context = {"survey": survey, "state": state, "closed": state == SurveyState.CLOSED}
    return render(request, "survey_public/closed.html", context, status=status)
