"""Results of a survey, aggregated in SQL: a fixed number of GROUP BY queries whatever the
number of responses. Only submitted responses count.

Percentages of a question are of its respondents (those who answered it): a multiple choice
may add up to more than 100 %. The response rate is of the invitations (answers through the
public link count in the responses, not in the rate).
"""

from dataclasses import dataclass, field

from django.db.models import Avg, Count, F, Max, Min, Q, Window
from django.db.models.functions import RowNumber

from actors.enums import ActorKind
from diagnostics.models import SurveyAnswer, SurveyResponse
from diagnostics.surveys.answers import plain_number, questionnaire
from diagnostics.surveys.enums import COUNTED_KINDS, SCALE_VALUES, OptionRole, QuestionKind

TEXT_SAMPLE = 10
OTHER_LABEL = "Autre"
NO_ACTOR = "Sans acteur (lien public ou acteur retiré)"
NO_COMMUNE = "Commune non renseignée"
SEVERAL_ROWS = (QuestionKind.MULTIPLE, QuestionKind.MATRIX)


@dataclass
class Row:
    label: str
    count: int
    percent: float | None


@dataclass
class MatrixRow:
    label: str
    counts: list
    total: int
    mean: float | None

    @property
    def percents(self):
        return [100 * n / self.total if self.total else None for n in self.counts]


@dataclass
class QuestionResult:
    question: object
    number: int | None
    respondents: int = 0
    rows: list = field(default_factory=list)
    matrix: list = field(default_factory=list)
    stats: dict | None = None
    texts: list = field(default_factory=list)
    text_count: int = 0

    @property
    def has_chart(self):
        return bool(self.respondents) and (bool(self.rows) or bool(self.matrix))


@dataclass
class RateRow:
    label: str
    invited: int
    answered: int

    @property
    def rate(self):
        return self.answered / self.invited if self.invited else None


@dataclass
class SurveyResults:
    survey: object
    invitations: int
    answered_invitations: int
    responses: int
    drafts: int
    by_family: list
    by_commune: list
    questions: list

    @property
    def rate(self):
        """Submitted answers through invitations over invitations, 0 to 1 (None without any)."""
        return self.answered_invitations / self.invitations if self.invitations else None


def submitted_answers(survey):
    return SurveyAnswer.objects.filter(
        response__survey=survey, response__submitted_at__isnull=False
    ).order_by()


def survey_results(survey, *, only=None, text_sample=TEXT_SAMPLE, named=None):
    """Everything the results page shows; `only` limits the questions (ids)."""
    questions = questionnaire(survey)
    numbers = question_numbers(questions)
    kept = [q for q in questions if not q.is_section and (only is None or q.pk in only)]
    answers = submitted_answers(survey).filter(question__in=[q.pk for q in kept])
    named = survey.named_results if named is None else named
    data = _Aggregates(answers, kept, text_sample, named)
    results = [data.result(q, numbers.get(q.pk)) for q in kept]
    return SurveyResults(survey=survey, questions=results, **rates(survey))


def question_numbers(questions):
    plain = [q for q in questions if not q.is_section]
    return {q.pk: n for n, q in enumerate(plain, start=1)}


def rates(survey):
    """Invitations, answers and drafts, with the rate by family and by commune (4 queries)."""
    answered = Q(response__submitted_at__isnull=False)
    invitations = survey.invitations.order_by()
    totals = invitations.aggregate(total=Count("pk"), answered=Count("pk", filter=answered))
    responses = SurveyResponse.objects.filter(survey=survey).aggregate(
        done=Count("pk", filter=Q(submitted_at__isnull=False)),
        drafts=Count("pk", filter=Q(submitted_at__isnull=True)),
    )
    family = invitations.values("actor__kind").annotate(
        n=Count("pk"), a=Count("pk", filter=answered)
    )
    kinds = dict(ActorKind.choices)
    commune = invitations.values("actor__commune__name").annotate(
        n=Count("pk"), a=Count("pk", filter=answered)
    )
    return {
        "invitations": totals["total"],
        "answered_invitations": totals["answered"],
        "responses": responses["done"],
        "drafts": responses["drafts"],
        "by_family": sorted(
            (
                RateRow(kinds.get(r["actor__kind"], r["actor__kind"]), r["n"], r["a"])
                for r in family
            ),
            key=lambda row: (-row.invited, row.label),
        ),
        "by_commune": sorted(
            (RateRow(r["actor__commune__name"] or NO_COMMUNE, r["n"], r["a"]) for r in commune),
            key=lambda row: (-row.invited, row.label),
        ),
    }


