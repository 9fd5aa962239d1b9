"""The indicators dashboard of an EPCI diagnostic with 1,000,000 establishments stored.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/essterritoire_bench \
        .venv/bin/python benchmarks/bench_dashboard.py [--establishments 1000000] [--requests 50]

Establishments are invented and spread over the communes of the COG in proportion to their
population (numpy, fixed seed), written with COPY on PostgreSQL (bulk_create elsewhere); a
national SIRENE import is recorded so that France is covered. The diagnostic is the CC du
Pays d'Ancenis with four comparison EPCI, and the demo regional file is imported.

In the same run it times, over the same number of requests:
- the bare SQL: every query a dashboard request runs, replayed on a cursor (no ORM, no
  template), for a first request (caches empty) and for a following one;
- the dashboard with its caches emptied before each request: every aggregate counted and every
  chart drawn (what the first visitor after a SIRENE import gets);
- the dashboard as people get it: the counts of the establishments cached until the next
  import or rule change, the charts cached by their data.
"""

import argparse
import csv
import io
import statistics
import time

from harness import database_label, ensure_territories, setup_django

FAMILIES = ["association"] * 14 + ["cooperative", "mutuelle", "fondation", "ess_commercial"]
FAMILIES += ["non_ess"] * 76 + ["unclassified"] * 2
NAF = ["88.99B", "94.99Z", "93.12Z", "85.59A", "47.11B", "62.01Z", "43.22A", "86.90E", "01.11Z"]
NAF += ["56.10A", "65.12Z", "90.01Z", "87.10A", "70.22Z"]
BANDS = ["NN"] * 8 + ["00", "01", "01", "02", "02", "03", "11", "12", "21", "22", "31", "41"]
EPCI = "244400552"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--establishments", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=50)
    return parser.parse_args()


def main():
    args = parse_args()
    setup_django()
    loaded = ensure_territories()
    made = ensure_establishments(args.establishments)
    diagnostic, user = ensure_diagnostic()
    report_setup(loaded, made)
    compare_timings(diagnostic, user, args.requests)


def ensure_establishments(wanted):
    """Top up the establishments to `wanted`; seconds spent (0 when already there)."""
    from actors.models import Establishment

    have = Establishment.objects.count()
    if have >= wanted:
        return 0.0
    start = time.perf_counter()
    rows = generated_rows(have, wanted - have)
    write_rows(rows)
    record_national_import()
    return time.perf_counter() - start


def generated_rows(offset, count):
    import numpy

    from essterritoire.territories.models import Territory

    rows = Territory.objects.communes().values_list(
        "code", "epci__code", "departement__code", "region__code", "population"
    )
    # Establishment.region_code holds 2 characters: the overseas collectivities (975, 977,
    # 978, 984 to 989) are left out.
    communes = [row for row in rows if len(row[3] or "") <= 2]
    weights = numpy.array([max(c[4] or 0, 1) for c in communes], dtype=float)
    random = numpy.random.default_rng(2026)
    picks = random.choice(len(communes), size=count, p=weights / weights.sum())
    draws = random.integers(0, 1_000_000, size=(count, 4))
    for n in range(count):
        code, epci, dep, reg, _ = communes[picks[n]]
        f, a, b, e = (int(x) for x in draws[n])
        number = offset + n + 1
        band = BANDS[b % len(BANDS)]
        yield (
            f"{number:014d}", f"{number:014d}"[:9], f"Établissement {number}", False, code,
            epci or "", dep or "", reg or "", NAF[a % len(NAF)], "NAFRev2", band,
            band not in ("NN", "00") and e % 10 != 0, e % 3 != 0, "9220", "",
            FAMILIES[f % len(FAMILIES)], "",
        )  # fmt: skip


COLUMNS = (
    "siret", "siren", "name", "non_diffusible", "commune_code", "epci_code", "departement_code",
    "region_code", "naf_code", "naf_nomenclature", "size_band", "employer", "active",
    "legal_category", "ess_flag", "family", "address",
)  # fmt: skip


def write_rows(rows):
    from django.db import connection, transaction

    from actors.models import Establishment

    if connection.vendor != "postgresql":
        batch = []
        for row in rows:
            batch.append(Establishment(**dict(zip(COLUMNS, row, strict=True))))
            if len(batch) == 5000:
                Establishment.objects.bulk_create(batch)
                batch = []
        Establishment.objects.bulk_create(batch)
        return
    with transaction.atomic(), connection.cursor() as cursor:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        for n, row in enumerate(rows, start=1):
            writer.writerow(row)
            if n % 200_000 == 0:
                copy(cursor, buffer)
                buffer = io.StringIO()
                writer = csv.writer(buffer, lineterminator="\n")
        copy(cursor, buffer)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE actors_establishment")


