"""The "Enquête" chapter: the survey(s) of the diagnostic, aggregate results only (the report
is for elected officials): invited, respondents, response rate, the main charts. No answer in
free text is reproduced and no respondent is ever named, whatever the survey's settings."""

from diagnostics.report.common import day, draw
from diagnostics.surveys.enums import QuestionKind
from diagnostics.surveys.results import survey_results
from essterritoire.reports import survey_charts
from essterritoire.reports.formats import number

CHARTED = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.MATRIX)
COMPACT = (QuestionKind.YES_NO, QuestionKind.SCALE)
SOURCE = "enquête auprès des acteurs de l'ESS du territoire"
STATS = ("mean", "low", "high")


def _round(value, digits=1):
    return None if value is None else round(float(value), digits)


def collect_survey(diagnostic):
    """One entry per survey that has invitations or responses; None when there is none."""
    surveys = [_survey(survey) for survey in diagnostic.surveys.order_by("created_at", "pk")]
    surveys = [survey for survey in surveys if survey["invited"] or survey["responses"]]
    return {"surveys": surveys} if surveys else None


def _survey(survey):
    results = survey_results(survey, text_sample=0, named=False)
    return {
        "id": survey.pk,
        "title": survey.title,
        "opens_on": day(survey.opens_on),
        "closes_on": day(survey.closes_on),
        "invited": results.invitations,
        "answered": results.answered_invitations,
        "responses": results.responses,
        "public": max(results.responses - results.answered_invitations, 0),
        "rate": _round(None if results.rate is None else 100 * results.rate),
        "by_family": [
            {
                "label": row.label,
                "invited": row.invited,
                "answered": row.answered,
                "rate": _round(None if row.rate is None else 100 * row.rate),
            }
            for row in results.by_family
        ],
        "questions": [_question(result) for result in results.questions],
    }


def _question(result):
    question = result.question
    data = {
        "number": result.number,
        "text": question.text,
        "kind": question.kind,
        "respondents": result.respondents,
    }
    if result.matrix:
        data["low"] = question.scale_min_label or "1"
        data["high"] = question.scale_max_label or "5"
        data["matrix"] = [
            {"label": row.label, "counts": row.counts, "mean": _round(row.mean, 2)}
            for row in result.matrix
        ]
    elif result.rows:
        data["rows"] = [
            {"label": row.label, "count": row.count, "percent": _round(row.percent)}
            for row in result.rows
        ]
    elif result.stats:
        data["stats"] = {key: _round(value, 2) for key, value in result.stats.items()}
        data["year"] = _is_year(question)
    else:
        data["texts"] = result.text_count
    return data


def _is_year(question):
    """A number question asking for a year (a creation year): shown without a thousands
    separator."""
    low, high = question.min_value, question.max_value
    return low is not None and high is not None and low >= 1000 and high <= 2200


def prepare_survey(data, options):
    return {"surveys": [_prepared(survey) for survey in data["surveys"]]}


def _prepared(survey):
    """The survey with its charts (the rates by family, each charted question) and its other
    questions sorted into the compact tables."""
    prefix = f"enquete-{survey['id']}"
    charted, compact, numbers, texts = [], [], [], []
    for question in survey["questions"]:
        if not question["respondents"]:
            continue
        if question["kind"] in CHARTED:
            charted.append({**question, "chart": _chart(question, prefix)})
        elif question["kind"] in COMPACT:
            compact.append(question)
        elif "stats" in question:
            numbers.append({**question, "shown": _shown_stats(question)})
        else:
            texts.append(question)
    rate_chart = None
    families = [row for row in survey["by_family"] if row["rate"] is not None]
    if len(families) > 1:
        rate_chart = draw(
            survey_charts.chart_rates,
            [(row["label"], row["rate"]) for row in families],
            title=f"Taux de réponse par type de structure — {survey['title']}",
            source=SOURCE,
            chart_id=f"{prefix}-taux",
        )
    return {
        **survey,
        "rate_chart": rate_chart,
        "charted": charted,
        "compact": compact,
        "numbers": numbers,
        "texts": texts,
    }


def _shown_stats(question):
    """Mean, minimum and maximum as read: "2,5", "1 234"; a year as "1998"."""
    stats = question["stats"]
    if question.get("year"):
        return {key: "—" if stats[key] is None else str(round(stats[key])) for key in STATS}
    return {key: _plain_number(stats[key], 1 if key == "mean" else 2) for key in STATS}


def _plain_number(value, decimals):
    if value is None:
        return "—"
    text = number(value, 0 if float(value).is_integer() else decimals)
    return text.rstrip("0").rstrip(",") if "," in text else text


def _chart(question, prefix):
    title = f"Q{question['number']}. {question['text']}"
    source = f"{SOURCE}, {question['respondents']} répondants"
    chart_id = f"{prefix}-q{question['number']}"
    if question["kind"] == QuestionKind.MATRIX:
        return draw(
            survey_charts.chart_scale_rows,
            [(row["label"], row["counts"]) for row in question["matrix"]],
            title=title,
            source=source,
            chart_id=chart_id,
            low=question["low"],
            high=question["high"],
        )
    return draw(
        survey_charts.chart_answers,
        [(row["label"], row["count"], row["percent"]) for row in question["rows"]],
        title=title,
        source=source,
        chart_id=chart_id,
    )
