"""The sections of the diagnostic report, registered by the apps that own their data.

diagnostics registers its own (key figures, the ESS on the territory, actors, interviews,
survey, AFOM matrix, phases timeline, method and sources); ptce adds the action plan and the
PTCE summary from its `AppConfig.ready()`, so that diagnostics never imports ptce.

A section:
- `collect(diagnostic)` returns plain JSON-serialisable data (part of the report's
  fingerprint: no value that changes with today's date, no drawn chart), or None when the
  diagnostic has nothing for it (the section is then left out of the document and its TOC);
- `prepare(data, options)` (optional) turns the data into what the template shows (charts
  are drawn here, from the data); without it the template gets the data as they are;
- `template` is rendered with `section` (the prepared data), `diagnostic`, `options`
  ({"sections": [...], "anonymise": bool, "annex": bool}) and `media` ("print" or "screen");
  it renders one `<section class="r-chapter" id="sec-KEY">` whose `<h1>` is `label`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReportSection:
    key: str
    label: str
    order: int
    collect: Callable[[Any], Any]
    template: str
    prepare: Callable[[Any, dict], Any] | None = None
    default: bool = True
    help_text: str = ""


_SECTIONS: dict[str, ReportSection] = {}


def register_report_section(section):
    _SECTIONS[section.key] = section
    return section


def report_sections():
    """The registered sections in the document's order."""
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))


@dataclass(frozen=True)
class KeyFigure:
    """A figure an app adds to the "Chiffres clés" section (the action plan's actions, from
    ptce): `collect(diagnostic)` returns {"value": number, "note": str} or None when it has
    nothing to say. Part of the fingerprint, like a section's data."""

    key: str
    label: str
    order: int
    collect: Callable[[Any], dict | None]


_KEY_FIGURES: dict[str, KeyFigure] = {}


def register_key_figure(figure):
    _KEY_FIGURES[figure.key] = figure
    return figure


def key_figures():
    """The key figures other apps registered, in order."""
    return sorted(_KEY_FIGURES.values(), key=lambda figure: (figure.order, figure.key))
