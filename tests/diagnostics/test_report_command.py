"""python manage.py render_report: the same PDF as the application, clear French errors."""

import pytest
from django.core.management import CommandError, call_command

from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.report_support import pdf_text

pytestmark = pytest.mark.django_db


def test_it_writes_the_pdf_and_reports_pages_and_timings(workspace, tmp_path, capsys):
    diagnostic = DiagnosticFactory(workspace=workspace)
    output = tmp_path / "rapport.pdf"
    call_command(
        "render_report", diagnostic.pk, "--output", str(output), "--sections", "calendrier",
        "--annex",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert output.read_bytes().startswith(b"%PDF")
    assert "pages" in out and "Kio" in out and "layout" in out and "write" in out
    text = pdf_text(output.read_bytes(), tmp_path)
    assert "Calendrier des phases" in text and "Annexe" in text
    assert "Méthode et sources" not in text


def test_an_unknown_diagnostic_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Diagnostic 999999 introuvable"):
        call_command("render_report", 999999, "--output", str(tmp_path / "x.pdf"))


def test_an_unknown_section_lists_the_valid_keys(workspace, tmp_path):
    diagnostic = DiagnosticFactory(workspace=workspace)
    with pytest.raises(CommandError) as error:
        call_command(
            "render_report", diagnostic.pk, "--output", str(tmp_path / "x.pdf"),
            "--sections", "afom", "swot",
        )  # fmt: skip
    message = str(error.value)
    assert "Partie inconnue : swot" in message
    assert "chiffres-cles" in message and "methode" in message
    assert not (tmp_path / "x.pdf").exists()
