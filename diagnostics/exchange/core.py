"""The sections every diagnostic document has: territory, comparisons, steering committee,
phases, interview guide, interviews, AFOM matrix and workshops."""

from diagnostics.enums import DiagnosticStatus, EvidenceKind, Quadrant
from diagnostics.exchange import actors as actor_refs
from diagnostics.exchange.registry import Section, register_section
from diagnostics.exchange.schema import (
    ACTOR_REF,
    DATE,
    NAME,
    NULLABLE_DATE,
    TERRITORY,
    TEXT,
)
from diagnostics.models import (
    AfomItem,
    ComparisonTerritory,
    Deliverable,
    Evidence,
    Excerpt,
    GuideQuestion,
    Interview,
    Phase,
    Vote,
    Workshop,
)
from essterritoire.territories.enums import Kind


def _iso(value):
    return value.isoformat() if value else None


def _array(item_schema):
    return {"type": "array", "items": item_schema}


def _object(required, **properties):
    return {"type": "object", "required": list(required), "properties": properties}


# Territory -----------------------------------------------------------------------------------


def export_territory(diagnostic):
    territory = diagnostic.territory
    value = {"kind": territory.kind, "code": territory.code, "name": territory.name}
    if territory.kind == Kind.GROUPING:
        value["communes"] = sorted(territory.communes().values_list("code", flat=True))
    return value


def load_territory(diagnostic, value, context):
    """Territories are resolved before the diagnostic exists (see importer.py)."""


register_section(
    Section(
        "territory",
        export_territory,
        load_territory,
        {**TERRITORY, "properties": {**TERRITORY["properties"], "communes": _array(TEXT)}},
        required=True,
    )
)


# Diagnostic fields ---------------------------------------------------------------------------


def export_fields(diagnostic):
    return {
        "status": diagnostic.status,
        "description": diagnostic.description,
        "method": diagnostic.method.name if diagnostic.method_id else None,
    }


def load_fields(diagnostic, value, context):
    """Applied by the importer when it creates the diagnostic."""


register_section(
    Section(
        "details",
        export_fields,
        load_fields,
        _object(
            ["status"],
            status={"enum": list(DiagnosticStatus.values)},
            description=TEXT,
            method={"anyOf": [TEXT, {"type": "null"}]},
        ),
    )
)


# Comparison territories and steering committee ----------------------------------------------


def export_comparisons(diagnostic):
    rows = diagnostic.comparisons.select_related("territory").order_by(
        "territory__kind", "territory__code"
    )
    return [
        {
            "kind": c.territory.kind,
            "code": c.territory.code,
            "name": c.territory.name,
            "reason": c.reason,
        }
        for c in rows
    ]


def load_comparisons(diagnostic, value, context):
    for entry in value:
        territory = context["resolve_territory"](entry, "comparison_territories")
        ComparisonTerritory.objects.create(
            diagnostic=diagnostic, territory=territory, reason=entry.get("reason", "")
        )


register_section(
    Section("comparison_territories", export_comparisons, load_comparisons, _array(TERRITORY))
)


def export_steering(diagnostic):
    actors = sorted(diagnostic.steering_actors.all(), key=lambda a: (a.normalized_name, a.pk))
    return {
        "actors": [actor_refs.ref(actor) for actor in actors],
        "people": [line for line in diagnostic.steering_people.splitlines() if line.strip()],
    }


def load_steering(diagnostic, value, context):
    diagnostic.steering_actors.set(context["actors"].get_many(value.get("actors", [])))
    diagnostic.steering_people = "\n".join(value.get("people", []))
    diagnostic.save(update_fields=["steering_people"])


register_section(
    Section(
        "steering_committee",
        export_steering,
        load_steering,
        _object([], actors=_array(ACTOR_REF), people=_array(TEXT)),
    )
)


# Phases ---------------------------------------------------------------------------------------


def export_phases(diagnostic):
    phases = diagnostic.phases.prefetch_related("deliverables").order_by("number")
    return [
        {
            "number": p.number,
            "name": p.name,
            "expected_results": p.expected_results,
            "planned_start": _iso(p.planned_start),
            "planned_end": _iso(p.planned_end),
            "actual_start": _iso(p.actual_start),
            "actual_end": _iso(p.actual_end),
            "status": p.status,
            "notes": p.notes,
            "override_reason": p.override_reason,
            "deliverables": [{"label": d.label, "done": d.done} for d in p.deliverables.all()],
        }
        for p in phases
    ]


def load_phases(diagnostic, value, context):
    fields = (
        "number",
        "name",
        "expected_results",
        "planned_start",
        "planned_end",
        "actual_start",
        "actual_end",
        "status",
        "notes",
        "override_reason",
    )
    for entry in value:
        phase = Phase.objects.create(
            diagnostic=diagnostic, **{f: entry.get(f) or _blank(f) for f in fields}
        )
        Deliverable.objects.bulk_create(
            Deliverable(phase=phase, label=d["label"], done=d["done"], order=n)
            for n, d in enumerate(entry.get("deliverables", []))
        )


