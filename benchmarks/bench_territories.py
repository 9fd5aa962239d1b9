"""Territory search and territory pages over 200 requests each, with the full COG loaded.

    .venv/bin/python benchmarks/bench_territories.py                 # SQLite (var/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/essterritoire_bench \
        .venv/bin/python benchmarks/bench_territories.py

The PostgreSQL database is created when absent. The COG is loaded when the database lacks it
(the first load's time is printed); otherwise the time of a second, idempotent run is.
"""

import os
import time
from urllib.parse import urlencode

from harness import database_label, ensure_territories, setup_django, summary, time_requests

REQUESTS = 200
QUERIES = [
    "ancenis",
    "saint",
    "44003",
    "lyon",
    "marseille",
    "com:44003",
    "saint gereon",
    "pays de la loire",
    "2A004",
    "epci:244400552",
    "val",
    "bretagne",
    "44",
    "montagne",
]
DETAILS = [
    ("com", "44003"),
    ("epci", "244400552"),
    ("dep", "44"),
    ("reg", "52"),
    ("com", "75056"),
    ("epci", "200046977"),
    ("dep", "2A"),
]


def ensure_postgres_database():
    """Create the database DATABASE_URL names when it is a PostgreSQL one that does not exist."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import dj_database_url
    import psycopg2
    from psycopg2 import sql

    config = dj_database_url.parse(url)
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"],
        password=config["PASSWORD"] or None,
        host=config["HOST"],
        port=config["PORT"] or 5432,
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]])
        if cursor.fetchone() is None:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))
    connection.close()


def load_time():
    """(label, seconds) of loading the COG: the first load, or else an idempotent re-run."""
    from django.core.management import call_command

    first = ensure_territories()
    if first:
        return "first load", first
    start = time.perf_counter()
    call_command("load_territories", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    return "second run, nothing to change", time.perf_counter() - start


def member_client():
    """A test client logged in as the editor of the demo CC du Pays d'Ancenis."""
    from django.core.management import call_command
    from django.test import Client

    from essterritoire.accounts.models import User

    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client()
    client.force_login(User.objects.get(email="editrice@ancenis.demo"))
    return client


def main():
    ensure_postgres_database()
    setup_django()
    label, seconds = load_time()
    client = member_client()
    searches = ["/territoires/?" + urlencode({"q": query}) for query in QUERIES]
    details = [f"/territoires/{kind}/{code}/" for kind, code in DETAILS]
    for url in searches + details:  # warm-up: templates, connections, caches
        client.get(url)
    print(f"database: {database_label()}  load_territories ({label}): {seconds:.1f} s")
    search_timings = time_requests(client, searches, REQUESTS)
    detail_timings = time_requests(client, details, REQUESTS)
    print(summary(f"territory search ({len(searches)} queries)", search_timings))
    print(summary(f"territory page ({len(details)} pages)", detail_timings))


if __name__ == "__main__":
    main()