class _Aggregates:
    """The GROUP BY queries of the questions' answers, run once, read per question."""

    def __init__(self, answers, questions, text_sample, named):
        counted = [q.pk for q in questions if q.kind in COUNTED_KINDS]
        self.counts = {}
        rows = answers.filter(question__in=counted).values("question_id", "option_id", "number")
        for row in rows.annotate(n=Count("pk")):
            key = (row["option_id"], row["number"])
            self.counts.setdefault(row["question_id"], {})[key] = row["n"]
        # One answer row per respondent elsewhere: only these need a COUNT(DISTINCT).
        several = [q.pk for q in questions if q.kind in SEVERAL_ROWS]
        per_question = answers.filter(question__in=several).values("question_id")
        per_question = per_question.annotate(n=Count("response", distinct=True))
        self.respondents = {row["question_id"]: row["n"] for row in per_question}
        self.stats = self._stats(answers, questions)
        self.texts, self.text_counts = self._texts(answers, text_sample, named)

    def _stats(self, answers, questions):
        numeric = [q.pk for q in questions if q.kind == QuestionKind.NUMBER]
        rows = answers.filter(question__in=numeric).values("question_id")
        rows = rows.annotate(
            n=Count("pk"), mean=Avg("number"), low=Min("number"), high=Max("number")
        )
        return {row["question_id"]: row for row in rows}

    def _texts(self, answers, sample, named):
        """A sample of the latest texts of each question and their count, in one query (the
        count is a window over the same partition)."""
        texts = answers.filter(text__gt="")
        if not sample:
            rows = texts.values("question_id").annotate(n=Count("pk"))
            return {}, {row["question_id"]: row["n"] for row in rows}
        by_question = {"partition_by": [F("question_id")]}
        rank = Window(RowNumber(), order_by=F("pk").desc(), **by_question)
        fields = ["question_id", "text", "total"]
        fields += ["response__invitation__actor__name"] if named else []
        picked, counts = {}, {}
        rows = texts.annotate(rank=rank, total=Window(Count("pk"), **by_question))
        for row in rows.filter(rank__lte=sample).values(*fields):
            author = row.get("response__invitation__actor__name") or ""
            picked.setdefault(row["question_id"], []).append((row["text"], author))
            counts[row["question_id"]] = row["total"]
        return picked, counts

    def _respondents(self, question):
        if question.kind in SEVERAL_ROWS:
            return self.respondents.get(question.pk, 0)
        if question.kind in COUNTED_KINDS:
            return sum(self.counts.get(question.pk, {}).values())
        if question.kind == QuestionKind.NUMBER:
            return (self.stats.get(question.pk) or {}).get("n", 0)
        return self.text_counts.get(question.pk, 0)

    def result(self, question, number):
        result = QuestionResult(
            question=question,
            number=number,
            respondents=self._respondents(question),
            texts=self.texts.get(question.pk, []),
            text_count=self.text_counts.get(question.pk, 0),
        )
        counts = self.counts.get(question.pk, {})
        if question.kind == QuestionKind.MATRIX:
            result.matrix = matrix_rows(question, counts)
        elif question.kind in COUNTED_KINDS:
            result.rows = count_rows(question, counts, result.respondents)
        elif question.kind == QuestionKind.NUMBER:
            result.stats = _number_stats(self.stats.get(question.pk))
        return result


def answer_labels(question):
    """[(key, label)] of a counted question's possible answers, key = (option id, number)."""
    options = [o for o in question.options.all() if o.role == OptionRole.CHOICE]
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        labels = [((o.pk, None), o.label) for o in options]
        return labels + ([((None, None), OTHER_LABEL)] if question.allow_other else [])
    if question.kind == QuestionKind.YES_NO:
        return [((None, 1), "Oui"), ((None, 0), "Non")]
    return [((None, value), scale_label(question, value)) for value in SCALE_VALUES]


def scale_label(question, value):
    extreme = {1: question.scale_min_label, 5: question.scale_max_label}.get(value)
    return f"{value} — {extreme}" if extreme else str(value)


def count_rows(question, counts, respondents):
    normalised = {(option, _int(number)): n for (option, number), n in counts.items()}
    rows = []
    for key, label in answer_labels(question):
        count = normalised.get(key, 0)
        rows.append(Row(label, count, 100 * count / respondents if respondents else None))
    return rows


def matrix_rows(question, counts):
    rows = []
    for row in (o for o in question.options.all() if o.role == OptionRole.ROW):
        values = [_count(counts, row.pk, value) for value in SCALE_VALUES]
        total = sum(values)
        mean = (
            sum(v * n for v, n in zip(SCALE_VALUES, values, strict=True)) / total if total else None
        )
        rows.append(MatrixRow(row.label, values, total, mean))
    return rows


def _count(counts, option_id, value):
    return sum(n for (o, v), n in counts.items() if o == option_id and _int(v) == value)


def _int(value):
    return None if value is None else int(value)


def _number_stats(row):
    if not row:
        return {"count": 0, "mean": None, "low": None, "high": None}
    return {
        "count": row["n"],
        "mean": row["mean"],
        "low": plain_number(row["low"]),
        "high": plain_number(row["high"]),
    }


def crosstab(question):
    """Answers to `question` by actor family: {"columns": [(label, respondents)], "rows":
    [(label, [(count, percent)])]}; percentages of each family's respondents (2 queries)."""
    answers = SurveyAnswer.objects.filter(question=question, response__submitted_at__isnull=False)
    family = "response__invitation__actor__kind"
    totals = answers.order_by().values(family).annotate(n=Count("response", distinct=True))
    totals = {row[family]: row["n"] for row in totals}
    cells = (
        answers.order_by()
        .values(family, "option_id", "number")
        .annotate(n=Count("response", distinct=True))
    )
    counts = {}
    for row in cells:
        key = (row["option_id"], _int(row["number"]))
        counts[(row[family], key)] = counts.get((row[family], key), 0) + row["n"]
    kinds = [k for k in [*ActorKind.values, None] if k in totals]
    labels = dict(ActorKind.choices)
    columns = [(labels.get(k, NO_ACTOR), totals[k]) for k in kinds]
    rows = []
    for key, label in answer_labels(question):
        cells_of = [counts.get((k, key), 0) for k in kinds]
        rows.append(
            (label, [(n, 100 * n / totals[k]) for n, k in zip(cells_of, kinds, strict=True)])
        )
    return {"columns": columns, "rows": rows}
