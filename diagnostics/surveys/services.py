"""Writes on surveys and their questionnaire (the builder). Invitations, answers and mailings
have their own modules (invitations.py, answers.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from diagnostics.enums import HistoryAction
from diagnostics.history import history_record
from diagnostics.models import Survey, SurveyOption, SurveyQuestion
from diagnostics.surveys import specs, tokens
from diagnostics.surveys.enums import OptionRole, QuestionKind
from diagnostics.surveys.template_data import TEMPLATE_QUESTIONS

TEMPLATE = "template"
UP, DOWN = "up", "down"


def default_privacy(workspace):
    """The privacy notice a new survey starts with, to be checked by its author."""
    return {
        "privacy_controller": workspace.name,
        "privacy_purpose": (
            "Réaliser le diagnostic partagé de l'économie sociale et solidaire du territoire "
            "et en publier des résultats agrégés."
        ),
        "privacy_retention": "Deux ans après la fin du diagnostic",
        "privacy_contact": f"Le service ESS de {workspace.name}",
    }


@transaction.atomic
def survey_create(*, diagnostic, user, data, source=None):
    """A new survey; its questions come from the built-in template (`source="template"`),
    from a copy of another survey (`source` a Survey), or it starts empty."""
    fields = {**default_privacy(diagnostic.workspace), **data}
    survey = Survey.objects.create(diagnostic=diagnostic, created_by=user, **fields)
    if source == TEMPLATE:
        specs.load_questions(survey, TEMPLATE_QUESTIONS)
    elif isinstance(source, Survey):
        specs.load_questions(survey, specs.dump_questions(source))
    history_record(diagnostic, user, HistoryAction.CREATED, survey)
    return survey


def survey_update(*, survey, data):
    for field, value in data.items():
        setattr(survey, field, value)
    survey.save()
    return survey


@transaction.atomic
def survey_delete(*, survey, user):
    history_record(survey.diagnostic, user, HistoryAction.DELETED, survey)
    survey.delete()


def survey_close(*, survey, user):
    """Close now: the links then show that the survey is closed."""
    survey.closed_at = timezone.now()
    survey.save(update_fields=["closed_at", "updated_at"])
    history_record(survey.diagnostic, user, HistoryAction.CHANGED, survey, {"état": ["", "close"]})


def survey_reopen(*, survey, user):
    """Undo a manual closing, and move a past closing date to none."""
    survey.closed_at = None
    if survey.closes_on and survey.closes_on < timezone.localdate():
        survey.closes_on = None
    survey.save(update_fields=["closed_at", "closes_on", "updated_at"])
    changes = {"état": ["close", "rouverte"]}
    history_record(survey.diagnostic, user, HistoryAction.CHANGED, survey, changes)


def public_link_enable(*, survey):
    """Give the survey a new public link (an older one stops working); returns its token."""
    survey.public_nonce, survey.public_token_hash = tokens.issue()
    survey.save(update_fields=["public_nonce", "public_token_hash", "updated_at"])
    return tokens.token_of(survey.public_nonce, survey.public_token_hash)


def public_link_disable(*, survey):
    survey.public_nonce = survey.public_token_hash = ""
    survey.save(update_fields=["public_nonce", "public_token_hash", "updated_at"])


def public_token(survey):
    if not survey.has_public_link:
        return None
    return tokens.token_of(survey.public_nonce, survey.public_token_hash)


# Questions


def _next_order(survey):
    top = survey.questions.aggregate(top=Max("order"))["top"]
    return 0 if top is None else top + 1


@transaction.atomic
def question_save(*, survey, data, choices=(), rows=(), question=None):
    """Create or change a question with its choices and matrix rows (lists of labels). Rows
    whose label is kept keep their answers; removed ones lose theirs."""
    if question is None:
        question = SurveyQuestion(survey=survey, order=_next_order(survey))
    for field, value in data.items():
        setattr(question, field, value)
    _check_condition(question)
    question.save()
    kind = question.kind
    keep_choices = kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
    _sync_options(question, OptionRole.CHOICE, choices if keep_choices else ())
    _sync_options(question, OptionRole.ROW, rows if kind == QuestionKind.MATRIX else ())
    return question


def _check_condition(question):
    source = question.condition_question
    if source is None:
        question.condition_option = None
        question.condition_value = ""
        return
    if source.survey_id != question.survey_id or source.pk == question.pk:
        raise ValidationError("La condition doit porter sur une autre question de l'enquête.")
    if question.pk and (source.order, source.pk) > (question.order, question.pk):
        raise ValidationError("La condition doit porter sur une question placée avant.")


def _sync_options(question, role, labels):
    labels = [label.strip()[:255] for label in labels if label.strip()]
    existing = list(question.options.filter(role=role))
    by_label = {option.label: option for option in existing}
    kept = []
    for order, label in enumerate(dict.fromkeys(labels)):
        option = by_label.pop(label, None) or SurveyOption(question=question, role=role)
        option.label, option.order = label, order
        option.save()
        kept.append(option)
    SurveyOption.objects.filter(pk__in=[o.pk for o in by_label.values()]).delete()
    return kept


def question_delete(*, question):
    """Delete the question and its answers; questions shown on its condition are shown
    always from then on."""
    question.delete()


@transaction.atomic
def question_duplicate(*, question):
    """A copy right after the question (same condition, its own options)."""
    survey = question.survey
    later = survey.questions.filter(order__gt=question.order)
    for row in later.select_for_update():
        row.order += 1
        row.save(update_fields=["order"])
    source_options = list(question.options.all())
    question.pk = None
    question.id = None
    question._state.adding = True
    question.order += 1
    question.text = (question.text + " (copie)")[:500]
    question.save()
    SurveyOption.objects.bulk_create(
        SurveyOption(question=question, role=o.role, label=o.label, order=o.order)
        for o in source_options
    )
    return question


@transaction.atomic
def question_move(*, question, direction):
    """Swap the question with its neighbour; refused when a condition would then point to a
    later question. Returns False when it cannot move."""
    rows = list(question.survey.questions.select_for_update().order_by("order", "pk"))
    index = next(i for i, row in enumerate(rows) if row.pk == question.pk)
    target = index - 1 if direction == UP else index + 1
    if direction not in (UP, DOWN) or not 0 <= target < len(rows):
        return False
    first, second = sorted((rows[index], rows[target]), key=rows.index)
    if second.condition_question_id == first.pk:
        raise ValidationError(
            "Impossible\u00a0: une question ne peut pas passer avant celle dont dépend son "
            "affichage."
        )
    rows[index], rows[target] = rows[target], rows[index]
    for order, row in enumerate(rows):
        row.order = order
    SurveyQuestion.objects.bulk_update(rows, ["order"])
    return True
