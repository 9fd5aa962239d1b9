"""The kinds of report the kernel can render and keep as snapshots.

The kernel knows nothing of the apps: each app registers its kind of report from its
`AppConfig.ready()` (the diagnostic report from diagnostics, the PTCE sheet from ptce). A kind
says which model it is about (a model owned by a workspace, reached through the permission
kernel), which options a person may choose, how to collect the report's data and how to turn
them into one HTML document, which WeasyPrint renders and the browser previews.

Collecting and rendering are apart on purpose: `collect(obj)` returns plain JSON-serialisable
data (no dates of today, no drawn charts), whose hash is the snapshot's fingerprint; a snapshot
whose fingerprint differs from the data's current one is stale.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Choice:
    """A section a person may leave out, or a yes/no option (e.g. anonymised excerpts)."""

    key: str
    label: str
    default: bool = True
    help_text: str = ""


@dataclass(frozen=True)
class ReportKind:
    """One kind of report.

    - `key`: "diagnostic", "ptce"; `label`: "Rapport de diagnostic";
    - `model`: the model the report is about (its objects belong to a workspace);
    - `sections`: the sections a person may choose (empty: the whole document, always), or a
      callable returning them (when other apps add sections after the kind is registered);
    - `flags`: the yes/no options;
    - `collect(obj) -> dict`: the data, JSON-serialisable, fingerprinted;
    - `render_html(obj, data, options, *, media) -> str`: the whole HTML document, `media`
      "print" for WeasyPrint and "screen" for the preview in the browser; `options` is
      {"sections": [keys], **flags};
    - `title(obj) -> str`: the document's title (PDF metadata, list of snapshots);
    - `filename(obj) -> str`: the download's file name, without ".pdf";
    - `object_url(obj) -> str`: the page of the object (links back from the report pages).
    """

    key: str
    label: str
    model: type
    collect: Callable[[Any], dict]
    render_html: Callable[..., str]
    title: Callable[[Any], str]
    filename: Callable[[Any], str]
    object_url: Callable[[Any], str]
    sections: tuple[Choice, ...] | Callable[[], tuple[Choice, ...]] = ()
    flags: tuple[Choice, ...] = field(default_factory=tuple)

    def section_choices(self):
        return tuple(self.sections() if callable(self.sections) else self.sections)

    def default_options(self):
        options = {"sections": [s.key for s in self.section_choices() if s.default]}
        options.update({flag.key: flag.default for flag in self.flags})
        return options

    def clean_options(self, options):
        """Options limited to the known sections and flags, defaults for what is missing;
        sections keep the kind's order."""
        options = options or {}
        chosen = options.get("sections")
        known = [s.key for s in self.section_choices()]
        if chosen is None:
            sections = [s.key for s in self.section_choices() if s.default]
        else:
            sections = [key for key in known if key in set(chosen)]
        cleaned = {"sections": sections}
        for flag in self.flags:
            cleaned[flag.key] = bool(options.get(flag.key, flag.default))
        return cleaned


_KINDS: dict[str, ReportKind] = {}


def register_report_kind(kind):
    """Register `kind` (from an AppConfig.ready()); its objects' snapshots are then deleted
    with them."""
    from essterritoire.reports.signals import watch_deletions

    _KINDS[kind.key] = kind
    watch_deletions(kind.model)
    return kind


def report_kind(key):
    """The registered kind, or LookupError."""
    try:
        return _KINDS[key]
    except KeyError:
        raise LookupError(f"Type de rapport inconnu : {key}") from None


def report_kinds():
    return list(_KINDS.values())
