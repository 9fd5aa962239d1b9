"""The "Les acteurs" chapter: the workspace's actor registry counted by family, sector and
theme, and the optional annex listing the actors with their public data only (never a contact,
an e-mail, a phone number or a person's name)."""

from django.db.models import Case, CharField, Count, Q, Value, When

from actors.enums import ESS_ACTOR_KINDS, ActorKind
from actors.models import Actor, Theme
from diagnostics.indicators.sectors import OBSERVATORY_SECTORS, OTHER
from diagnostics.report.common import KIND_LABELS, draw
from essterritoire.reports import charts

UNKNOWN_SECTOR = "inconnu"
SECTOR_LABELS = {code: label for code, label, _ in OBSERVATORY_SECTORS}
SECTOR_LABELS[UNKNOWN_SECTOR] = "Activité non renseignée"
SOURCE = "répertoire des acteurs de l'espace de travail"


def _sector_expression():
    """The observatory sector of an actor, from the NAF division of its code."""
    whens = [When(naf_code="", then=Value(UNKNOWN_SECTOR))]
    for code, _label, divisions in OBSERVATORY_SECTORS:
        whens += [When(naf_code__startswith=division, then=Value(code)) for division in divisions]
    return Case(*whens, default=Value(OTHER), output_field=CharField())


def collect_actors(diagnostic):
    """Counts in three GROUP BY queries, the annex rows in two; None without any actor."""
    actors = Actor.objects.filter(workspace_id=diagnostic.workspace_id).order_by()
    kinds = dict(actors.values_list("kind").annotate(n=Count("pk")))
    total = sum(kinds.values())
    if not total:
        return None
    sectors = dict(
        actors.annotate(sector=_sector_expression())
        .values_list("sector")
        .annotate(n=Count("pk"))
        .order_by()
    )
    ess = Q(actors__kind__in=ESS_ACTOR_KINDS)
    themes = (
        Theme.objects.filter(workspace_id=diagnostic.workspace_id)
        .annotate(n=Count("actors"), ess=Count("actors", filter=ess))
        .order_by("-n", "name")
        .values_list("name", "n", "ess")
    )
    ess_count = sum(n for kind, n in kinds.items() if kind in ESS_ACTOR_KINDS)
    return {
        "total": total,
        "ess": ess_count,
        "partners": total - ess_count,
        "kinds": [
            {"label": kind.label, "count": kinds[kind.value], "ess": kind in ESS_ACTOR_KINDS}
            for kind in ActorKind
            if kinds.get(kind.value)
        ],
        "sectors": [
            {"label": SECTOR_LABELS[code], "count": sectors[code]}
            for code in [*SECTOR_LABELS]
            if sectors.get(code)
        ],
        "themes": [{"label": name, "count": n, "ess": e} for name, n, e in themes],
        "annex": annex_rows(actors),
    }


def annex_rows(actors):
    """Public data of each actor, by name; the themes in one more query."""
    themes = {}
    links = Actor.themes.through.objects.filter(actor__in=actors.values("pk"))
    for actor_id, name in links.order_by("theme__name").values_list("actor_id", "theme__name"):
        themes.setdefault(actor_id, []).append(name)
    rows = actors.order_by("normalized_name", "pk").values_list(
        "pk", "name", "kind", "commune__name", "siret", "website"
    )
    return [
        {
            "name": name,
            "kind": KIND_LABELS.get(kind, kind),
            "commune": commune or "",
            "siret": siret,
            "themes": themes.get(pk, []),
            "website": website,
        }
        for pk, name, kind, commune, siret, website in rows
    ]


def prepare_actors(data, options):
    drawn = {
        "kinds": draw(
            charts.chart_by_family,
            [(row["label"], row["count"]) for row in data["kinds"]],
            title="Acteurs du répertoire par type",
            source=SOURCE,
            unit="acteurs",
            chart_id="acteurs-types",
        )
    }
    themes = [row for row in data["themes"] if row["count"]]
    if themes:
        drawn["themes"] = draw(
            charts.chart_by_sector,
            [(row["label"], row["count"]) for row in themes],
            title="Acteurs du répertoire par thème",
            source=SOURCE,
            unit="acteurs",
            chart_id="acteurs-themes",
        )
    return {**data, "charts": drawn}
