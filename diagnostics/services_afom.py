"""Writes on the AFOM matrix, its evidence and the prioritisation workshops.

Every change of an item is recorded in the diagnostic's history with a snapshot of the item and
its evidence, enough to restore a deleted item.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actors.models import Theme
from diagnostics.enums import EvidenceKind, HistoryAction, Quadrant
from diagnostics.history import (
    changes_between,
    history_record,
    snapshot_of,
    state_of,
)
from diagnostics.models import AfomItem, Evidence, Vote
from diagnostics.selectors import AFOM_OBJECT_TYPE

TRACKED_FIELDS = ("quadrant", "title", "description", "theme", "priority")
# The foreign key each kind of evidence points through; the next issues add theirs here
# (survey result, indicator value), and snapshot and restore follow.
EVIDENCE_LINKS = {EvidenceKind.EXCERPT: "excerpt"}
UNRESTORABLE = "L'historique ne permet pas de restaurer cet élément."
UP, DOWN = "up", "down"


# Ordering (AFOM items in their quadrant, questions of the interview guide)


def move_in_list(siblings, obj, direction):
    """Swap `obj` with its neighbour in `siblings` (ordered) and renumber their `order` from 0,
    which also repairs duplicate orders. Returns the rows whose order changed; an empty list
    when `obj` is already first (up) or last (down)."""
    if direction not in (UP, DOWN):
        raise ValidationError("Sens de déplacement inconnu.")
    rows = list(siblings)
    index = next((i for i, row in enumerate(rows) if row.pk == obj.pk), None)
    target = -1 if index is None else index - 1 if direction == UP else index + 1
    if not 0 <= target < len(rows):
        return []
    rows[index], rows[target] = rows[target], rows[index]
    changed = []
    for position, row in enumerate(rows):
        if row.order != position:
            row.order = position
            changed.append(row)
    return changed


def next_order(queryset):
    """The order value that puts a new row last."""
    current = queryset.aggregate(top=Max("order"))["top"]
    return 0 if current is None else current + 1


# Snapshots and history


def evidence_snapshot(evidence):
    data = {
        "id": evidence.pk,
        "kind": evidence.kind,
        "title": evidence.title,
        "citation": evidence.citation,
        "url": evidence.url,
        "snapshot": evidence.snapshot,
        "text": evidence.summary(),
    }
    for field in EVIDENCE_LINKS.values():
        data[f"{field}_id"] = getattr(evidence, f"{field}_id")
    return data


def item_snapshot(item):
    """The item's raw fields with its evidence: what the history keeps to restore it."""
    evidence = item.evidence.select_related("excerpt__interview").order_by("pk")
    return {**snapshot_of(item), "evidence": [evidence_snapshot(e) for e in evidence]}


def _record(item, user, action, changes=None):
    return history_record(
        diagnostic=item.diagnostic,
        user=user,
        action=action,
        obj=item,
        changes=changes or {},
        snapshot=item_snapshot(item),
    )


# Items


@transaction.atomic
def afom_item_create(*, diagnostic, user, data, evidence=()):
    """Create an item at the end of its quadrant, with its evidence (unsaved Evidence rows)."""
    item = AfomItem(diagnostic=diagnostic, created_by=user, **data)
    item.order = next_order(diagnostic.afom_items.alive().filter(quadrant=item.quadrant))
    item.save()
    for row in evidence:
        row.item = item
        row.save()
    _record(item, user, HistoryAction.CREATED)
    return item


@transaction.atomic
def afom_item_update(*, item, user, data):
    """Change the item's fields; a new quadrant puts it last there. Returns the changes."""
    fields = [f for f in TRACKED_FIELDS if f in data]
    before = state_of(item, fields)
    old_quadrant = item.quadrant
    for field in fields:
        setattr(item, field, data[field])
    changes = changes_between(before, state_of(item, fields))
    if not changes:
        return changes
    if item.quadrant != old_quadrant:
        siblings = item.diagnostic.afom_items.alive().filter(quadrant=item.quadrant)
        item.order = next_order(siblings.exclude(pk=item.pk))
    item.save()
    _record(item, user, HistoryAction.CHANGED, changes)
    return changes


