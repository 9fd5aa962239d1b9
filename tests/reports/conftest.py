"""A small report kind registered for these tests only, so that they do not depend on the
diagnostic report or the PTCE sheet: about a Diagnostic, two sections and one flag."""

import pytest
from django.template import engines

from diagnostics.models import Diagnostic
from essterritoire.reports import registry
from essterritoire.reports.registry import Choice, ReportKind
from essterritoire.reports.rendering import report_css
from essterritoire.reports.signals import watch_deletions
from tests.diagnostics.factories import DiagnosticFactory

KIND = "essai"

DOCUMENT = """{% extends "reports/base_document.html" %}
{% block content %}
<h1>{{ diagnostic.title }}</h1>
{% if "summary" in options.sections %}<section class="r-chapter"><h2>Synthèse du territoire</h2>
<p>{{ data.description|default:"Pas de description." }}</p></section>{% endif %}
{% if "details" in options.sections %}<section class="r-chapter"><h2>Détails des acteurs</h2>
<p>{% if options.anonymise %}Extraits anonymisés.{% else %}Extraits nominatifs.{% endif %}</p>
</section>{% endif %}
{% endblock %}"""


class Calls:
    """What the kind saw while rendering: the hooks tests set to look inside a rendering."""

    def __init__(self):
        self.collect_hook = None
        self.html_hook = None
        self.collects = 0


def make_kind(calls):
    def collect(diagnostic):
        calls.collects += 1
        if calls.collect_hook:
            calls.collect_hook(diagnostic)
        return {"title": diagnostic.title, "description": diagnostic.description}

    def render_html(diagnostic, data, options, *, media):
        if calls.html_hook:
            calls.html_hook(diagnostic)
        document = {
            "title": f"Essai — {diagnostic.title}",
            "author": "essterritoire",
            "css": report_css() if media == "print" else "",
            "footer": diagnostic.title,
            "back_url": diagnostic.get_absolute_url(),
        }
        context = {"diagnostic": diagnostic, "data": data, "options": options}
        template = engines["django"].from_string(DOCUMENT)
        return template.render({**context, "document": document, "media": media})

    return ReportKind(
        key=KIND,
        label="Rapport d'essai",
        model=Diagnostic,
        collect=collect,
        render_html=render_html,
        title=lambda diagnostic: diagnostic.title,
        filename=lambda diagnostic: f"essai {diagnostic.title}",
        object_url=lambda diagnostic: diagnostic.get_absolute_url(),
        sections=(
            Choice("summary", "Synthèse", help_text="Les chiffres clés du territoire."),
            Choice("details", "Détails", default=False, help_text="La liste des acteurs."),
        ),
        flags=(Choice("anonymise", "Extraits anonymisés", help_text="Sans noms propres."),),
    )


@pytest.fixture
def report_calls(monkeypatch):
    """Registers the test kind for the test; gives its Calls."""
    calls = Calls()
    kind = make_kind(calls)
    monkeypatch.setitem(registry._KINDS, KIND, kind)
    watch_deletions(kind.model)
    return calls


@pytest.fixture
def test_kind(report_calls):
    return registry.report_kind(KIND)


@pytest.fixture
def diagnostic(workspace, test_kind):
    return DiagnosticFactory(workspace=workspace, description="Un territoire rural et solidaire.")
