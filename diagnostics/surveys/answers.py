"""Saving a respondent's answers: values (surveys/logic.py) to SurveyAnswer rows and back.

A save replaces the response's answers in one transaction; the final one also stamps
`submitted_at`, after which the response no longer changes."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from diagnostics.models import SurveyAnswer, SurveyResponse
from diagnostics.surveys.enums import QuestionKind, SurveyState
from diagnostics.surveys.logic import Choice, keep_visible

ALREADY_SUBMITTED = "Ces réponses ont déjà été envoyées."
NOT_OPEN = "L'enquête n'est pas ouverte."


def questionnaire(survey):
    """The questions in order, ready for the form and the conditions (2 queries)."""
    questions = survey.questions.select_related("condition_question", "condition_option")
    return list(questions.prefetch_related("options").order_by("order", "pk"))


def rows_for(response, question, value):
    """The SurveyAnswer rows of one value."""

    def row(**fields):
        return SurveyAnswer(response=response, question=question, **fields)

    if isinstance(value, Choice):
        rows = [row(option_id=pk) for pk in value.options]
        return rows + ([row(text=value.other)] if value.other else [])
    if isinstance(value, dict):
        return [row(option_id=pk, number=number) for pk, number in value.items()]
    if isinstance(value, bool):
        return [row(number=1 if value else 0)]
    if isinstance(value, str):
        return [row(text=value)]
    return [row(number=Decimal(value))]


def values_of(response, questions):
    """The saved values of a response, as the form gives them (1 query)."""
    kinds = {q.pk: q.kind for q in questions}
    values = {}
    for answer in response.answers.order_by("pk"):
        kind = kinds.get(answer.question_id)
        if kind is not None:
            values[answer.question_id] = _merge(kind, values.get(answer.question_id), answer)
    return values


def _merge(kind, current, answer):
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        current = current or Choice()
        if answer.option_id:
            return Choice((*current.options, answer.option_id), current.other)
        return Choice(current.options, answer.text)
    if kind == QuestionKind.MATRIX:
        return {**(current or {}), answer.option_id: int(answer.number)}
    if kind == QuestionKind.YES_NO:
        return answer.number == 1
    if kind == QuestionKind.SCALE:
        return int(answer.number)
    if kind == QuestionKind.NUMBER:
        return plain_number(answer.number)
    return answer.text


def plain_number(value):
    """12 rather than 12.0000, 2.5 rather than 2.5000."""
    return int(value) if value == value.to_integral_value() else value.normalize()


@transaction.atomic
def response_save(*, survey, response, questions, values, submit=False, now=None):
    """Replace the response's answers with `values` (hidden questions dropped) and, on
    `submit`, send it. `response` may be unsaved (its first save). Refused when the survey
    is not open or the response was already sent."""
    now = now or timezone.now()
    if survey.state(timezone.localdate(now)) != SurveyState.OPEN:
        raise ValidationError(NOT_OPEN)
    if response.pk:
        response = SurveyResponse.objects.select_for_update().get(pk=response.pk)
        if response.submitted_at:
            raise ValidationError(ALREADY_SUBMITTED)
    if submit:
        response.submitted_at = now
    response.save()
    by_pk = {q.pk: q for q in questions}
    kept = keep_visible(questions, values)
    rows = [r for pk, v in kept.items() if pk in by_pk for r in rows_for(response, by_pk[pk], v)]
    response.answers.all().delete()
    SurveyAnswer.objects.bulk_create(rows)
    return response


def public_limit():
    return getattr(settings, "SURVEY_PUBLIC_MAX_PER_HOUR", 20)


def public_rate_exceeded(survey, ip_hash, now=None):
    """True when the address started as many answers through the public link in the last
    hour as allowed (SURVEY_PUBLIC_MAX_PER_HOUR, 20 by default)."""
    since = (now or timezone.now()) - timedelta(hours=1)
    started = SurveyResponse.objects.filter(
        survey=survey, invitation__isnull=True, ip_hash=ip_hash, started_at__gte=since
    )
    return started.count() >= public_limit()