def copy(cursor, buffer):
    buffer.seek(0)
    columns = ", ".join(COLUMNS)
    sql = (
        f"COPY actors_establishment ({columns}) FROM STDIN "
        f"WITH (FORMAT csv, FORCE_NOT_NULL ({columns}))"
    )
    cursor.cursor.copy_expert(sql, buffer)


def record_national_import():
    from django.utils import timezone

    from actors.models import ImportBatch

    ImportBatch.objects.create(
        files="benchmark", status="done", options={"territories": []}, finished_at=timezone.now()
    )


def ensure_diagnostic():
    from datetime import date

    from diagnostics.indicators.demo import DEMO_COMPARISONS, seed_indicators
    from diagnostics.models import ComparisonTerritory, Diagnostic, MethodTemplate
    from diagnostics.services import diagnostic_create
    from essterritoire.accounts.enums import Role
    from essterritoire.accounts.models import Membership, User, Workspace
    from essterritoire.territories.models import Territory

    seed_indicators()
    epci = Territory.objects.get(kind="epci", code=EPCI)
    workspace, _ = Workspace.objects.get_or_create(
        slug="bench-dashboard", defaults={"name": "Banc d'essai", "main_territory": epci}
    )
    user, _ = User.objects.get_or_create(email="lecteur@bench.demo")
    Membership.objects.get_or_create(user=user, workspace=workspace, defaults={"role": Role.READER})
    diagnostic = Diagnostic.objects.filter(workspace=workspace).first() or diagnostic_create(
        workspace=workspace,
        territory=epci,
        title="Diagnostic de banc d'essai",
        start_date=date(2026, 1, 15),
        method=MethodTemplate.objects.filter(workspace=None).first(),
        by=None,
    )
    for code in DEMO_COMPARISONS:
        peer = Territory.objects.get(kind="epci", code=code)
        ComparisonTerritory.objects.get_or_create(diagnostic=diagnostic, territory=peer)
    return diagnostic, user


def report_setup(loaded, made):
    from actors.models import Establishment

    count = Establishment.objects.count()
    ancenis = Establishment.objects.filter(epci_code=EPCI).count()
    print(f"database: {database_label()}, {count:,} establishments ({ancenis:,} in the EPCI)")
    if loaded or made:
        print(f"set-up: COG {loaded:.1f} s, establishments {made:.1f} s")


def compare_timings(diagnostic, user, requests):
    from django.core.cache import cache
    from django.test import Client
    from django.urls import reverse

    client = Client()
    client.force_login(user)
    url = reverse("diagnostics:indicator-dashboard", args=[diagnostic.pk])
    cache.clear()
    cold_sql = captured(client, url)
    warm_sql = captured(client, url)
    runs = {
        "bare SQL, first request": [replay(cold_sql) for _ in range(requests)],
        "bare SQL, cached request": [replay(warm_sql) for _ in range(requests)],
        "dashboard, caches emptied": [timed(client, url, cache.clear) for _ in range(requests)],
        "dashboard, caches warm": [timed(client, url) for _ in range(requests)],
    }
    print(f"queries per request: {len(cold_sql)} with empty caches, {len(warm_sql)} cached")
    cold_base = statistics.median(runs["bare SQL, first request"])
    warm_base = statistics.median(runs["bare SQL, cached request"])
    for label, timings in runs.items():
        base = cold_base if "first" in label or "emptied" in label else warm_base
        print(line(label, timings, base))


def captured(client, url):
    """The SQL of one dashboard request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries.captured_queries]


def replay(sql):
    from django.db import connection

    start = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
            cursor.fetchall()
    return (time.perf_counter() - start) * 1000


def timed(client, url, before=None):
    if before:
        before()
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def line(label, timings, bare_median):
    ordered = sorted(timings)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    median = statistics.median(ordered)
    return (
        f"{label:<28} n={len(ordered):>3}  median {median:7.1f} ms  p95 {p95:7.1f} ms"
        f"  ({median / bare_median:4.1f}x its bare SQL)"
    )


if __name__ == "__main__":
    main()
