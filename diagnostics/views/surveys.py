"""Surveys of a diagnostic: list, creation (template, copy, empty), the builder page,
settings, closing, public link, preview, deletion."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from diagnostics.models import Diagnostic, Survey
from diagnostics.surveys import services
from diagnostics.surveys.answer_form import AnswerForm
from diagnostics.surveys.answers import questionnaire
from diagnostics.surveys.forms import COPY, TEMPLATE, SurveyCreateForm, SurveyForm
from diagnostics.surveys.invitations import public_url
from diagnostics.surveys.logic import describe_condition
from diagnostics.surveys.results import question_numbers, rates
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object

SURVEYS = Survey.objects.select_related("diagnostic__workspace")


@with_object(Diagnostic, Action.VIEW, pk="pk")
def survey_list(request, diagnostic):
    surveys = diagnostic.surveys.all()
    rows = [(survey, rates_summary(survey)) for survey in surveys]
    context = {
        "diagnostic": diagnostic,
        "rows": rows,
        "can_change": can(request.user, diagnostic.workspace_id, Action.CHANGE),
    }
    return render(request, "diagnostics/surveys/list.html", context)


def rates_summary(survey):
    data = rates(survey)
    invited = data["invitations"]
    data["rate"] = data["answered_invitations"] / invited if invited else None
    return data


@with_object(Diagnostic, Action.CHANGE, pk="pk")
def survey_create(request, diagnostic):
    form = SurveyCreateForm(request.POST or None, workspace=diagnostic.workspace)
    if request.method == "POST" and form.is_valid():
        source = {TEMPLATE: services.TEMPLATE, COPY: form.cleaned_data["copy_of"]}
        survey = services.survey_create(
            diagnostic=diagnostic,
            user=request.user,
            data={"title": form.cleaned_data["title"]},
            source=source.get(form.cleaned_data["source"]),
        )
        messages.success(
            request, "Enquête créée. Vérifiez ses questions et sa notice d'information."
        )
        return redirect("diagnostics:survey-detail", survey.pk)
    return render(
        request, "diagnostics/surveys/create.html", {"diagnostic": diagnostic, "form": form}
    )


@with_object(SURVEYS, Action.VIEW, pk="pk")
def survey_detail(request, survey):
    """The builder: the questionnaire with its actions, the state and the public link."""
    questions = questionnaire(survey)
    numbers = question_numbers(questions)
    rows = [(q, numbers.get(q.pk), describe_condition(q, numbers)) for q in questions]
    workspace_id = survey.diagnostic.workspace_id
    can_change = can(request.user, workspace_id, Action.CHANGE)
    token = services.public_token(survey) if can_change else None
    context = {
        "diagnostic": survey.diagnostic,
        "survey": survey,
        "rows": rows,
        "state": survey.state(),
        "summary": rates_summary(survey),
        "can_change": can_change,
        "can_delete": can(request.user, workspace_id, Action.DELETE),
        "public_link": public_url(token) if token else "",
    }
    return render(request, "diagnostics/surveys/detail.html", context)


@with_object(SURVEYS, Action.CHANGE, pk="pk")
def survey_edit(request, survey):
    form = SurveyForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        services.survey_update(survey=survey, data=form.cleaned_data)
        messages.success(request, "Enquête modifiée.")
        return redirect("diagnostics:survey-detail", survey.pk)
    context = {"diagnostic": survey.diagnostic, "survey": survey, "form": form}
    return render(request, "diagnostics/surveys/edit.html", context)


@with_object(SURVEYS, Action.DELETE, pk="pk")
def survey_delete(request, survey):
    diagnostic = survey.diagnostic
    if request.method == "POST":
        services.survey_delete(survey=survey, user=request.user)
        messages.success(request, "Enquête supprimée, avec ses invitations et ses réponses.")
        return redirect("diagnostics:survey-list", diagnostic.pk)
    context = {"diagnostic": diagnostic, "survey": survey, "summary": rates_summary(survey)}
    return render(request, "diagnostics/surveys/confirm_delete.html", context)


@with_object(SURVEYS, Action.CHANGE, pk="pk")
@require_POST
def survey_close(request, survey):
    if request.POST.get("action") == "rouvrir":
        services.survey_reopen(survey=survey, user=request.user)
        messages.success(request, "Enquête rouverte.")
    else:
        services.survey_close(survey=survey, user=request.user)
        messages.success(request, "Enquête close\u00a0: les liens n'acceptent plus de réponse.")
    return redirect("diagnostics:survey-detail", survey.pk)


@with_object(SURVEYS, Action.CHANGE, pk="pk")
@require_POST
def survey_public_link(request, survey):
    """Create (or replace) the public link, or remove it."""
    if request.POST.get("action") == "supprimer":
        services.public_link_disable(survey=survey)
        messages.success(request, "Lien public supprimé.")
    else:
        services.public_link_enable(survey=survey)
        messages.success(request, "Nouveau lien public créé\u00a0; l'ancien ne fonctionne plus.")
    return redirect("diagnostics:survey-detail", survey.pk)


@with_object(SURVEYS, Action.VIEW, pk="pk")
def survey_preview(request, survey):
    """The respondent's form as it will look, sending nothing."""
    form = AnswerForm(questionnaire(survey))
    context = {"survey": survey, "form": form, "preview": True, "groups": form.groups()}
    return render(request, "survey_public/form.html", context)
