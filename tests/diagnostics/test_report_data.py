"""The diagnostic report's data and HTML: plain JSON, a stable fingerprint, bounded queries,
anonymised excerpts, an annex of public data only, lateness decided when rendering."""

import json
from datetime import date

import pytest

from diagnostics.models import Diagnostic, IndicatorImport
from diagnostics.report.sections_phases import collect_method, prepare_phases
from essterritoire.reports.registry import report_kind
from essterritoire.reports.rendering import fingerprint, render_html
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.report_support import (
    ACTOR_NAME,
    CONTACT_EMAIL,
    CONTACT_NAME,
    CONTACT_PHONE,
    EXCERPT,
    report_diagnostic,
)

pytestmark = pytest.mark.django_db

SECTION_KEYS = [
    "chiffres-cles",
    "territoire",
    "acteurs",
    "entretiens",
    "enquete",
    "afom",
    "calendrier",
    "methode",
]


@pytest.fixture
def diagnostic(workspace):
    return report_diagnostic(workspace)


def collect(diagnostic):
    return report_kind("diagnostic").collect(Diagnostic.objects.get(pk=diagnostic.pk))


def test_the_kind_offers_the_sections_in_order_and_two_flags():
    kind = report_kind("diagnostic")
    keys = [choice.key for choice in kind.section_choices()]
    assert [key for key in keys if key in SECTION_KEYS] == SECTION_KEYS
    assert kind.default_options() == {"sections": keys, "anonymise": True, "annex": False}
    assert {flag.key: flag.default for flag in kind.flags} == {"anonymise": True, "annex": False}


def test_title_filename_and_url(workspace):
    diagnostic = DiagnosticFactory(
        workspace=workspace, title="Diagnostic partagé de l'ESS à Ancenis"
    )
    kind = report_kind("diagnostic")
    assert kind.title(diagnostic) == diagnostic.title
    assert kind.filename(diagnostic) == "rapport-diagnostic-partage-de-less-a-ancenis"
    assert kind.object_url(diagnostic) == diagnostic.get_absolute_url()


def test_collected_data_are_plain_json_with_every_section(diagnostic):
    data = collect(diagnostic)
    json.dumps(data)  # no Decimal, date or lazy text left
    assert set(SECTION_KEYS) <= set(data["sections"])
    assert all(data["sections"][key] is not None for key in SECTION_KEYS)
    assert data["document"]["title"] == diagnostic.title


def test_the_fingerprint_is_stable_and_follows_the_afom_items(diagnostic):
    first = fingerprint(collect(diagnostic))
    assert fingerprint(collect(diagnostic)) == first
    item = diagnostic.afom_items.first()
    item.title = "Un intitulé reformulé"
    item.save()
    assert fingerprint(collect(diagnostic)) != first


def test_rendering_leaves_the_collected_data_unchanged(diagnostic):
    data = collect(diagnostic)
    before = fingerprint(data)
    kind = report_kind("diagnostic")
    kind.render_html(diagnostic, data, kind.clean_options({"annex": True}), media="print")
    assert fingerprint(data) == before


def test_collect_runs_a_bounded_number_of_queries(workspace, django_assert_max_num_queries):
    big = report_diagnostic(workspace, actors=25, interviews=12, items_per_quadrant=6)
    big = Diagnostic.objects.get(pk=big.pk)
    with django_assert_max_num_queries(60):
        data = report_kind("diagnostic").collect(big)
    assert len(data["sections"]["acteurs"]["annex"]) == 25
    assert sum(len(q["items"]) for q in data["sections"]["afom"]["quadrants"]) == 24


def excerpt_footers(html):
    part = html.split('id="entretiens-extraits"')[1]
    return [chunk.split("</footer>")[0] for chunk in part.split("<footer>")[1:]]


def test_excerpts_are_anonymised_unless_told_otherwise(diagnostic):
    anonymous = render_html("diagnostic", diagnostic, {"sections": ["entretiens"]})
    named = render_html("diagnostic", diagnostic, {"sections": ["entretiens"], "anonymise": False})
    assert EXCERPT in anonymous and EXCERPT in named
    assert any("Une structure de l&#x27;ESS, association" in f for f in excerpt_footers(anonymous))
    assert not any(ACTOR_NAME in footer for footer in excerpt_footers(anonymous))
    assert any(ACTOR_NAME in footer for footer in excerpt_footers(named))


def test_afom_evidence_follows_the_anonymise_option(diagnostic):
    anonymous = render_html("diagnostic", diagnostic, {"sections": ["afom"]})
    named = render_html("diagnostic", diagnostic, {"sections": ["afom"], "anonymise": False})
    assert EXCERPT in anonymous
    assert ACTOR_NAME not in anonymous
    assert ACTOR_NAME in named


def test_the_annex_lists_public_data_never_contacts(diagnostic):
    html = render_html("diagnostic", diagnostic, {"sections": [], "annex": True})
    assert "Annexe — Liste des acteurs" in html and ACTOR_NAME in html
    for private in (CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE, "@asso.fr", "02 40 00 00 00"):
        assert private not in html
    assert "Annexe" not in render_html("diagnostic", diagnostic, {"sections": []})


def test_the_whole_report_never_shows_contacts_or_free_text_answers(diagnostic):
    html = render_html("diagnostic", diagnostic, {"annex": True, "anonymise": False})
    for private in (CONTACT_NAME, CONTACT_EMAIL, CONTACT_PHONE):
        assert private not in html


def test_sections_left_out_are_out_of_the_toc(diagnostic):
    html = render_html("diagnostic", diagnostic, {"sections": ["afom", "methode"]})
    assert 'href="#sec-afom"' in html and 'href="#afom-atout"' in html
    assert 'href="#sec-methode"' in html
    assert 'href="#sec-entretiens"' not in html and 'id="sec-entretiens"' not in html


def test_a_diagnostic_without_data_leaves_its_empty_chapters_out(workspace):
    empty = DiagnosticFactory(workspace=workspace)
    data = collect(empty)
    for key in ("acteurs", "entretiens", "enquete", "afom"):
        assert data["sections"][key] is None
    html = render_html("diagnostic", empty)
    assert 'id="sec-chiffres-cles"' in html and 'id="sec-methode"' in html
    assert 'id="sec-afom"' not in html and 'href="#sec-afom"' not in html


def test_lateness_is_decided_when_rendering(diagnostic):
    data = collect(diagnostic)["sections"]["calendrier"]
    assert "late" not in json.dumps(data)
    early = prepare_phases(data, {}, today=date(2026, 1, 20))
    # The CRESS method's phase 1 runs six months from 15/01/2026.
    later = prepare_phases(data, {}, today=date(2026, 8, 1))
    assert early["late"] == []
    assert [row["number"] for row in later["late"]] == [1]


def test_the_method_lists_only_the_regional_imports_written(diagnostic):
    # An upload still being checked, refused or given up wrote nothing: not a source.
    done = IndicatorImport.objects.create(file_name="cress-2022.csv", rows=5, created=5)
    for status in ("checking", "checked", "refused", "canceled", "failed"):
        IndicatorImport.objects.create(file_name=f"{status}.csv", status=status)
    imports = collect_method(diagnostic)["regional"]["imports"]
    assert [row["file"] for row in imports] == [done.file_name]
