"""A question's result as evidence of an AFOM item: the figures are frozen in the evidence's
`snapshot` (they no longer move when answers come in), with a title and a readable citation.
Writes go through diagnostics.services_afom, which records the history."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from diagnostics import services_afom
from diagnostics.enums import EvidenceKind
from diagnostics.models import Evidence
from diagnostics.surveys.results import survey_results
from essterritoire.reports.formats import NBSP, number, percent


def question_result(question):
    """The result of one question, with the survey's rates."""
    results = survey_results(question.survey, only={question.pk}, text_sample=0, named=False)
    return results, results.questions[0]


def result_figures(result):
    """The result as JSON-safe figures: rows, matrix rows or number statistics."""
    figures = {"respondents": result.respondents}
    if result.rows:
        figures["rows"] = [
            {"label": r.label, "count": r.count, "percent": _round(r.percent)} for r in result.rows
        ]
    if result.matrix:
        figures["matrix"] = [
            {"label": r.label, "counts": r.counts, "mean": _round(r.mean, 2)} for r in result.matrix
        ]
    if result.stats:
        figures["stats"] = {key: _round(value, 2) for key, value in result.stats.items()}
    if result.text_count:
        figures["text_answers"] = result.text_count
    return figures


def _round(value, digits=1):
    return None if value is None else round(float(value), digits)


def snapshot(results, result):
    survey = results.survey
    return {
        "survey": survey.title,
        "survey_id": survey.pk,
        "question_id": result.question.pk,
        "question": result.question.text,
        "kind": result.question.kind,
        "invitations": results.invitations,
        "responses": results.responses,
        "response_rate": _round(results.rate, 4),
        "taken_on": timezone.localdate().isoformat(),
        **result_figures(result),
    }


def citation(results, result):
    """«\u00a0Financement\u00a0: 34 (56,7 %)\u00a0; …\u00a0» — 60 répondants, 23/11/2026."""
    if result.rows:
        parts = [f"{r.label}{NBSP}: {number(r.count)} ({percent(r.percent)})" for r in result.rows]
    elif result.matrix:
        parts = [f"{r.label}{NBSP}: moyenne {number(r.mean, 1)} sur 5" for r in result.matrix]
    elif result.stats and result.stats["count"]:
        stats = result.stats
        low, high = number(stats["low"]), number(stats["high"])
        parts = [f"moyenne {number(stats['mean'], 1)}, de {low} à {high}"]
    else:
        parts = [f"{number(result.text_count)} réponses en texte libre"]
    when = timezone.localdate().strftime("%d/%m/%Y")
    who = f"{number(result.respondents)} répondant{'s' if result.respondents > 1 else ''}"
    return f"{f'{NBSP}; '.join(parts)}. {who} à la question, résultats au {when}."


def evidence_for(question):
    """An unsaved Evidence of kind "survey" holding the question's current result."""
    results, result = question_result(question)
    url = settings.SITE_URL + reverse("diagnostics:survey-results", args=[question.survey_id])
    return Evidence(
        kind=EvidenceKind.SURVEY,
        title=f"Enquête «\u00a0{question.survey.title}\u00a0» — Q{result.number}. {question.text}"[
            :255
        ],
        citation=citation(results, result),
        url=f"{url}#question-{question.pk}"[:200],
        snapshot=snapshot(results, result),
    )


def attach_to_item(*, question, item, user):
    """Attach the question's result to an existing AFOM item of the same diagnostic."""
    evidence = evidence_for(question)
    fields = {f: getattr(evidence, f) for f in ("title", "citation", "url", "snapshot")}
    return services_afom.evidence_add(item=item, user=user, kind=EvidenceKind.SURVEY, **fields)


def attach_to_new_item(*, question, user, data):
    """A new AFOM item (quadrant, title...) whose evidence is the question's result."""
    diagnostic = question.survey.diagnostic
    return services_afom.afom_item_create(
        diagnostic=diagnostic, user=user, data=data, evidence=[evidence_for(question)]
    )
