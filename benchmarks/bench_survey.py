"""Survey with 2,000 submitted responses to 30 questions: the results page (p95, query count
against a survey of 20 responses) and the submission of an answer through a personal link.

    .venv/bin/python benchmarks/bench_survey.py                 # SQLite (var/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/essterritoire_bench \
        .venv/bin/python benchmarks/bench_survey.py

The data (workspace "bench-enquetes") is made once and reused by later runs.
"""

import random
import time
from datetime import date

from harness import database_label, setup_django, summary

RESPONSES = 2000
SMALL = 20
EXTRA = 7  # added to the template's 23 questions: 30 in all
RESULTS_REQUESTS = 40
SUBMISSIONS = 60


def main():
    setup_django()
    from django.test import Client

    from essterritoire.accounts.enums import Role
    from essterritoire.accounts.models import Membership, User

    big, small = surveys()
    analyze()
    user, _ = User.objects.get_or_create(email="bench-enquetes@exemple.fr")
    Membership.objects.get_or_create(
        user=user, workspace=big.diagnostic.workspace, defaults={"role": Role.EDITOR}
    )
    client = Client()
    client.force_login(user)
    print(f"database: {database_label()}")
    print(f"questions: {count_questions(big)}, responses: {big.responses.count()}")
    results(client, big, small)
    charts(client, big)
    submissions(big)


def surveys():
    from diagnostics.models import Survey

    big = Survey.objects.filter(title="Banc d'essai 2000").first()
    if big is None:
        big = build("Banc d'essai 2000", RESPONSES)
        build("Banc d'essai 20", SMALL, diagnostic=big.diagnostic)
    return big, Survey.objects.get(title="Banc d'essai 20")


