"""The questions of a survey: add, edit, move, duplicate, delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from diagnostics.models import SurveyQuestion
from diagnostics.surveys import services
from diagnostics.surveys.forms import QuestionForm
from diagnostics.views.surveys import SURVEYS
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import with_object

QUESTIONS = SurveyQuestion.objects.select_related("survey__diagnostic__workspace")


def _builder_url(question):
    return reverse("diagnostics:survey-detail", args=[question.survey_id]) + f"#q-{question.pk}"


@with_object(SURVEYS, Action.CHANGE, pk="pk")
def question_add(request, survey):
    initial = {"kind": request.GET.get("type", "single")}
    form = QuestionForm(request.POST or None, survey=survey, initial=initial)
    return _save(request, survey, form, None)


@with_object(QUESTIONS, Action.CHANGE, pk="pk")
def question_edit(request, question):
    form = QuestionForm(request.POST or None, survey=question.survey, instance=question)
    return _save(request, question.survey, form, question)


def _save(request, survey, form, question):
    if request.method == "POST" and form.is_valid():
        try:
            question = services.question_save(
                survey=survey,
                question=question,
                data=form.data_for_service(),
                choices=form.cleaned_data["choice_list"],
                rows=form.cleaned_data["row_list"],
            )
        except ValidationError as error:
            form.add_error("condition", error)
        else:
            messages.success(request, "Question enregistrée.")
            return redirect(_builder_url(question))
    context = {
        "diagnostic": survey.diagnostic,
        "survey": survey,
        "form": form,
        "question": question,
        "answered": question.answers.exists() if question else False,
    }
    return render(request, "diagnostics/surveys/question_form.html", context)


@with_object(QUESTIONS, Action.CHANGE, pk="pk")
@require_POST
def question_move(request, question):
    direction = request.POST.get("sens")
    try:
        moved = services.question_move(question=question, direction=direction)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_builder_url(question))
    if not moved:
        messages.info(request, "La question est déjà à cette extrémité.")
    return redirect(_builder_url(question))


@with_object(QUESTIONS, Action.CHANGE, pk="pk")
@require_POST
def question_duplicate(request, question):
    copy = services.question_duplicate(question=question)
    messages.success(request, "Question dupliquée\u00a0: la copie suit l'originale.")
    return redirect(_builder_url(copy))


@with_object(QUESTIONS, Action.CHANGE, pk="pk")
def question_delete(request, question):
    survey = question.survey
    if request.method == "POST":
        services.question_delete(question=question)
        messages.success(request, "Question supprimée.")
        return redirect("diagnostics:survey-detail", survey.pk)
    context = {
        "diagnostic": survey.diagnostic,
        "survey": survey,
        "question": question,
        "answer_count": question.answers.values("response").distinct().count(),
        "dependents": list(question.dependents.all()),
    }
    return render(request, "diagnostics/surveys/question_confirm_delete.html", context)
