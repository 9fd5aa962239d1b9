"""The diagnostic report rendered to PDF by WeasyPrint, read back with pdftotext: titles of the
chapters, the AFOM items, the key figures in French, the chosen sections only."""

import re
import subprocess
import zlib

import pytest

from essterritoire.reports.formats import NBSP, THOUSANDS
from essterritoire.reports.rendering import render_pdf
from tests.diagnostics.report_support import ITEMS, pdf_text, report_diagnostic

pytestmark = pytest.mark.django_db

CHAPTERS = (
    "Chiffres clés",
    "L'ESS sur le territoire",
    "Les acteurs",
    "Entretiens",
    "Enquête",
    "Matrice AFOM",
    "Calendrier des phases",
    "Méthode et sources",
)


@pytest.fixture
def diagnostic(workspace):
    return report_diagnostic(workspace)


def test_the_pdf_holds_the_chapters_the_afom_items_and_the_key_figures(diagnostic, tmp_path):
    rendered = render_pdf("diagnostic", diagnostic)
    text = pdf_text(rendered.pdf, tmp_path)
    assert rendered.pdf.startswith(b"%PDF")
    for title in (*CHAPTERS, "Sommaire", diagnostic.title):
        assert title in text
    for title in ITEMS.values():
        assert title in text
    # 1 200 ESS establishments among 1 500 employers. The document writes a narrow no-break
    # space for thousands and a no-break space before "%"; pdftotext gives both as a space.
    assert f"1{THOUSANDS}200" in rendered.html and f"80,0{NBSP}%" in rendered.html
    assert "1 200" in text and "1 500" in text and "80,0 %" in text
    assert "Annexe" not in text


def test_the_sections_option_leaves_chapters_out_of_the_document_and_its_toc(diagnostic, tmp_path):
    options = {"sections": ["chiffres-cles", "afom"]}
    text = pdf_text(render_pdf("diagnostic", diagnostic, options).pdf, tmp_path)
    assert "Chiffres clés" in text and "Matrice AFOM" in text
    for title in ("Entretiens", "Enquête", "Calendrier des phases", "Méthode et sources"):
        assert title not in text


def test_the_toc_gives_page_numbers(diagnostic, tmp_path):
    text = pdf_text(render_pdf("diagnostic", diagnostic).pdf, tmp_path)
    toc = text.split("\f")[1]
    lines = [line for line in toc.splitlines() if "Matrice AFOM" in line]
    assert lines and lines[0].rstrip()[-1].isdigit()


def test_every_page_after_the_cover_has_the_running_header_and_footer(diagnostic, tmp_path):
    rendered = render_pdf("diagnostic", diagnostic)
    pages = pdf_text(rendered.pdf, tmp_path).split("\f")[: rendered.pages]
    assert rendered.pages >= 4
    for number, page in enumerate(pages[1:], start=2):
        assert diagnostic.title in page, number
        assert f"Page {number} sur {rendered.pages}" in page
        assert f"{diagnostic.workspace.name} · document du" in page
    # The PDF is tagged (a structure tree) and in French; its catalog sits in a compressed
    # object stream, so read every stream.
    objects = rendered.pdf + b"".join(streams(rendered.pdf))
    assert b"/Lang (fr)" in objects and b"/StructTreeRoot" in objects
    info = subprocess.run(
        ["pdfinfo", "-"], input=rendered.pdf, capture_output=True, check=True
    ).stdout.decode()
    fields = dict(re.findall(r"^(\w+):\s+(.*)$", info, re.MULTILINE))
    assert fields["Title"] == diagnostic.title and fields["Tagged"] == "yes"
    assert fields["Author"] == diagnostic.workspace.name


def streams(pdf):
    """The decompressed content of the PDF's Flate streams."""
    for match in re.finditer(rb"stream\r?\n", pdf):
        start = match.end()
        end = pdf.find(b"endstream", start)
        try:
            yield zlib.decompress(pdf[start:end])
        except zlib.error:
            continue
