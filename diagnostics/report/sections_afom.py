"""The "Matrice AFOM" chapter: the 2x2 matrix on one page (internal: atouts, faiblesses;
external: opportunités, menaces), then each item with its evidence on the following pages."""

from diagnostics.enums import EvidenceKind, Priority, Quadrant
from diagnostics.models import AfomItem, Evidence
from diagnostics.report.common import day, memo
from diagnostics.report.sections_interviews import attribution, interview_actors

PRIORITY_LABELS = dict(Priority.choices)
# The one-page matrix: a budget of lines per cell, and the characters a line holds, in the
# normal and in the compact font (static/css/report.css, .r-afom). Past the compact budget
# a cell lists its first items by priority and sends the reader to the detail.
NORMAL = {"lines": 20, "characters": 44}
COMPACT = {"lines": 23, "characters": 50}
PRIORITY_TAG = 10  # characters the priority label takes after a title
ITEM_GAP = 0.35  # lines between two items


def collect_afom(diagnostic):
    """Three queries whatever the number of items and evidence; None without any item."""
    items = list(
        AfomItem.objects.alive()
        .filter(diagnostic=diagnostic)
        .in_reading_order()
        .values("pk", "quadrant", "title", "description", "priority", "theme__name")
    )
    if not items:
        return None
    actors = memo(("interview_actors", diagnostic.pk), lambda: interview_actors(diagnostic))
    evidence = {}
    for row in _evidence_rows(diagnostic):
        evidence.setdefault(row["item_id"], []).append(_evidence(row, actors))
    return {
        "quadrants": [
            {
                "code": quadrant.value,
                "label": quadrant.label,
                "items": [
                    {
                        "title": item["title"],
                        "description": item["description"],
                        "priority": item["priority"],
                        "priority_label": PRIORITY_LABELS.get(item["priority"], ""),
                        "theme": item["theme__name"] or "",
                        "evidence": evidence.get(item["pk"], []),
                    }
                    for item in items
                    if item["quadrant"] == quadrant.value
                ],
            }
            for quadrant in Quadrant
        ],
    }


def _evidence_rows(diagnostic):
    return (
        Evidence.objects.filter(item__diagnostic=diagnostic, item__deleted_at__isnull=True)
        .order_by("item_id", "pk")
        .values(
            "item_id",
            "kind",
            "title",
            "citation",
            "url",
            "excerpt__text",
            "excerpt__interview_id",
            "excerpt__interview__date",
        )
    )


def _evidence(row, actors):
    kind = row["kind"]
    if kind == EvidenceKind.EXCERPT and row["excerpt__text"]:
        return {
            "kind": kind,
            "text": row["excerpt__text"],
            "date": day(row["excerpt__interview__date"]),
            **attribution(actors.get(row["excerpt__interview_id"], [])),
        }
    return {
        "kind": kind,
        "kind_label": EvidenceKind(kind).label if kind in EvidenceKind.values else kind,
        "title": row["title"],
        "citation": row["citation"],
        "url": row["url"],
    }


def prepare_afom(data, options):
    """The matrix as it fits one page: every item in the normal font, or in the compact one,
    or, when even that is too long, the first items of a crowded cell by priority."""
    quadrants = {q["code"]: q for q in data["quadrants"]}
    compact = any(_lines(q["items"], NORMAL) > NORMAL["lines"] for q in data["quadrants"])
    layout = COMPACT if compact else NORMAL
    cells = {code: _cell(quadrant, layout) for code, quadrant in quadrants.items()}
    matrix = [
        ("Interne au territoire", [cells[Quadrant.ATOUT], cells[Quadrant.FAIBLESSE]]),
        ("Externe\u00a0: son environnement", [cells[Quadrant.OPPORTUNITE], cells[Quadrant.MENACE]]),
    ]
    return {
        **data,
        "matrix": matrix,
        "total": sum(len(q["items"]) for q in data["quadrants"]),
        "compact": compact,
        "truncated": any(cell["hidden"] for cell in cells.values()),
    }


def _item_lines(item, layout):
    return -(-(len(item["title"]) + PRIORITY_TAG) // layout["characters"]) + ITEM_GAP


def _lines(items, layout):
    return sum(_item_lines(item, layout) for item in items)


def _cell(quadrant, layout):
    items = quadrant["items"]
    if _lines(items, layout) > layout["lines"]:
        kept, used = [], 1  # a line for "and N more"
        for item in sorted(items, key=lambda item: item["priority"]):
            used += _item_lines(item, layout)
            if used > layout["lines"]:
                break
            kept.append(item)
        items = kept
    return {
        "code": quadrant["code"],
        "label": quadrant["label"],
        "count": len(quadrant["items"]),
        "items": items,
        "hidden": len(quadrant["items"]) - len(items),
    }
