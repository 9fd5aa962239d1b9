from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Section:
    """A part of the document. `export(diagnostic)` returns its value; `load(diagnostic,
    value, context)` recreates it (context carries what earlier sections created, such as
    the excerpts and AFOM items by their document keys); `schema` validates the value."""

    name: str
    export: Callable[[Any], Any]
    load: Callable[[Any, Any, dict], None]
    schema: dict
    required: bool = False


_SECTIONS: dict[str, Section] = {}


def register_section(section):
    _SECTIONS[section.name] = section
    return section


def sections():
    """Registered sections, in registration order (imports run in that order)."""
    return list(_SECTIONS.values())
