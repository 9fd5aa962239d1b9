"""The "diagnostic" report kind: the PDF a CRESS hands to elected officials.

`collect` gathers the identity of the diagnostic and the data of every registered section
(plain JSON, fingerprinted: nothing in it depends on today's date). `render_html` renders the
chosen sections that have data, each through its own template, then the cover and a table of
contents built from the chapters' `<h2 id=...>` sub-headings, so that a section another app
registers gets its sub-headings listed without telling anyone.
"""

import re
from dataclasses import dataclass, field
from html import unescape

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from diagnostics.models import Diagnostic
from diagnostics.report.common import day, plain, shared_computations
from diagnostics.report.registry import report_sections
from essterritoire.reports.registry import Choice, ReportKind, register_report_kind
from essterritoire.reports.rendering import report_css

KEY = "diagnostic"
ACTORS_SECTION = "acteurs"
ANNEX_ID = "sec-annexe-acteurs"
ANNEX_TITLE = "Annexe — Liste des acteurs"
FLAGS = (
    Choice(
        "anonymise",
        "Extraits d'entretiens anonymisés",
        default=True,
        help_text="Les extraits ne nomment ni la structure ni la personne rencontrée.",
    ),
    Choice(
        "annex",
        "Annexe\u00a0: liste des acteurs (données publiques)",
        default=False,
        help_text="Nom, famille, commune, SIRET, thèmes et site web\u00a0; jamais de contact.",
    ),
)
SUBHEADING = re.compile(r'<h2\b[^>]*\bid="([^"]+)"[^>]*>(.*?)</h2>', re.S)
TAGS = re.compile(r"<[^>]+>")


@dataclass
class Chapter:
    anchor: str
    label: str
    html: str
    headings: list = field(default_factory=list)


def section_choices():
    return tuple(
        Choice(section.key, section.label, section.default, section.help_text)
        for section in report_sections()
    )


def collect(diagnostic):
    """{"document": identity and cover data, "sections": {key: data or None}}."""
    diagnostic = Diagnostic.objects.select_related(
        "territory", "workspace", "method", "territory__region"
    ).get(pk=diagnostic.pk)
    with shared_computations():
        sections = {section.key: section.collect(diagnostic) for section in report_sections()}
    return plain({"document": _identity(diagnostic), "sections": sections})


def _identity(diagnostic):
    territory, workspace = diagnostic.territory, diagnostic.workspace
    return {
        "title": diagnostic.title,
        "territory": {
            "name": territory.name,
            "kind": territory.get_kind_display(),
            "code": territory.code,
            "population": territory.population,
        },
        "workspace": {"name": workspace.name, "kind": workspace.get_kind_display()},
        "status": diagnostic.get_status_display(),
        "start_date": day(diagnostic.start_date),
        "method": diagnostic.method.name if diagnostic.method else "",
        "description": diagnostic.description,
    }


def render_html(diagnostic, data, options, *, media="screen"):
    """The whole HTML document of the report (see the module doc)."""
    chapters = _chapters(diagnostic, data, options, media)
    now = timezone.now()
    identity = data["document"]
    context = {
        "document": {
            "title": identity["title"],
            "author": identity["workspace"]["name"],
            "description": (
                f"Diagnostic de l'économie sociale et solidaire — {identity['territory']['name']}"
            ),
            "generated_at": now,
            "css": report_css() if media == "print" else "",
            "footer": f"{identity['workspace']['name']} · document du "
            f"{timezone.localtime(now):%d/%m/%Y}",
            "back_url": object_url(diagnostic),
        },
        "identity": identity,
        "chapters": chapters,
        "media": media,
        "options": options,
    }
    return render_to_string("reports/diagnostic/report.html", context)


def _chapters(diagnostic, data, options, media):
    chosen = set(options.get("sections") or [])
    context = {"diagnostic": diagnostic, "options": options, "media": media}
    chapters = []
    for section in report_sections():
        section_data = data["sections"].get(section.key)
        if section.key not in chosen or section_data is None:
            continue
        prepared = section.prepare(section_data, options) if section.prepare else section_data
        html = render_to_string(section.template, {**context, "section": prepared})
        chapters.append(Chapter(f"sec-{section.key}", section.label, html, subheadings(html)))
    if options.get("annex"):
        actors = data["sections"].get(ACTORS_SECTION) or {}
        html = render_to_string(
            "reports/diagnostic/annexe_acteurs.html",
            {**context, "section": annex_data(actors.get("annex") or []), "title": ANNEX_TITLE},
        )
        chapters.append(Chapter(ANNEX_ID, ANNEX_TITLE, html))
    for chapter in chapters:
        chapter.html = mark_safe(chapter.html)  # noqa: S308 - rendered by our own templates
    return chapters


def annex_data(rows):
    """The annex rows; the web site column only when an actor has one."""
    return {"rows": rows, "websites": any(row["website"] for row in rows)}


def subheadings(html):
    """[(id, text)] of the chapter's <h2 id=...>, for the table of contents."""
    return [
        (anchor, " ".join(unescape(TAGS.sub("", text)).split()))
        for anchor, text in SUBHEADING.findall(html)
    ]


def title(diagnostic):
    return diagnostic.title


def filename(diagnostic):
    return slugify(f"rapport {diagnostic.title}")[:120] or f"rapport-diagnostic-{diagnostic.pk}"


def object_url(diagnostic):
    return diagnostic.get_absolute_url()


def register():
    return register_report_kind(
        ReportKind(
            key=KEY,
            label="Rapport de diagnostic",
            model=Diagnostic,
            collect=collect,
            render_html=render_html,
            title=title,
            filename=filename,
            object_url=object_url,
            sections=section_choices,
            flags=FLAGS,
        )
    )