def _blank(field):
    return None if field.startswith(("actual_", "planned_")) else ""


PHASE = _object(
    ["number", "name", "planned_start", "planned_end", "status", "deliverables"],
    number={"type": "integer", "minimum": 1},
    name=NAME,
    expected_results=TEXT,
    planned_start=DATE,
    planned_end=DATE,
    actual_start=NULLABLE_DATE,
    actual_end=NULLABLE_DATE,
    status={"enum": ["upcoming", "ongoing", "done"]},
    notes=TEXT,
    override_reason=TEXT,
    deliverables=_array(_object(["label", "done"], label=NAME, done={"type": "boolean"})),
)
register_section(Section("phases", export_phases, load_phases, _array(PHASE), required=True))


# Interview guide and interviews --------------------------------------------------------------


def export_guide(diagnostic):
    return [{"section": q.section, "text": q.text} for q in diagnostic.guide_questions.all()]


def load_guide(diagnostic, value, context):
    GuideQuestion.objects.bulk_create(
        GuideQuestion(diagnostic=diagnostic, section=q["section"], text=q["text"], order=n)
        for n, q in enumerate(value)
    )


register_section(
    Section(
        "interview_guide",
        export_guide,
        load_guide,
        _array(_object(["section", "text"], section=TEXT, text=NAME)),
    )
)

NOTES = ("vision", "needs", "obstacles", "levers", "cooperations")


def export_interviews(diagnostic):
    interviews = diagnostic.interviews.order_by("date", "pk").prefetch_related(
        "actors", "interviewers", "themes", "excerpts__theme"
    )
    result = []
    for n, interview in enumerate(interviews, start=1):
        result.append(_export_interview(f"E{n}", interview))
    return result


def _export_interview(key, interview):
    people = sorted(u.get_full_name() or u.email for u in interview.interviewers.all())
    others = [p.strip() for p in interview.other_interviewers.split(",") if p.strip()]
    actors = sorted(interview.actors.all(), key=lambda a: (a.normalized_name, a.pk))
    return {
        "key": key,
        "date": _iso(interview.date),
        "format": interview.format,
        "mode": interview.mode,
        "actors": [actor_refs.ref(actor) for actor in actors],
        "interviewers": people + others,
        **{note: getattr(interview, note) for note in NOTES},
        "themes": sorted(theme.name for theme in interview.themes.all()),
        "excerpts": [
            {"key": f"{key}.{m}", "text": e.text, "theme": e.theme.name if e.theme else None}
            for m, e in enumerate(interview.excerpts.all(), start=1)
        ],
    }


def load_interviews(diagnostic, value, context):
    for entry in value:
        interview = Interview.objects.create(
            diagnostic=diagnostic,
            date=entry["date"],
            format=entry["format"],
            mode=entry.get("mode") or "on_site",
            other_interviewers=", ".join(entry.get("interviewers", [])),
            **{note: entry.get(note, "") for note in NOTES},
        )
        interview.actors.set(context["actors"].get_many(entry["actors"]))
        interview.themes.set(context["themes"].get_many(entry.get("themes", [])))
        for excerpt in entry.get("excerpts", []):
            context["excerpts"][excerpt["key"]] = Excerpt.objects.create(
                interview=interview,
                text=excerpt["text"],
                theme=context["themes"].get(excerpt.get("theme")),
            )


NULLABLE_TEXT = {"anyOf": [TEXT, {"type": "null"}]}
INTERVIEW = _object(
    ["key", "date", "format", "actors", "excerpts"],
    key=NAME,
    date=DATE,
    format={"enum": ["individual", "collective"]},
    mode={"enum": ["on_site", "video", "phone"]},
    actors=_array(ACTOR_REF),
    interviewers=_array(TEXT),
    themes=_array(TEXT),
    excerpts=_array(_object(["key", "text"], key=NAME, text=NAME, theme=NULLABLE_TEXT)),
    **{note: TEXT for note in NOTES},
)
register_section(Section("interviews", export_interviews, load_interviews, _array(INTERVIEW)))


# AFOM matrix and workshops -------------------------------------------------------------------


def export_afom(diagnostic):
    items = (
        AfomItem.objects.alive()
        .filter(diagnostic=diagnostic)
        .select_related("theme")
        .prefetch_related("evidence")
        .order_by("quadrant", "order", "pk")
    )
    excerpt_keys = _excerpt_keys(diagnostic)
    return [
        {
            "key": f"A{n}",
            "quadrant": item.quadrant,
            "title": item.title,
            "description": item.description,
            "theme": item.theme.name if item.theme else None,
            "priority": item.priority,
            "order": item.order,
            "evidence": [_export_evidence(e, excerpt_keys) for e in item.evidence.all()],
        }
        for n, item in enumerate(items, start=1)
    ]


