"""The "Calendrier des phases" and "Méthode et sources" chapters."""

from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from actors.enums import Family, ImportStatus, RuleKind
from actors.models import ClassificationRule, ImportBatch, LegalCategory
from diagnostics.enums import IndicatorImportStatus
from diagnostics.indicators.sources import SIRENE
from diagnostics.models import IndicatorImport, Phase
from diagnostics.report.common import day
from diagnostics.report.sections_figures import indicators
from diagnostics.timeline import build_timeline

FAMILY_LABELS = dict(Family.choices)
MAX_BATCHES = 5


# Calendrier des phases -------------------------------------------------------------------------


def collect_phases(diagnostic):
    """The phases as planned and as they went (one query); lateness is left to the rendering,
    which knows today's date."""
    phases = diagnostic.phases.order_by("number").annotate(
        deliverables_total=Count("deliverables"),
        deliverables_done=Count("deliverables", filter=Q(deliverables__done=True)),
    )
    rows = [
        {
            "number": phase.number,
            "name": phase.name,
            "expected_results": phase.expected_results,
            "planned_start": phase.planned_start,
            "planned_end": phase.planned_end,
            "actual_start": phase.actual_start,
            "actual_end": phase.actual_end,
            "status": phase.status,
            "status_label": phase.get_status_display(),
            "deliverables_total": phase.deliverables_total,
            "deliverables_done": phase.deliverables_done,
        }
        for phase in phases
    ]
    return {"phases": rows} if rows else None


def prepare_phases(data, options, today=None):
    """The timeline drawn for today: unsaved Phase objects carry the dates and the lateness
    rules of the model."""
    today = today or timezone.localdate()
    phases = []
    for row in data["phases"]:
        phase = Phase(
            number=row["number"],
            name=row["name"],
            planned_start=_date(row["planned_start"]),
            planned_end=_date(row["planned_end"]),
            actual_start=_date(row["actual_start"]),
            actual_end=_date(row["actual_end"]),
            status=row["status"],
        )
        phases.append(phase)
    timeline = build_timeline(phases, today=today)
    rows = [{**row, "phase": line.phase, "late_reason": line.late_reason} for row, line in zip(
        data["phases"], timeline.rows, strict=True)]  # fmt: skip
    return {
        "timeline": timeline,
        "rows": rows,
        "late": [row for row in rows if row["late_reason"]],
        "today": today,
    }


def _date(value):
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# Méthode et sources ----------------------------------------------------------------------------


def collect_method(diagnostic):
    comparison, _document = indicators(diagnostic)
    return {
        "method": _method(diagnostic),
        "sirene": {"label": SIRENE, "imports": _sirene_imports()},
        "regional": _regional(comparison),
        "rules": _rules(),
        "comparisons": [
            {
                "name": row.territory.name,
                "kind": row.territory.get_kind_display(),
                "population": row.territory.population,
                "reason": row.reason,
            }
            for row in diagnostic.comparisons.select_related("territory").order_by(
                "territory__name"
            )
        ],
    }


def _method(diagnostic):
    """The method template's phases, or the diagnostic's own when it has no template."""
    if diagnostic.method_id:
        phases = diagnostic.method.phases.order_by("number").values(
            "number", "name", "expected_results", "duration_months"
        )
        name, description = diagnostic.method.name, diagnostic.method.description
    else:
        phases = diagnostic.phases.order_by("number").values("number", "name", "expected_results")
        name, description = "", ""
    return {"name": name, "description": description, "phases": list(phases)}


def _sirene_imports():
    batches = ImportBatch.objects.filter(
        source="sirene", status=ImportStatus.DONE, dry_run=False
    ).order_by("-finished_at", "-pk")[:MAX_BATCHES]
    return [
        {
            "finished": day(batch.finished_at),
            "territories": (batch.options or {}).get("territories") or [],
            "files": batch.files,
        }
        for batch in batches
    ]


def _regional(comparison):
    """The regional files imported, and the sources and years of the values the report uses
    (those of the compared territories)."""
    used = {}
    for place in comparison.places:
        for row in place.rows:
            used.setdefault(row["source"], set()).add(row["year"])
    imports = IndicatorImport.objects.filter(status=IndicatorImportStatus.DONE)
    imports = imports.order_by("-created_at", "-pk")[:MAX_BATCHES]
    return {
        "sources": [
            {"source": source, "first": min(years), "last": max(years)}
            for source, years in sorted(used.items())
        ],
        "imports": [
            {
                "file": batch.file_name,
                "source": batch.source,
                "date": day(batch.created_at),
                "rows": batch.rows,
            }
            for batch in imports
        ],
    }


def _rules():
    """The ESS classification rules in force, grouped as a reader says them (two queries)."""
    rules = list(ClassificationRule.objects.order_by("kind", "value").values_list(
        "kind", "value", "family"))  # fmt: skip
    codes = [value for kind, value, _ in rules if kind == RuleKind.LEGAL_CATEGORY]
    labels = dict(LegalCategory.objects.filter(code__in=codes).values_list("code", "label"))
    families = {}
    for kind, value, family in rules:
        if kind == RuleKind.LEGAL_CATEGORY:
            families.setdefault(family, []).append({"code": value, "label": labels.get(value, "")})
    return {
        "naf_exclusions": [value for kind, value, _ in rules if kind == RuleKind.NAF_EXCLUSION],
        "legal_categories": [
            {"family": FAMILY_LABELS.get(family, family), "codes": families[family]}
            for family in Family.values
            if family in families
        ],
        "ess_flag": [
            FAMILY_LABELS.get(family, family)
            for kind, _value, family in rules
            if kind == RuleKind.ESS_FLAG
        ],
    }
