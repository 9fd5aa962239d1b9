"""The whole demo diagnostic's report, every chapter and the annex, as `make demo` builds it."""

import pytest
from django.core.management import call_command

from diagnostics.models import Diagnostic
from essterritoire.reports.rendering import render_pdf
from tests.diagnostics.report_support import pdf_text


@pytest.mark.django_db
def test_the_demo_report_is_complete(tmp_path):
    call_command("load_territories", verbosity=0)
    call_command("seed_demo")
    diagnostic = Diagnostic.objects.get(title="Diagnostic partagé de l'ESS du Pays d'Ancenis")
    rendered = render_pdf("diagnostic", diagnostic, {"annex": True})
    assert 25 <= rendered.pages <= 40
    text = pdf_text(rendered.pdf, tmp_path)
    for title in ("Matrice AFOM", "Un réseau de réemploi structuré", "Annexe — Liste des acteurs"):
        assert title in text
    assert "@" not in text.split("Annexe — Liste des acteurs")[-1]
