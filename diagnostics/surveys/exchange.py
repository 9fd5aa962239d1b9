"""The `survey` section of the diagnostic's JSON document (diagnostics/exchange).

    "survey": null, or {"title", "questions": [{"key", "type", "text", "help", "required",
      "choices", "rows", "other", "min", "max", "decimals", "scale", "condition"}],
      "invitations": count, "responses": count, "response_rate": 0 to 1 or null,
      "results": [{"question": key, "respondents", "rows": [{"label", "count", "percent"}],
      "matrix": [{"label", "counts", "mean"}], "stats": {...}, "text_answers": count}]}

The diagnostic's survey with the most answers is exported (the latest one on a tie). Only
aggregates: no name, e-mail, token, nor free text (which could hold personal data). An import
recreates the questionnaire as a survey in preparation; answers are not recreated.
Registered by diagnostics/apps.py when Django starts.
"""

from django.db.models import Count, Q

import diagnostics.exchange.core  # noqa: F401 - the core sections come first
from diagnostics.exchange.registry import Section, register_section
from diagnostics.exchange.schema import NAME, TEXT
from diagnostics.surveys import services, specs
from diagnostics.surveys.enums import QuestionKind
from diagnostics.surveys.evidence import result_figures
from diagnostics.surveys.results import survey_results


def main_survey(diagnostic):
    submitted = Count("responses", filter=Q(responses__submitted_at__isnull=False))
    surveys = diagnostic.surveys.annotate(answered=submitted)
    return surveys.order_by("-answered", "-created_at", "-pk").first()


def export_survey(diagnostic):
    survey = main_survey(diagnostic)
    if survey is None:
        return None
    questions = specs.dump_questions(survey)
    results = survey_results(survey, text_sample=0, named=False)
    plain = [spec for spec in questions if spec["kind"] != QuestionKind.SECTION]
    return {
        "title": survey.title,
        "questions": [_question(spec) for spec in questions],
        "invitations": results.invitations,
        "responses": results.responses,
        "response_rate": None if results.rate is None else round(results.rate, 4),
        "results": [
            {"question": spec["key"], **result_figures(result)}
            for spec, result in zip(plain, results.questions, strict=True)
        ],
    }


def _question(spec):
    spec = dict(spec)
    spec["type"] = spec.pop("kind")
    return spec


def load_survey(diagnostic, value, context):
    if not value:
        return
    survey = services.survey_create(
        diagnostic=diagnostic, user=context.get("user"), data={"title": value["title"]}
    )
    questions = [{**q, "kind": q.get("type")} for q in value.get("questions", [])]
    specs.load_questions(survey, questions)


def _array(items):
    return {"type": "array", "items": items}


COUNT = {"type": "integer", "minimum": 0}
NULLABLE_NUMBER = {"anyOf": [{"type": "number"}, {"type": "null"}]}
QUESTION = {
    "type": "object",
    "required": ["key", "type", "text"],
    "properties": {
        "key": NAME,
        "type": {"enum": list(QuestionKind.values)},
        "text": NAME,
        "help": TEXT,
        "required": {"type": "boolean"},
        "choices": _array(TEXT),
        "rows": _array(TEXT),
        "other": {"type": "boolean"},
        "min": NULLABLE_NUMBER,
        "max": NULLABLE_NUMBER,
        "decimals": {"type": "boolean"},
        "scale": _array(TEXT),
        "condition": {"type": "object", "required": ["question"]},
    },
}
RESULT = {
    "type": "object",
    "required": ["question", "respondents"],
    "properties": {
        "question": NAME,
        "respondents": COUNT,
        "rows": _array({"type": "object", "required": ["label", "count"]}),
        "matrix": _array({"type": "object", "required": ["label", "counts"]}),
        "stats": {"type": "object"},
        "text_answers": COUNT,
    },
}
SCHEMA = {
    "anyOf": [
        {"type": "null"},
        {
            "type": "object",
            "required": ["title", "questions", "invitations", "responses", "response_rate"],
            "properties": {
                "title": NAME,
                "questions": _array(QUESTION),
                "invitations": COUNT,
                "responses": COUNT,
                "response_rate": {
                    "anyOf": [{"type": "number", "minimum": 0, "maximum": 1}, {"type": "null"}]
                },
                "results": _array(RESULT),
            },
        },
    ]
}

register_section(Section("survey", export_survey, load_survey, SCHEMA))
