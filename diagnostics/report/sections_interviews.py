"""The "Entretiens" chapter: how many interviews, in which formats, on which themes, which
structures were met (never the people), and a selection of excerpts by theme. Excerpts carry
both attributions; the template shows the anonymous one unless the option says otherwise."""

from django.db.models import Count, Max, Min

from diagnostics.enums import InterviewFormat, InterviewMode
from diagnostics.models import Excerpt, Interview
from diagnostics.report.common import KIND_LABELS, anonymous_label, day, memo

PER_THEME = 3
NO_THEME = "Autres propos"


def interview_actors(diagnostic):
    """{interview id: [(actor name, actor kind)]} of the diagnostic; one query."""
    links = Interview.actors.through.objects.filter(interview__diagnostic=diagnostic)
    found = {}
    rows = links.order_by("actor__normalized_name").values_list(
        "interview_id", "actor__name", "actor__kind"
    )
    for interview_id, name, kind in rows:
        found.setdefault(interview_id, []).append((name, kind))
    return found


def attribution(actors):
    """Both ways of saying who spoke: by name, and anonymised (kinds only)."""
    return {
        "named": ", ".join(name for name, _ in actors) or "Structure non renseignée",
        "anonymous": anonymous_label(kind for _, kind in actors),
    }


def collect_interviews(diagnostic):
    """Five queries whatever the number of interviews; None without any."""
    interviews = diagnostic.interviews.order_by()
    totals = interviews.aggregate(total=Count("pk"), first=Min("date"), last=Max("date"))
    if not totals["total"]:
        return None
    formats = dict(interviews.values_list("format").annotate(n=Count("pk")).order_by())
    modes = dict(interviews.values_list("mode").annotate(n=Count("pk")).order_by())
    themes = (
        Interview.themes.through.objects.filter(interview__diagnostic=diagnostic)
        .values_list("theme__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "theme__name")
    )
    actors = memo(("interview_actors", diagnostic.pk), lambda: interview_actors(diagnostic))
    return {
        "total": totals["total"],
        "first": day(totals["first"]),
        "last": day(totals["last"]),
        "formats": [(f.label, formats[f.value]) for f in InterviewFormat if formats.get(f.value)],
        "modes": [(m.label, modes[m.value]) for m in InterviewMode if modes.get(m.value)],
        "themes": [list(row) for row in themes],
        "structures": _structures(actors),
        "excerpts": _excerpts(diagnostic, actors),
    }


def _structures(actors):
    """The structures met, each once, by name, with their kind."""
    seen = {}
    for pairs in actors.values():
        for name, kind in pairs:
            seen[name] = KIND_LABELS.get(kind, kind)
    return [{"name": name, "kind": seen[name]} for name in sorted(seen, key=str.casefold)]


def _excerpts(diagnostic, actors):
    """A few excerpts of each theme (the first recorded), themes by name, "Autres propos"
    last."""
    rows = (
        Excerpt.objects.filter(interview__diagnostic=diagnostic)
        .order_by("theme__name", "interview__date", "pk")
        .values_list("text", "theme__name", "interview_id", "interview__date")
    )
    groups = {}
    for text, theme, interview_id, when in rows:
        group = groups.setdefault(theme or NO_THEME, [])
        if len(group) < PER_THEME:
            group.append(
                {"text": text, "date": day(when), **attribution(actors.get(interview_id, []))}
            )
    ordered = sorted(groups, key=lambda name: (name == NO_THEME, name.casefold()))
    return [{"theme": name, "items": groups[name]} for name in ordered]
