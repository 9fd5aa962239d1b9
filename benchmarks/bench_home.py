"""Workspace home over 200 requests, with the full COG loaded and a busy workspace.

    .venv/bin/python benchmarks/bench_home.py                 # SQLite (var/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/essterritoire_bench \
        .venv/bin/python benchmarks/bench_home.py
"""

from harness import database_label, ensure_territories, setup_django, summary, time_requests

REQUESTS = 200


def main():
    setup_django()
    from django.core.management import call_command
    from django.test import Client

    from essterritoire.accounts.models import User, Workspace
    from essterritoire.accounts.services import activity_record

    loaded = ensure_territories()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    workspace = Workspace.objects.get(slug="cc-pays-ancenis")
    user = User.objects.get(email="editrice@ancenis.demo")
    if workspace.activities.count() < 500:
        for n in range(500):
            activity_record(workspace=workspace, user=user, verb="a modifié", target=f"Objet {n}")
    client = Client()
    client.force_login(user)
    client.get("/")  # warm-up: templates, connections
    print(
        f"database: {database_label()}  (COG load: {loaded:.1f} s)"
        if loaded
        else f"database: {database_label()}"
    )
    print(summary("workspace home GET /", time_requests(client, ["/"], REQUESTS)))


if __name__ == "__main__":
    main()