@transaction.atomic
def afom_item_move(*, item, user, direction):
    """Move the item one place up or down in its quadrant; False when it cannot move."""
    siblings = (
        item.diagnostic.afom_items.alive()
        .filter(quadrant=item.quadrant)
        .select_for_update()
        .order_by("order", "pk")
    )
    changed = move_in_list(siblings, item, direction)
    if not changed:
        return False
    AfomItem.objects.bulk_update(changed, ["order"])
    moved = next(row for row in changed if row.pk == item.pk)
    old = moved.order + (1 if direction == UP else -1)
    item.order = moved.order
    _record(item, user, HistoryAction.CHANGED, {"order": [old + 1, moved.order + 1]})
    return True


@transaction.atomic
def afom_item_delete(*, item, user):
    """Soft delete: the item leaves the matrix, its row and evidence stay for a restore."""
    item.deleted_at = timezone.now()
    item.save(update_fields=["deleted_at"])
    return _record(item, user, HistoryAction.DELETED)


@transaction.atomic
def afom_item_restore(*, entry, user):
    """Restore the item a "deleted" history entry is about, with its evidence: the evidence
    removed since is recreated from the snapshot. Returns (item, evidence recreated)."""
    if entry.object_type != AFOM_OBJECT_TYPE or entry.action != HistoryAction.DELETED:
        raise ValidationError(UNRESTORABLE)
    item = (
        AfomItem.objects.select_for_update()
        .filter(pk=entry.object_id, diagnostic_id=entry.diagnostic_id)
        .first()
    )
    if item is not None and item.deleted_at is None:
        raise ValidationError("Cet élément figure déjà dans la matrice\u00a0: rien à restaurer.")
    snapshot = entry.snapshot if isinstance(entry.snapshot, dict) else {}
    if item is None:
        item = _item_from_snapshot(entry.diagnostic, snapshot)
    item.deleted_at = None
    item.save()
    recreated = _restore_evidence(item, snapshot.get("evidence") or [])
    _record(item, user, HistoryAction.RESTORED)
    return item, recreated


def _item_from_snapshot(diagnostic, snapshot):
    """A new item from the snapshot, when the row itself is gone."""
    if snapshot.get("quadrant") not in Quadrant.values or not snapshot.get("title"):
        raise ValidationError(UNRESTORABLE)
    theme = Theme.objects.filter(
        pk=snapshot.get("theme_id") or 0, workspace_id=diagnostic.workspace_id
    ).first()
    siblings = diagnostic.afom_items.alive().filter(quadrant=snapshot["quadrant"])
    return AfomItem(
        diagnostic=diagnostic,
        quadrant=snapshot["quadrant"],
        title=str(snapshot["title"])[:255],
        description=str(snapshot.get("description") or ""),
        theme=theme,
        priority=snapshot.get("priority") or AfomItem._meta.get_field("priority").default,
        order=next_order(siblings),
    )


def _restore_evidence(item, rows):
    existing = set(item.evidence.values_list("pk", flat=True))
    recreated = 0
    for row in rows:
        if not isinstance(row, dict) or row.get("id") in existing:
            continue
        Evidence.objects.create(item=item, **_evidence_fields(row))
        recreated += 1
    return recreated


def _evidence_fields(row):
    """The fields to recreate a piece of evidence; when what it pointed to (an excerpt...) is
    gone too, it comes back as a reference quoting the text it showed."""
    kind = row.get("kind") if row.get("kind") in EvidenceKind.values else EvidenceKind.REFERENCE
    fields = {
        "kind": kind,
        "title": str(row.get("title") or "")[:255],
        "citation": str(row.get("citation") or ""),
        "url": str(row.get("url") or "")[:200],
        "snapshot": row.get("snapshot") if isinstance(row.get("snapshot"), dict) else {},
    }
    link = EVIDENCE_LINKS.get(kind)
    if link is None:
        return fields
    target = Evidence._meta.get_field(link).related_model
    link_id = row.get(f"{link}_id")
    if link_id and target.objects.filter(pk=link_id).exists():
        fields[f"{link}_id"] = link_id
        return fields
    fields.update(kind=EvidenceKind.REFERENCE, citation=str(row.get("text") or fields["citation"]))
    fields["title"] = fields["title"] or f"{EvidenceKind(kind).label} (supprimé depuis)"
    return fields


