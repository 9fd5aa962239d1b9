"""HTML -> PDF: one function renders any registered kind of report, timing each step.

The document is self-contained: its stylesheet is inlined (`report_css()`), its charts are
inline SVG, so WeasyPrint fetches nothing. Its URL fetcher allows only `data:` URLs: nothing is
ever read from the network or the disk while rendering.
"""

import hashlib
import json
import time
from dataclasses import dataclass, field
from functools import cache

from django.contrib.staticfiles import finders

from essterritoire.reports.registry import report_kind

# The steps of a rendering and the share of the progress bar each one ends at.
STEPS = (
    ("collect", 15, "Rassemblement des données"),
    ("html", 35, "Mise en page HTML et graphiques"),
    ("layout", 85, "Mise en page du PDF"),
    ("write", 100, "Écriture du PDF"),
)
STYLESHEETS = ("css/report.css",)


@dataclass
class Rendered:
    """A rendered report: the PDF bytes and what the snapshot keeps of the rendering."""

    pdf: bytes
    html: str
    pages: int
    fingerprint: str
    options: dict
    timings: dict = field(default_factory=dict)


def fingerprint(data):
    """A stable hash of the collected data (sorted keys, dates and decimals as text)."""
    text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@cache
def report_css():
    """The report's stylesheets, read once per process, inlined in the printed document."""
    parts = []
    for name in STYLESHEETS:
        path = finders.find(name)
        if path is None:
            raise FileNotFoundError(f"Feuille de style du rapport introuvable : {name}")
        with open(path, encoding="utf-8") as handle:
            parts.append(handle.read())
    return "\n".join(parts)


def _fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)


def render_html(kind_key, obj, options=None, *, media="screen"):
    """The report's HTML document (the browser preview, or the PDF's source)."""
    kind = report_kind(kind_key)
    options = kind.clean_options(options)
    data = kind.collect(obj)
    return kind.render_html(obj, data, options, media=media)


def render_pdf(kind_key, obj, options=None, *, progress=None):
    """Render the report of `obj` to PDF. `progress(percent, message)` is told of each step.

    Returns a `Rendered`, whose `timings` (seconds) separate the application's share
    (collect: queries; html: charts and templates) from WeasyPrint's (layout, write).
    """
    from weasyprint import HTML

    kind = report_kind(kind_key)
    options = kind.clean_options(options)
    timings = {}
    started = time.perf_counter()

    def step(name):
        """Record the time of the step just done; tell its percentage and the next step."""
        nonlocal started
        now = time.perf_counter()
        timings[name] = now - started
        started = now
        if progress is not None:
            index = [key for key, _, _ in STEPS].index(name)
            following = STEPS[index + 1][2] if index + 1 < len(STEPS) else "Terminé"
            progress(STEPS[index][1], following)

    if progress is not None:
        progress(1, STEPS[0][2])
    data = kind.collect(obj)
    step("collect")
    html = kind.render_html(obj, data, options, media="print")
    step("html")
    document = HTML(string=html, url_fetcher=_fetcher()).render(pdf_tags=True)
    step("layout")
    pdf = document.write_pdf(pdf_tags=True)
    step("write")
    return Rendered(
        pdf=pdf,
        html=html,
        pages=len(document.pages),
        fingerprint=fingerprint(data),
        options=options,
        timings=timings,
    )
