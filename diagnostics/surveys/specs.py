"""Questions as plain data: the built-in template, a copy of another survey and the
diagnostic's JSON document all use this form.

    {"key": "q3", "kind": "single", "text": "...", "help": "", "required": false,
     "choices": ["..."], "rows": ["..."], "other": false, "min": null, "max": null,
     "decimals": false, "scale": ["libellé du 1", "libellé du 5"],
     "condition": {"question": "q2", "choice": "Oui, un label"} or {"question": "q2",
     "value": "oui"}}

Conditions name the earlier question by its key and the option by its label.
"""

from decimal import Decimal

from diagnostics.models import SurveyOption, SurveyQuestion
from diagnostics.surveys.enums import OptionRole, QuestionKind


def dump_questions(survey):
    """The survey's questions as specs, keys q1, q2... in order (2 queries)."""
    questions = list(survey.questions.prefetch_related("options").order_by("order", "pk"))
    keys = {q.pk: f"q{n}" for n, q in enumerate(questions, start=1)}
    options = {o.pk: o.label for q in questions for o in q.options.all()}
    return [_dump(q, keys, options) for q in questions]


def _dump(question, keys, options):
    spec = {
        "key": keys[question.pk],
        "kind": question.kind,
        "text": question.text,
        "help": question.help_text,
        "required": question.required,
        "choices": [o.label for o in question.options.all() if o.role == OptionRole.CHOICE],
        "rows": [o.label for o in question.options.all() if o.role == OptionRole.ROW],
        "other": question.allow_other,
        "min": _number(question.min_value),
        "max": _number(question.max_value),
        "decimals": question.allow_decimals,
        "scale": [question.scale_min_label, question.scale_max_label],
    }
    if question.condition_question_id in keys:
        condition = {"question": keys[question.condition_question_id]}
        if question.condition_option_id:
            condition["choice"] = options.get(question.condition_option_id, "")
        else:
            condition["value"] = question.condition_value
        spec["condition"] = condition
    return spec


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def load_questions(survey, specs, start=0):
    """Create the questions of `specs` at the end of `survey`; returns them. A condition
    naming an unknown question or choice is left out."""
    created, by_key = [], {}
    for order, spec in enumerate(specs, start=start):
        question = SurveyQuestion.objects.create(survey=survey, order=order, **_fields(spec))
        options = _options(question, spec)
        _condition(question, spec.get("condition"), by_key)
        by_key[spec.get("key") or f"q{order + 1}"] = (question, options)
        created.append(question)
    return created


def _fields(spec):
    scale = list(spec.get("scale") or ["", ""]) + ["", ""]
    kind = spec["kind"] if spec.get("kind") in QuestionKind.values else QuestionKind.SHORT_TEXT
    return {
        "kind": kind,
        "text": str(spec.get("text") or "")[:500] or "Question sans intitulé",
        "help_text": str(spec.get("help") or ""),
        "required": bool(spec.get("required")),
        "allow_other": bool(spec.get("other")),
        "min_value": _decimal(spec.get("min")),
        "max_value": _decimal(spec.get("max")),
        "allow_decimals": bool(spec.get("decimals")),
        "scale_min_label": str(scale[0] or "")[:100],
        "scale_max_label": str(scale[1] or "")[:100],
    }


def _decimal(value):
    return None if value is None else Decimal(str(value))


def _options(question, spec):
    rows = [
        SurveyOption(question=question, role=role, label=str(label)[:255], order=n)
        for role, key in ((OptionRole.CHOICE, "choices"), (OptionRole.ROW, "rows"))
        for n, label in enumerate(spec.get(key) or [])
    ]
    return SurveyOption.objects.bulk_create(rows)


def _condition(question, condition, by_key):
    if not isinstance(condition, dict) or condition.get("question") not in by_key:
        return
    source, options = by_key[condition["question"]]
    question.condition_question = source
    if "choice" in condition:
        option = next((o for o in options if o.label == condition["choice"]), None)
        if option is None:
            question.condition_question = None
            return
        question.condition_option = option
    else:
        question.condition_value = str(condition.get("value") or "")[:20]
    question.save(update_fields=["condition_question", "condition_option", "condition_value"])