# Evidence


@transaction.atomic
def evidence_add(*, item, user, kind, **fields):
    """Attach a piece of evidence (a reference, or an excerpt of the diagnostic's interviews)."""
    evidence = Evidence.objects.create(item=item, kind=kind, **fields)
    evidence = Evidence.objects.select_related("excerpt__interview").get(pk=evidence.pk)
    _record(
        item, user, HistoryAction.CHANGED, {"Preuves": ["", f"ajout\u00a0: {evidence.summary()}"]}
    )
    return evidence


@transaction.atomic
def evidence_remove(*, evidence, user):
    item, summary = evidence.item, evidence.summary()
    evidence.delete()
    _record(item, user, HistoryAction.CHANGED, {"Preuves": [f"retrait\u00a0: {summary}", ""]})


def evidence_detach_excerpts(*, excerpts, user):
    """Before `excerpts` are deleted: the evidence citing them becomes a reference quoting
    their text, and each live item concerned records the change."""
    for excerpt in excerpts:
        date = excerpt.interview.date
        title = f"Extrait de l'entretien du {date:%d/%m/%Y} (entretien ou extrait supprimé)"
        for evidence in excerpt.evidence.select_related("item__diagnostic"):
            before = evidence.summary()
            evidence.kind, evidence.excerpt = EvidenceKind.REFERENCE, None
            evidence.title, evidence.citation = title[:255], excerpt.text
            evidence.save(update_fields=["kind", "excerpt", "title", "citation"])
            if evidence.item.deleted_at is None:
                changes = {"Preuves": [before, evidence.summary()]}
                _record(evidence.item, user, HistoryAction.CHANGED, changes)


def excerpt_to_afom(*, excerpt, user, data):
    """A new AFOM item whose evidence is the excerpt: the item links back to the interview."""
    interview = excerpt.interview
    evidence = Evidence(
        kind=EvidenceKind.EXCERPT,
        excerpt=excerpt,
        snapshot={"interview_date": interview.date.isoformat()},
    )
    return afom_item_create(
        diagnostic=interview.diagnostic, user=user, data=data, evidence=[evidence]
    )


# Prioritisation workshops


def workshop_create(*, diagnostic, data):
    return diagnostic.workshops.create(**data)


def workshop_delete(*, workshop):
    """Delete the workshop and its votes; the items stay."""
    workshop.delete()


@transaction.atomic
def workshop_set_votes(*, workshop, votes):
    """Replace the workshop's votes with `votes` = {participant: {item_id: points}}; each
    participant gives at most the workshop's points, to live items of its diagnostic."""
    allowed = set(workshop.diagnostic.afom_items.alive().values_list("pk", flat=True))
    rows = []
    for participant, points_by_item in votes.items():
        if any(points < 0 for points in points_by_item.values()):
            raise ValidationError(f"{participant}\u00a0: les points ne peuvent pas être négatifs.")
        total = sum(points_by_item.values())
        if total > workshop.points_per_participant:
            raise ValidationError(
                f"{participant} a attribué {total} points\u00a0: "
                f"{workshop.points_per_participant} au maximum par participant."
            )
        if not set(points_by_item) <= allowed:
            raise ValidationError("Un élément noté ne fait pas partie de la matrice.")
        rows += [
            Vote(workshop=workshop, participant=participant, item_id=item_id, points=points)
            for item_id, points in points_by_item.items()
            if points
        ]
    workshop.votes.all().delete()
    Vote.objects.bulk_create(rows)
    return len(rows)
