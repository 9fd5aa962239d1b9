"""Actor list with 10,000 actors in a workspace: 200 requests mixing pages, filters and
searches, and the number of queries per page size.

    .venv/bin/python benchmarks/bench_actor_list.py                  # SQLite (var/)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/essterritoire_bench \
        .venv/bin/python benchmarks/bench_actor_list.py

The PostgreSQL database is created when absent, the full COG loaded when missing. The actors
live in a workspace of their own ("Banc d'essai — acteurs"), created once with bulk_create:
names drawn from a fixed seed, communes of Loire-Atlantique, 0 to 3 themes each, three networks
of 400 members.
"""

import os
import random
import time
from urllib.parse import urlencode

from bench_territories import ensure_postgres_database
from harness import database_label, ensure_territories, setup_django, summary, time_requests

ACTORS = 10_000
REQUESTS = 200
SLUG = "banc-essai-acteurs"
EMAIL = "banc-acteurs@essterritoire.demo"
FIRST = ["Ressourcerie", "École", "Atelier", "Épicerie", "Garage", "Ferme", "Maison", "Café"]
FIRST += ["Coopérative", "Association", "Jardin", "Recyclerie", "Crèche", "Théâtre"]
SECOND = ["solidaire", "du Pays", "des Possibles", "de la Loire", "partagé", "citoyen"]
SECOND += ["d'insertion", "de musique", "associatif", "vélo", "des familles", "bio"]
KINDS = ["association"] * 6 + ["cooperative", "mutuelle", "fondation", "ess_commercial"]
KINDS += ["collectivite", "entreprise", "financeur", "reseau", "autre"]
BANDS = ["", "NN", "00", "01", "02", "03", "11", "12", "21", "22"]


def bench_workspace():
    """The benchmark's workspace and editor, with its 10,000 actors (created once)."""
    from essterritoire.accounts.enums import Role
    from essterritoire.accounts.models import Membership, User, Workspace
    from essterritoire.territories.models import Territory

    epci = Territory.objects.filter(kind="epci", code="244400552").first()
    workspace, _ = Workspace.objects.get_or_create(
        slug=SLUG,
        defaults={"name": "Banc d'essai — acteurs", "kind": "collectivite", "main_territory": epci},
    )
    user = User.objects.filter(email=EMAIL).first() or User.objects.create_user(EMAIL, None)
    Membership.objects.get_or_create(user=user, workspace=workspace, defaults={"role": Role.EDITOR})
    if workspace.actors.count() < ACTORS:
        create_actors(workspace)
    analyze()
    return workspace, user


def analyze():
    """Fresh planner statistics after the bulk insert, as autovacuum would give them a moment
    later: without them PostgreSQL ignores the text-search index."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE actors_actor; ANALYZE actors_actor_themes")


def create_actors(workspace):
    from actors.models import Actor, Network
    from actors.services import themes_for
    from essterritoire.territories.models import Territory
    from essterritoire.territories.text import normalize

    rng = random.Random(2026)  # noqa: S311 - reproducible sample data, not security
    workspace.actors.all().delete()
    communes = list(Territory.objects.filter(kind="com", code__startswith="44"))
    actors = []
    for n in range(ACTORS):
        name = f"{rng.choice(FIRST)} {rng.choice(SECOND)} n°{n}"
        actor = Actor(
            workspace=workspace,
            name=name,
            normalized_name=normalize(name),
            kind=rng.choice(KINDS),
            size_band=rng.choice(BANDS),
            commune=rng.choice(communes) if communes and rng.random() < 0.9 else None,
            siret=f"443{n:011d}" if rng.random() < 0.5 else "",
        )
        actors.append(actor)
    Actor.objects.bulk_create(actors, batch_size=1000)
    themes = themes_for(workspace)
    through = Actor.themes.through
    links = [
        through(actor_id=actor.pk, theme_id=theme.pk)
        for actor in actors
        for theme in rng.sample(themes, rng.randint(0, 3))
    ]
    through.objects.bulk_create(links, batch_size=2000)
    for number in range(3):
        network, _ = Network.objects.get_or_create(
            workspace=workspace, name=f"Réseau du banc d'essai n°{number}", scope="thematique"
        )
        network.members.set(rng.sample(actors, 400))


def urls(workspace):
    """(group, urls) of the mix: plain pages, filters and sorts, searches."""
    theme = workspace.themes.order_by("name").first()
    network = workspace.networks.order_by("name").first()
    commune = workspace.actors.exclude(commune=None).values_list("commune", flat=True).first()

    def page(**params):
        return "/acteurs/" + ("?" + urlencode(params) if params else "")

    pages = [page(), page(page=2), page(page=57), page(page=400), page(par_page=100)]
    pages += [page(par_page=100, page=50), page(tri="-modifie"), page(tri="-nom", page=9)]
    filters = [page(type="ess"), page(type="cooperative", tri="commune"), page(theme=theme.pk)]
    filters += [page(commune=commune), page(effectif="11"), page(reseau=network.pk)]
    filters += [page(type="partenaires", theme=theme.pk, tri="type", par_page=100)]
    searches = [page(q="ressourcerie"), page(q="ecole"), page(q="solidaire loire")]
    searches += [page(q="443"), page(q="atel", type="ess", tri="-modifie"), page(q="épiceries")]
    return [("pages", pages), ("filters and sorts", filters), ("searches", searches)]


def query_counts(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for size in (25, 100):
        for label, params in (("list", {}), ("search", {"q": "ressourcerie", "type": "ess"})):
            with CaptureQueriesContext(connection) as context:
                client.get("/acteurs/", {**params, "par_page": size})
            counts[f"{label} {size}/page"] = len(context.captured_queries)
    return counts


def main():
    ensure_postgres_database()
    setup_django()
    from django.test import Client

    ensure_territories()
    workspace, user = bench_workspace()
    client = Client()
    client.force_login(user)
    groups = urls(workspace)
    for _group, group_urls in groups:  # warm-up: templates, connections, caches
        for url in group_urls:
            client.get(url)
    print(f"database: {database_label()}  actors: {workspace.actors.count()}")
    print("queries: " + ", ".join(f"{k} = {v}" for k, v in query_counts(client).items()))
    everything, cpu = [], 0.0
    shares = {"pages": 70, "filters and sorts": 70, "searches": 60}
    for group, group_urls in groups:
        start = time.process_time()
        timings = time_requests(client, group_urls, shares[group])
        cpu += time.process_time() - start
        everything += timings
        print(summary(f"actor list, {group} ({len(group_urls)} urls)", timings))
    print(summary("actor list, all", everything))
    # The Python process's own CPU time: what a request costs the web process, whatever the
    # load of the machine (the database server's time is not in it on PostgreSQL).
    print(f"web process CPU time: {cpu * 1000 / len(everything):.1f} ms per request")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