def _excerpt_keys(diagnostic):
    """{excerpt id: document key}, numbered as export_interviews numbers them."""
    keys = {}
    interviews = diagnostic.interviews.order_by("date", "pk").prefetch_related("excerpts")
    for n, interview in enumerate(interviews, start=1):
        for m, excerpt in enumerate(interview.excerpts.all(), start=1):
            keys[excerpt.pk] = f"E{n}.{m}"
    return keys


def _export_evidence(evidence, excerpt_keys):
    if evidence.kind == EvidenceKind.EXCERPT:
        return {"kind": "excerpt", "excerpt": excerpt_keys.get(evidence.excerpt_id)}
    value = {
        "kind": evidence.kind,
        "title": evidence.title,
        "citation": evidence.citation,
        "url": evidence.url,
    }
    if evidence.snapshot:
        value["snapshot"] = evidence.snapshot
    return value


def load_afom(diagnostic, value, context):
    for entry in value:
        item = AfomItem.objects.create(
            diagnostic=diagnostic,
            quadrant=entry["quadrant"],
            title=entry["title"],
            description=entry.get("description", ""),
            theme=context["themes"].get(entry.get("theme")),
            priority=entry.get("priority", 2),
            order=entry.get("order", 0),
        )
        context["items"][entry["key"]] = item
        for evidence in entry.get("evidence", []):
            _load_evidence(item, evidence, context)


def _load_evidence(item, evidence, context):
    if evidence["kind"] == "excerpt":
        excerpt = context["excerpts"].get(evidence.get("excerpt"))
        if excerpt is None:
            context["errors"].append(
                f"afom/{item.title} : extrait {evidence.get('excerpt')!r} introuvable"
            )
            return
        Evidence.objects.create(item=item, kind="excerpt", excerpt=excerpt)
        return
    Evidence.objects.create(
        item=item,
        kind=evidence["kind"],
        title=evidence.get("title", ""),
        citation=evidence.get("citation", ""),
        url=evidence.get("url", ""),
        snapshot=evidence.get("snapshot", {}),
    )


EVIDENCE = _object(
    ["kind"],
    kind={"enum": list(EvidenceKind.values)},
    excerpt=NULLABLE_TEXT,
    title=TEXT,
    citation=TEXT,
    url=TEXT,
    snapshot={"type": "object"},
)
AFOM_ITEM = _object(
    ["key", "quadrant", "title", "evidence"],
    key=NAME,
    quadrant={"enum": list(Quadrant.values)},
    title=NAME,
    description=TEXT,
    theme=NULLABLE_TEXT,
    priority={"enum": [1, 2, 3]},
    order={"type": "integer", "minimum": 0},
    evidence=_array(EVIDENCE),
)
register_section(Section("afom", export_afom, load_afom, _array(AFOM_ITEM), required=True))


def export_workshops(diagnostic):
    keys = {}
    for entry_key, item_id in _afom_keys(diagnostic):
        keys[item_id] = entry_key
    workshops = diagnostic.workshops.order_by("date", "pk").prefetch_related("votes")
    return [
        {
            "title": w.title,
            "date": _iso(w.date),
            "points_per_participant": w.points_per_participant,
            "votes": sorted(
                (
                    {"participant": v.participant, "item": keys.get(v.item_id), "points": v.points}
                    for v in w.votes.all()
                    if v.item_id in keys
                ),
                key=lambda v: (v["participant"], v["item"]),
            ),
        }
        for w in workshops
    ]


def _afom_keys(diagnostic):
    items = (
        AfomItem.objects.alive().filter(diagnostic=diagnostic).order_by("quadrant", "order", "pk")
    )
    return [(f"A{n}", pk) for n, pk in enumerate(items.values_list("pk", flat=True), start=1)]


def load_workshops(diagnostic, value, context):
    for entry in value:
        workshop = Workshop.objects.create(
            diagnostic=diagnostic,
            title=entry["title"],
            date=entry["date"],
            points_per_participant=entry.get("points_per_participant", 5),
        )
        for vote in entry.get("votes", []):
            item = context["items"].get(vote["item"])
            if item is None:
                context["errors"].append(f"workshops : élément {vote['item']!r} introuvable")
                continue
            Vote.objects.create(
                workshop=workshop,
                participant=vote["participant"],
                item=item,
                points=vote["points"],
            )


WORKSHOP = _object(
    ["title", "date", "votes"],
    title=NAME,
    date=DATE,
    points_per_participant={"type": "integer", "minimum": 1},
    votes=_array(
        _object(
            ["participant", "item", "points"],
            participant=NAME,
            item=NAME,
            points={"type": "integer", "minimum": 0},
        )
    ),
)
register_section(Section("workshops", export_workshops, load_workshops, _array(WORKSHOP)))
