"""`manage.py render_ptce_sheet`: the PTCE sheet to a PDF file, with its pages and timings."""

import pytest
from django.core.management import CommandError, call_command

from tests.ptce.factories import PtceFactory, eligible_members

pytestmark = pytest.mark.django_db


def test_it_writes_the_sheet_and_tells_pages_size_and_timings(workspace, tmp_path, capsys):
    ptce = PtceFactory(workspace=workspace, name="PTCE des filières vertes")
    eligible_members(ptce)
    output = tmp_path / "fiche.pdf"
    call_command("render_ptce_sheet", str(ptce.pk), "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")
    out = capsys.readouterr().out
    assert "PTCE des filières vertes" in out and str(output) in out
    assert "pages" in out and "Ko" in out
    assert "Rassemblement des données" in out and "Mise en page du PDF" in out
    assert "Total" in out


def test_an_unknown_pole_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Aucun PTCE ne porte l'identifiant 4242"):
        call_command("render_ptce_sheet", "4242", "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()


def test_a_missing_folder_is_a_clear_error(workspace, tmp_path):
    ptce = PtceFactory(workspace=workspace)
    with pytest.raises(CommandError, match="n'existe pas"):
        call_command("render_ptce_sheet", str(ptce.pk), "--output", str(tmp_path / "no" / "x.pdf"))
