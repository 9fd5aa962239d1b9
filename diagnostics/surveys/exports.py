"""The raw export of a survey: one row per submitted response, one column per question, or
per option of a multiple choice (1 when chosen, 0 otherwise) and per row of a matrix.
Structures are named only when the survey's results are named. Cells are written by
essterritoire.exports, which defuses formulas."""

from diagnostics.models import SurveyResponse
from diagnostics.surveys.answers import plain_number, questionnaire
from diagnostics.surveys.enums import OptionRole, QuestionKind
from diagnostics.surveys.results import NO_ACTOR, question_numbers, submitted_answers

OTHER_COLUMN = "Autre (précisez)"


def _short(text, width=80):
    return text if len(text) <= width else text[: width - 1] + "…"


def columns(survey, questions):
    """[(header, question, option or None, part)] where part is "value", "option", "row"
    or "other"."""
    numbers = question_numbers(questions)
    result = []
    for question in questions:
        if question.is_section:
            continue
        head = f"Q{numbers[question.pk]}. {_short(question.text)}"
        options = list(question.options.all())
        if question.kind == QuestionKind.MULTIPLE:
            choices = [o for o in options if o.role == OptionRole.CHOICE]
            result += [(f"{head} — {o.label}", question, o, "option") for o in choices]
        elif question.kind == QuestionKind.MATRIX:
            rows = [o for o in options if o.role == OptionRole.ROW]
            result += [(f"{head} — {o.label}", question, o, "row") for o in rows]
        else:
            result.append((head, question, None, "value"))
        if question.allow_other and question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            result.append((f"{head} — {OTHER_COLUMN}", question, None, "other"))
    return result


def export_table(survey):
    """(headers, rows generator) of the raw export, in 3 queries."""
    questions = questionnaire(survey)
    cols = columns(survey, questions)
    named = survey.named_results
    identity = ["Réponse n°", "Envoyée le", "Type de structure"]
    identity += ["Structure", "Commune"] if named else []
    headers = identity + [header for header, *_ in cols]
    return headers, _rows(survey, cols, named)


def _rows(survey, cols, named):
    responses = (
        SurveyResponse.objects.filter(survey=survey, submitted_at__isnull=False)
        .select_related("invitation__actor__commune")
        .order_by("submitted_at", "pk")
    )
    answers = {}
    for answer in submitted_answers(survey).select_related("option").iterator():
        answers.setdefault(answer.response_id, []).append(answer)
    for n, response in enumerate(responses, start=1):
        cells = _cells(answers.get(response.pk, []))
        yield _identity(n, response, named) + [_cell(cells, col) for col in cols]


def _identity(n, response, named):
    actor = response.invitation.actor if response.invitation_id else None
    row = [n, response.submitted_at, actor.get_kind_display() if actor else NO_ACTOR]
    if named:
        commune = actor.commune.name if actor and actor.commune else ""
        row += [actor.name if actor else "", commune]
    return row


def _cells(answers):
    """{(question id, option id or None): [answers]}."""
    cells = {}
    for answer in answers:
        cells.setdefault((answer.question_id, answer.option_id), []).append(answer)
        cells.setdefault((answer.question_id, "*"), []).append(answer)
    return cells


def _cell(cells, col):
    _header, question, option, part = col
    if part == "option":
        return (
            1 if (question.pk, option.pk) in cells else (0 if (question.pk, "*") in cells else "")
        )
    if part == "row":
        found = cells.get((question.pk, option.pk))
        return int(found[0].number) if found else ""
    if part == "other":
        found = cells.get((question.pk, None))
        return found[0].text if found else ""
    return _value(question, cells.get((question.pk, "*"), []))


def _value(question, answers):
    if not answers:
        return ""
    answer = answers[0]
    kind = question.kind
    if kind == QuestionKind.SINGLE:
        return answer.option.label if answer.option_id else "Autre"
    if kind == QuestionKind.YES_NO:
        return "oui" if answer.number == 1 else "non"
    if kind in (QuestionKind.NUMBER, QuestionKind.SCALE):
        return plain_number(answer.number)
    return answer.text
