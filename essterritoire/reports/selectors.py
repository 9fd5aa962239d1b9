"""Reads the report pages share: the latest snapshot of each object, the data's current
fingerprint, the options in words."""

from django.db.models import Count, OuterRef, Subquery

from essterritoire.reports.enums import SnapshotStatus
from essterritoire.reports.models import ReportSnapshot
from essterritoire.reports.registry import report_kinds
from essterritoire.reports.rendering import fingerprint


def objects_with_reports(workspace, search=""):
    """One row per object of `workspace` having snapshots: its newest snapshot, annotated
    with `latest_done_id` (its newest completed one) and `snapshot_count`; newest first,
    filtered on the title when `search` is given."""
    same_object = ReportSnapshot.objects.filter(
        workspace=OuterRef("workspace"), kind=OuterRef("kind"), object_id=OuterRef("object_id")
    ).order_by("-created_at", "-pk")
    counts = same_object.order_by().values("object_id").annotate(n=Count("pk")).values("n")
    rows = ReportSnapshot.objects.filter(
        workspace=workspace, pk=Subquery(same_object.values("pk")[:1])
    ).annotate(
        latest_done_id=Subquery(same_object.filter(status=SnapshotStatus.DONE).values("pk")[:1]),
        snapshot_count=Subquery(counts),
    )
    search = " ".join((search or "").split())
    if search:
        rows = rows.filter(title__icontains=search)
    return rows.order_by("-created_at", "-pk")


def attach_latest_done(rows):
    """Set `latest_done` on each row (one query for the page) and `report_kind` (None when
    the kind is no longer registered)."""
    rows = list(rows)
    ids = [row.latest_done_id for row in rows if row.latest_done_id]
    done = ReportSnapshot.objects.select_related("author").in_bulk(ids)
    kinds = {kind.key: kind for kind in report_kinds()}
    for row in rows:
        row.latest_done = done.get(row.latest_done_id)
        row.report_kind = kinds.get(row.kind)
    return rows


def current_fingerprint(kind, obj):
    """The fingerprint of the object's data as they are now (runs the kind's collect)."""
    return fingerprint(kind.collect(obj))


def describe_options(kind, options):
    """The options of a snapshot in words, as (label, value) pairs."""
    options = options or {}
    pairs = []
    sections = kind.section_choices() if kind else ()
    if sections:
        chosen = set(options.get("sections") or [])
        labels = [choice.label for choice in sections if choice.key in chosen]
        everything = len(labels) == len(sections)
        pairs.append(("Sections", "toutes" if everything else ", ".join(labels) or "aucune"))
    for flag in kind.flags if kind else ():
        pairs.append((flag.label, "oui" if options.get(flag.key) else "non"))
    return pairs
