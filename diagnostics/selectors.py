"""Shared reads of interviews, the AFOM matrix and workshops, with their counts in SQL.

Each returns a queryset or a small structure whose number of queries does not depend on the
number of rows (select_related / prefetch_related / annotate).
"""

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from actors.models import Actor, Theme
from actors.services import themes_for
from diagnostics.enums import HistoryAction, Quadrant
from diagnostics.history import object_type_of
from diagnostics.models import AfomItem, Evidence, Excerpt, HistoryEntry, Interview
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import scope

AFOM_OBJECT_TYPE = object_type_of(AfomItem())
INTERNAL_ROW = (Quadrant.ATOUT, Quadrant.FAIBLESSE)
EXTERNAL_ROW = (Quadrant.OPPORTUNITE, Quadrant.MENACE)


def workspace_themes(workspace):
    """The workspace's theme list as a queryset, for the forms' choices. The actors app gives
    a workspace without any its default themes; that check runs once per workspace object
    (a page builds several forms)."""
    if not getattr(workspace, "_themes_checked", False):
        themes_for(workspace)
        workspace._themes_checked = True
    return Theme.objects.filter(workspace=workspace).order_by("name")


# Interviews


def interview_list(diagnostic, *, theme=None, actor=None, format=None):
    """The diagnostic's interviews, filtered, with their actors, interviewers, themes and
    number of excerpts."""
    interviews = diagnostic.interviews.all()
    if theme is not None:
        interviews = interviews.filter(themes=theme)
    if actor is not None:
        interviews = interviews.filter(actors=actor)
    if format:
        interviews = interviews.filter(format=format)
    return _with_relations(interviews).order_by("-date", "-pk")


def _with_relations(interviews):
    excerpts = Excerpt.objects.filter(interview=OuterRef("pk")).order_by()
    excerpt_count = excerpts.values("interview").annotate(n=Count("pk")).values("n")
    return interviews.annotate(
        excerpt_count=Coalesce(Subquery(excerpt_count, output_field=IntegerField()), Value(0))
    ).prefetch_related(
        Prefetch("actors", queryset=Actor.objects.only("pk", "name", "workspace_id")),
        "interviewers",
        "themes",
    )


def interviews_for_actor(actor, user):
    """The interviews of `actor` the user may see, newest first, with their diagnostic (for
    the actor's page: templates/diagnostics/interviews/_actor_interviews.html)."""
    interviews = scope(Interview, user, Action.VIEW).filter(actors=actor)
    return _with_relations(interviews.select_related("diagnostic")).order_by("-date", "-pk")


def interview_excerpts(interview):
    """The interview's excerpts, each with `items`: the live AFOM items citing it."""
    evidence = Evidence.objects.filter(item__deleted_at__isnull=True).select_related("item")
    excerpts = interview.excerpts.select_related("theme").prefetch_related(
        Prefetch("evidence", queryset=evidence, to_attr="live_evidence")
    )
    excerpts = list(excerpts.order_by("pk"))
    for excerpt in excerpts:
        excerpt.items = [e.item for e in excerpt.live_evidence]
    return excerpts


def diagnostic_excerpts(diagnostic):
    """Every excerpt of the diagnostic's interviews (to attach one as evidence)."""
    return (
        Excerpt.objects.filter(interview__diagnostic=diagnostic)
        .select_related("interview")
        .order_by("-interview__date", "pk")
    )


# The AFOM matrix


def board_items(diagnostic, theme=None):
    """The live items of the matrix, with theme and evidence count, in reading order."""
    items = diagnostic.afom_items.alive().select_related("theme")
    if theme is not None:
        items = items.filter(theme=theme)
    return items.annotate(evidence_count=Count("evidence")).in_reading_order()


def by_quadrant(items):
    """{quadrant: [items]} for the four quadrants, empty lists included."""
    grouped = {quadrant: [] for quadrant in Quadrant.values}
    for item in items:
        grouped[item.quadrant].append(item)
    return grouped


def export_items(diagnostic, theme=None):
    """The board's items with their evidence, for the CSV/XLSX export."""
    evidence = Evidence.objects.select_related("excerpt__interview").order_by("pk")
    return board_items(diagnostic, theme).prefetch_related(Prefetch("evidence", evidence))


def item_evidence(item):
    """An item's evidence; excerpts come with their interview and its actors."""
    return item.evidence.select_related("excerpt__interview").prefetch_related(
        Prefetch("excerpt__interview__actors", queryset=Actor.objects.only("pk", "name"))
    )


def deleted_items(diagnostic, limit=10):
    """The latest "deleted" history entries of items still deleted (to restore them)."""
    gone = AfomItem.objects.filter(diagnostic=diagnostic, deleted_at__isnull=False)
    entries = HistoryEntry.objects.filter(
        diagnostic=diagnostic,
        action=HistoryAction.DELETED,
        object_type=AFOM_OBJECT_TYPE,
        object_id__in=gone.values("pk"),
    ).select_related("user")
    latest = {}
    for entry in entries.order_by("-at", "-pk")[: limit * 3]:
        latest.setdefault(entry.object_id, entry)
    return list(latest.values())[:limit]


# Workshops


def workshop_ranking(workshop):
    """The live items of the workshop's diagnostic, most points first (summed in SQL)."""
    in_workshop = Q(votes__workshop=workshop)
    return (
        workshop.diagnostic.afom_items.alive()
        .select_related("theme")
        .annotate(
            total=Coalesce(Sum("votes__points", filter=in_workshop), Value(0)),
            voters=Count("votes", filter=in_workshop),
        )
        .in_reading_order()
        .order_by("-total", "quadrant_rank", "order", "pk")
    )


def workshop_participants(workshop):
    """[{participant, total}] of the points each participant gave."""
    votes = workshop.votes.filter(item__deleted_at__isnull=True)
    return list(votes.values("participant").annotate(total=Sum("points")).order_by("participant"))


def workshop_grid(workshop):
    """{participant: {item_id: points}} of the workshop's votes on live items."""
    grid = {}
    votes = workshop.votes.filter(item__deleted_at__isnull=True)
    for participant, item_id, points in votes.values_list("participant", "item_id", "points"):
        grid.setdefault(participant, {})[item_id] = points
    return grid
