"""Conditional display, evaluated on the server (the page's script only mirrors it).

Answers are handled as "values": {question id: value}, a value being a str (texts), a `Choice`
(single and multiple choice), a bool (yes/no), a Decimal (number), an int (scale) or a
{row id: int} dict (matrix). An unanswered question is absent.

A question is shown when its section is shown and its own condition holds; a condition on a
hidden question or on a later one never holds. Hidden questions are not required, and their
answers are dropped before saving.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from diagnostics.surveys.enums import CHOICE_KINDS, QuestionKind

YES, NO = "oui", "non"


@dataclass(frozen=True)
class Choice:
    """The options chosen (ids) and the text of "Autre, précisez" ("" when not chosen)."""

    options: tuple = ()
    other: str = field(default="")

    def __bool__(self):
        return bool(self.options or self.other)


def threshold(value):
    """The minimum of a scale or number condition, or None when unreadable."""
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, ValueError):
        return None


def condition_holds(question, value):
    """Whether `value`, the answer to `question.condition_question`, shows `question`."""
    source = question.condition_question
    if value is None or source is None:
        return False
    if source.kind in CHOICE_KINDS:
        return isinstance(value, Choice) and question.condition_option_id in value.options
    if source.kind == QuestionKind.YES_NO:
        return isinstance(value, bool) and value == (question.condition_value == YES)
    minimum = threshold(question.condition_value)
    return minimum is not None and not isinstance(value, (dict, Choice, str)) and value >= minimum


def visible_ids(questions, values):
    """Ids of the questions (sections included) shown, given the answers; `questions` in
    their order, each with its `condition_question` loaded."""
    shown = set()
    section_shown = True
    for question in questions:
        own = _own_condition(question, values, shown)
        if question.is_section:
            section_shown = own
            visible = own
        else:
            visible = section_shown and own
        if visible:
            shown.add(question.pk)
    return shown


def _own_condition(question, values, shown):
    if question.condition_question_id is None:
        return True
    if question.condition_question_id not in shown:
        return False
    return condition_holds(question, values.get(question.condition_question_id))


def keep_visible(questions, values):
    """The values of the questions shown, the others dropped."""
    shown = visible_ids(questions, values)
    return {pk: value for pk, value in values.items() if pk in shown}


def describe_condition(question, numbers):
    """The condition in words, for the builder and the page without script: «\u00a0Q3 =
    Financement\u00a0». `numbers` maps question ids to their displayed number."""
    source = question.condition_question
    if source is None:
        return ""
    ref = f"Q{numbers.get(source.pk, '?')}" if not source.is_section else source.text
    if source.kind in CHOICE_KINDS:
        label = question.condition_option.label if question.condition_option else "?"
        return f"{ref} = «\u00a0{label}\u00a0»"
    if source.kind == QuestionKind.YES_NO:
        return f"{ref} = «\u00a0{question.condition_value.capitalize()}\u00a0»"
    return f"{ref} ≥ {question.condition_value}"
