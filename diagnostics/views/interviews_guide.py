"""The diagnostic's interview guide: questions to list, add, edit, reorder, delete, print."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from diagnostics import services_interviews as services
from diagnostics.forms_interviews import GuideQuestionForm
from diagnostics.models import Diagnostic, GuideQuestion
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object

QUESTIONS = GuideQuestion.objects.select_related("diagnostic__workspace")


def _guide_url(diagnostic_id, question_id=None):
    url = reverse("diagnostics:interview-guide", args=[diagnostic_id])
    return f"{url}#question-{question_id}" if question_id else url


@with_object(Diagnostic, Action.VIEW, pk="pk")
def interview_guide(request, diagnostic):
    """The guide; on the first visit it is seeded with the default guide (seeds 000, 003)."""
    return _render_guide(request, diagnostic)


def _render_guide(request, diagnostic, form=None):
    services.guide_ensure(diagnostic=diagnostic)
    context = {
        "diagnostic": diagnostic,
        "questions": diagnostic.guide_questions.order_by("order", "pk"),
        "form": form or GuideQuestionForm(prefix="question"),
        "can_change": can(request.user, diagnostic.workspace_id, Action.CHANGE),
        "can_delete": can(request.user, diagnostic.workspace_id, Action.DELETE),
    }
    return render(request, "diagnostics/interviews/guide.html", context)


@with_object(Diagnostic, Action.VIEW, pk="pk")
def interview_guide_print(request, diagnostic):
    """The guide on paper, grouped by section, with room for the answers."""
    services.guide_ensure(diagnostic=diagnostic)
    context = {
        "diagnostic": diagnostic,
        "questions": diagnostic.guide_questions.order_by("order", "pk"),
    }
    return render(request, "diagnostics/interviews/guide_print.html", context)


@with_object(Diagnostic, Action.CHANGE, pk="pk")
@require_POST
def guide_question_add(request, diagnostic):
    form = GuideQuestionForm(request.POST, prefix="question")
    if not form.is_valid():
        return _render_guide(request, diagnostic, form)
    question = services.guide_question_create(diagnostic=diagnostic, **form.cleaned_data)
    messages.success(request, "Question ajoutée à la fin du guide.")
    return redirect(_guide_url(diagnostic.pk, question.pk))


@with_object(QUESTIONS, Action.CHANGE, pk="pk")
def guide_question_edit(request, question):
    form = GuideQuestionForm(request.POST or None, instance=question, prefix="question")
    if request.method == "POST" and form.is_valid():
        services.guide_question_update(question=question, **form.cleaned_data)
        messages.success(request, "Question modifiée.")
        return redirect(_guide_url(question.diagnostic_id, question.pk))
    context = {"diagnostic": question.diagnostic, "question": question, "form": form}
    return render(request, "diagnostics/interviews/guide_question_form.html", context)


@with_object(QUESTIONS, Action.CHANGE, pk="pk")
@require_POST
def guide_question_move(request, question):
    try:
        moved = services.guide_question_move(
            question=question, direction=request.POST.get("direction")
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if moved:
            messages.success(request, "Question déplacée.")
    return redirect(_guide_url(question.diagnostic_id, question.pk))


@with_object(QUESTIONS, Action.DELETE, pk="pk")
@require_POST
def guide_question_delete(request, question):
    try:
        services.guide_question_delete(question=question)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Question supprimée du guide.")
    return redirect(_guide_url(question.diagnostic_id))