def analyze():
    """Fresh planner statistics after the bulk load, as autovacuum would give them later."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def count_questions(survey):
    return survey.questions.exclude(kind="section").count()


def build(title, responses, diagnostic=None):
    from django.db import transaction

    from diagnostics.surveys import services

    with transaction.atomic():
        diagnostic = diagnostic or make_diagnostic()
        data = {"title": title, "opens_on": date(2026, 1, 1)}
        survey = services.survey_create(
            diagnostic=diagnostic, user=None, data=data, source=services.TEMPLATE
        )
        add_questions(survey)
        fill(survey, responses)
    return survey


def make_diagnostic():
    from diagnostics.models import Diagnostic
    from essterritoire.accounts.models import Workspace
    from essterritoire.territories.models import Territory

    workspace, _ = Workspace.objects.get_or_create(
        slug="bench-enquetes", defaults={"name": "Banc d'essai des enquêtes"}
    )
    territory, _ = Territory.objects.get_or_create(
        kind="epci", code="244400552", defaults={"name": "CC du Pays d'Ancenis"}
    )
    return Diagnostic.objects.create(
        workspace=workspace, territory=territory, title="Banc", start_date=date(2026, 1, 1)
    )


def add_questions(survey):
    from diagnostics.surveys import specs

    extra = [
        {
            "key": f"x{n}",
            "kind": "scale" if n % 2 else "single",
            "text": f"Question en plus {n}",
            "choices": ["Oui, souvent", "Parfois", "Rarement", "Jamais"],
        }
        for n in range(EXTRA)
    ]
    specs.load_questions(survey, extra, start=survey.questions.count())


def fill(survey, responses):
    """Actors, invitations and submitted responses, written in bulk."""
    from django.utils import timezone

    from actors.models import Actor
    from diagnostics.models import SurveyAnswer, SurveyInvitation, SurveyResponse
    from diagnostics.surveys import tokens
    from diagnostics.surveys.answers import questionnaire, rows_for
    from diagnostics.surveys.demo import _values

    workspace = survey.diagnostic.workspace
    kinds = ["association"] * 6 + ["cooperative", "cooperative", "mutuelle", "collectivite"]
    actors = Actor.objects.bulk_create(
        Actor(
            workspace=workspace,
            name=f"Structure {survey.pk}-{n}",
            kind=kinds[n % 10],
            normalized_name=f"structure {survey.pk}-{n}",
        )
        for n in range(responses + responses // 4)
    )
    invitations = SurveyInvitation.objects.bulk_create(
        SurveyInvitation(
            survey=survey,
            actor=a,
            **dict(zip(("nonce", "token_hash"), tokens.issue(), strict=True)),
        )
        for a in actors
    )
    now = timezone.now()
    rows = SurveyResponse.objects.bulk_create(
        SurveyResponse(survey=survey, invitation=i, submitted_at=now)
        for i in invitations[:responses]
    )
    questions = questionnaire(survey)
    keys = {q.pk: f"q{n}" for n, q in enumerate([q for q in questions if not q.is_section], 1)}
    rng = random.Random(2026)
    by_pk = {q.pk: q for q in questions}
    answers = []
    for response in rows:
        values = _values(questions, keys, rng, response.invitation.actor)
        answers += [r for pk, v in values.items() for r in rows_for(response, by_pk[pk], v)]
    SurveyAnswer.objects.bulk_create(answers, batch_size=5000)


def results(client, big, small):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    urls = [reverse("diagnostics:survey-results", args=[s.pk]) for s in (big, small)]
    start = time.perf_counter()
    client.get(urls[0])
    cold = (time.perf_counter() - start) * 1000
    counts = []
    for url in urls:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    timings, cpu = [], []
    for _ in range(RESULTS_REQUESTS):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(urls[0])
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    print(f"results page, first view: {cold:.0f} ms")
    print(f"results page queries: {counts[0]} with {RESPONSES} responses, {counts[1]} with {SMALL}")
    print(summary(f"results page ({RESPONSES} responses)", timings))
    # CPU time of this process (with SQLite, the queries too): steadier on a shared machine.
    print(summary("  same, CPU time of the process", cpu))


def charts(client, survey):
    """The question charts the results page loads as they scroll in: first drawing, then
    from the cache."""
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    questions = survey.questions.exclude(kind__in=["section", "short_text", "long_text", "number"])
    urls = [reverse("diagnostics:survey-question-chart", args=[q.pk]) for q in questions]
    for label in ("question chart, drawn", "question chart, cached"):
        timings = []
        for url in urls:
            start = time.perf_counter()
            assert client.get(url).status_code == 200
            timings.append((time.perf_counter() - start) * 1000)
        print(summary(f"{label} ({len(urls)} charts)", timings))


def submissions(survey):
    from django.test import Client
    from django.urls import reverse

    from diagnostics.surveys import tokens
    from diagnostics.surveys.answer_form import initial_from
    from diagnostics.surveys.answers import questionnaire
    from diagnostics.surveys.demo import _values

    questions = questionnaire(survey)
    keys = {q.pk: f"q{n}" for n, q in enumerate([q for q in questions if not q.is_section], 1)}
    rng = random.Random(7)
    waiting = list(survey.invitations.filter(response__isnull=True)[:SUBMISSIONS])
    timings, cpu = [], []
    for invitation in waiting:
        data = {
            k: v for k, v in initial_from(questions, _values(questions, keys, rng, None)).items()
        }
        data = {k: (v if isinstance(v, list) else str(v)) for k, v in data.items()}
        data["action"] = "envoyer"
        token = tokens.token_of(invitation.nonce, invitation.token_hash)
        url = reverse("diagnostics:survey-answer", args=[token])
        client = Client()
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.post(url, data)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        if response.status_code != 302:
            raise SystemExit(f"submission answered {response.status_code}")
    print(summary("answer submission (30 questions)", timings))
    print(summary("  same, CPU time of the process", cpu))
    # Back to RESPONSES submitted answers for the next run.
    survey.responses.filter(invitation__in=waiting).delete()


if __name__ == "__main__":
    main()
