"""Results of a survey: rates, per question counts with chart and table, free text, cross
tabulation by actor family, raw export, and a question's result as AFOM evidence."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from diagnostics.surveys import evidence
from diagnostics.surveys.answers import questionnaire
from diagnostics.surveys.enums import COUNTED_KINDS, QuestionKind
from diagnostics.surveys.exports import export_table
from diagnostics.surveys.forms import AttachToItemForm, NewItemForm
from diagnostics.surveys.results import (
    crosstab,
    question_numbers,
    submitted_answers,
    survey_results,
)
from diagnostics.views.surveys import SURVEYS
from diagnostics.views.surveys_builder import QUESTIONS
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object
from essterritoire.exports import FORMATS, export_response
from essterritoire.pagination import paginate
from essterritoire.reports import survey_charts
from essterritoire.reports.cache import cached_chart
from essterritoire.reports.formats import number


def _source(survey, responses):
    today = timezone.localdate().strftime("%d/%m/%Y")
    plural = "s" if responses > 1 else ""
    return f"enquête «\u00a0{survey.title}\u00a0», {number(responses)} réponse{plural} au {today}"


def question_chart(result, source):
    """The SVG of a question's result (cached by its data), or "" without answers."""
    if not result.has_chart:
        return ""
    title = f"Q{result.number}. {result.question.text}"
    chart_id = f"graphique-q{result.question.pk}"
    if result.matrix:
        rows = tuple((row.label, tuple(row.counts)) for row in result.matrix)
        question = result.question
        return cached_chart(
            survey_charts.chart_scale_rows,
            rows,
            title=title,
            source=source,
            chart_id=chart_id,
            low=question.scale_min_label or "1",
            high=question.scale_max_label or "5",
        )
    rows = tuple((row.label, row.count, row.percent) for row in result.rows)
    return cached_chart(
        survey_charts.chart_answers, rows, title=title, source=source, chart_id=chart_id
    )


def _rate_chart(rows, title, source, chart_id):
    data = tuple((row.label, None if row.rate is None else 100 * row.rate) for row in rows)
    if not data:
        return ""
    return cached_chart(
        survey_charts.chart_rates, data, title=title, source=source, chart_id=chart_id
    )


@with_object(SURVEYS, Action.VIEW, pk="pk")
def survey_results_view(request, survey):
    results = survey_results(survey)
    source = _source(survey, results.responses)
    items = [(result, result.has_chart) for result in results.questions]
    workspace_id = survey.diagnostic.workspace_id
    context = {
        "diagnostic": survey.diagnostic,
        "survey": survey,
        "results": results,
        "items": items,
        "family_chart": _rate_chart(
            results.by_family, "Taux de réponse par type de structure", source, "taux-familles"
        ),
        "can_change": can(request.user, workspace_id, Action.CHANGE),
        "can_export": can(request.user, workspace_id, Action.VIEW_PERSONAL),
        "crossable": [r for r in results.questions if r.question.kind in CROSSABLE],
    }
    return render(request, "diagnostics/surveys/results.html", context)


CROSSABLE = tuple(k for k in COUNTED_KINDS if k != QuestionKind.MATRIX)


@with_object(QUESTIONS, Action.VIEW, pk="pk")
def question_chart_view(request, question):
    """One question's chart, loaded by the results page as it scrolls into view (htmx): the
    page itself shows at once, with its tables, even when every chart has to be drawn."""
    results, result = evidence.question_result(question)
    chart = question_chart(result, _source(question.survey, results.responses))
    return render(request, "diagnostics/surveys/_chart.html", {"chart": chart})


@with_object(SURVEYS, Action.VIEW_PERSONAL, pk="pk")
def survey_export(request, survey):
    fmt = request.GET.get("format")
    if fmt not in FORMATS:
        messages.error(request, "Format d'export inconnu\u00a0: choisissez CSV ou XLSX.")
        return redirect("diagnostics:survey-results", survey.pk)
    headers, rows = export_table(survey)
    return export_response(fmt, f"reponses-enquete-{survey.pk}", headers, rows, title="Réponses")


@with_object(QUESTIONS, Action.VIEW, pk="pk")
def question_texts(request, question):
    """Every free text answer of a question (and the "Autre" precisions), paginated."""
    survey = question.survey
    answers = submitted_answers(survey).filter(question=question, text__gt="")
    answers = answers.select_related("response__invitation__actor").order_by("-pk")
    numbers = question_numbers(questionnaire(survey))
    context = {
        "diagnostic": survey.diagnostic,
        "survey": survey,
        "question": question,
        "number": numbers.get(question.pk),
        "page": paginate(request, answers, per_page=50),
    }
    return render(request, "diagnostics/surveys/texts.html", context)


@with_object(QUESTIONS, Action.VIEW, pk="pk")
def question_crosstab(request, question):
    """The answers to one question by family of the responding actor."""
    survey = question.survey
    questions = questionnaire(survey)
    numbers = question_numbers(questions)
    crossable = [q for q in questions if q.kind in CROSSABLE]
    context = {
        "diagnostic": survey.diagnostic,
        "survey": survey,
        "question": question,
        "number": numbers.get(question.pk),
        "numbers": numbers,
        "crossable": crossable,
        "table": crosstab(question) if question.kind in CROSSABLE else None,
    }
    return render(request, "diagnostics/surveys/crosstab.html", context)


@with_object(QUESTIONS, Action.CHANGE, pk="pk")
def question_to_afom(request, question):
    """Attach the question's current result to an AFOM item, existing or new."""
    survey, diagnostic = question.survey, question.survey.diagnostic
    mode = request.POST.get("mode") if request.method == "POST" else None
    attach = AttachToItemForm(
        request.POST if mode == "existant" else None, diagnostic=diagnostic, prefix="existant"
    )
    new = NewItemForm(request.POST if mode == "nouveau" else None, prefix="nouveau")
    if mode == "existant" and attach.is_valid():
        item = attach.cleaned_data["item"]
        evidence.attach_to_item(question=question, item=item, user=request.user)
        messages.success(request, f"Résultat ajouté comme preuve de «\u00a0{item.title}\u00a0».")
        return redirect("diagnostics:afom-item-detail", item.pk)
    if mode == "nouveau" and new.is_valid():
        item = evidence.attach_to_new_item(
            question=question, user=request.user, data=new.cleaned_data
        )
        messages.success(request, "Élément AFOM créé avec ce résultat comme preuve.")
        return redirect("diagnostics:afom-item-detail", item.pk)
    results, result = evidence.question_result(question)
    context = {
        "diagnostic": diagnostic,
        "survey": survey,
        "question": question,
        "result": result,
        "citation": evidence.citation(results, result),
        "chart": question_chart(result, _source(survey, results.responses)),
        "attach_form": attach,
        "new_form": new,
    }
    return render(request, "diagnostics/surveys/to_afom.html", context)
