"""The `indicators` section of the diagnostic's JSON document.

Exported: the indicators of the territory (the territory_indicators document), the compared
ratios of every place, and the editors' decisions on the AFOM suggestions. On import only the
decisions are recreated: figures come from the reference data of the instance that imports
(an accepted suggestion's item comes back through the `afom` section, with its evidence).
"""

from decimal import Decimal

import diagnostics.exchange.core  # noqa: F401 - the core sections come first in the document
from diagnostics.enums import Quadrant
from diagnostics.exchange.registry import Section, register_section
from diagnostics.exchange.schema import NAME, TEXT
from diagnostics.indicators.comparisons import compare
from diagnostics.indicators.compute import territory_indicators
from diagnostics.indicators.imported import json_number
from diagnostics.indicators.sources import sirene_source
from diagnostics.models import SuggestionDecision

STATUSES = [SuggestionDecision.ACCEPTED, SuggestionDecision.REJECTED]


def _plain(value):
    """The value with every Decimal as a JSON number."""
    if isinstance(value, Decimal):
        return json_number(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def export_indicators(diagnostic):
    comparison = compare(diagnostic)
    return {
        "source": sirene_source(comparison.coverage),
        "territory": _plain(territory_indicators(diagnostic.territory)),
        "comparisons": [_place(place) for place in comparison.places],
        "suggestion_decisions": [
            {"key": d.key, "quadrant": d.quadrant, "title": d.title, "status": d.status}
            for d in diagnostic.suggestion_decisions.order_by("key")
        ],
    }


def _place(place):
    territory = place.territory
    return {
        "role": place.role,
        "kind": territory.kind if territory else None,
        "code": territory.code if territory else None,
        "name": place.name,
        "covered": place.covered,
        "values": _plain(place.values),
    }


def load_indicators(diagnostic, value, context):
    SuggestionDecision.objects.bulk_create(
        SuggestionDecision(
            diagnostic=diagnostic,
            key=decision["key"],
            quadrant=decision["quadrant"],
            title=decision["title"],
            status=decision["status"],
            decided_by=context.get("user"),
        )
        for decision in value.get("suggestion_decisions", [])
    )


SCHEMA = {
    "type": "object",
    "properties": {
        "source": TEXT,
        "territory": {"type": "object"},
        "comparisons": {"type": "array", "items": {"type": "object"}},
        "suggestion_decisions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["key", "quadrant", "title", "status"],
                "properties": {
                    "key": NAME,
                    "quadrant": {"enum": list(Quadrant.values)},
                    "title": NAME,
                    "status": {"enum": STATUSES},
                },
            },
        },
    },
}

register_section(Section("indicators", export_indicators, load_indicators, SCHEMA))
