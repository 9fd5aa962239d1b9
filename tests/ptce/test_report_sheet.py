"""The PTCE sheet (report kind "ptce"): its data, its fingerprint, and the PDF WeasyPrint
makes of it, read back with pdftotext."""

import json
import subprocess
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from actors.enums import ActorKind
from essterritoire.reports.registry import report_kind
from essterritoire.reports.rendering import fingerprint, render_html, render_pdf
from ptce.enums import LegalForm, MemberType
from ptce.models import Ptce
from ptce.report.pole import prepare_pole
from ptce.report.sheet import collect, filename, title
from tests.actors.factories import ActorFactory, EstablishmentFactory
from tests.ptce.factories import (
    AnimationYearFactory,
    CooperationProjectFactory,
    FundingLineFactory,
    MemberFactory,
    MutualisationFactory,
    PtceFactory,
    eligible_members,
)

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def pdf_text(pdf, tmp_path, page=None):
    """The PDF's text (one page, or all), spaces of every kind made plain."""
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = subprocess.run(
        ["pdftotext", "-layout", *pages, str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return " ".join(text.replace(NBSP, " ").replace("\u202f", " ").split())


def full_pole(workspace, members=3):
    """An eligible pole with an animation year, funding, a mutualisation and a project."""
    ptce = PtceFactory(workspace=workspace, name="Pôle des filières vertes d'Ancenis")
    eligible_members(ptce)
    for n in range(members - 3):
        MemberFactory(ptce=ptce, role=f"Membre du collège n°{n}", joined_on=date(2020, 1, 1))
    AnimationYearFactory(ptce=ptce, year=2025)
    FundingLineFactory(ptce=ptce, year=2025, funder="Région Pays de la Loire")
    MutualisationFactory(ptce=ptce).members.add(*ptce.members.all()[:2])
    CooperationProjectFactory(ptce=ptce, title="Légumerie partagée")
    return ptce


def test_the_kind_is_registered_without_sections_or_flags():
    kind = report_kind("ptce")
    assert kind.label == "Fiche PTCE" and kind.model is Ptce
    assert kind.section_choices() == () and kind.flags == ()
    assert kind.clean_options({"sections": ["x"], "annex": True}) == {"sections": []}


def test_title_and_file_name_without_accents(workspace):
    ptce = PtceFactory(workspace=workspace, name="Pôle Écoconstruction & Éco-tourisme")
    assert title(ptce) == "Fiche PTCE — Pôle Écoconstruction & Éco-tourisme"
    assert filename(ptce) == "fiche-ptce-pole-ecoconstruction-eco-tourisme"
    assert report_kind("ptce").object_url(ptce) == ptce.get_absolute_url()


def test_the_pdf_names_the_pole_its_members_verdict_and_medians(workspace, tmp_path):
    ptce = full_pole(workspace)
    names = list(ptce.members.values_list("actor__name", flat=True))
    rendered = render_pdf("ptce", ptce)
    text = pdf_text(rendered.pdf, tmp_path)
    assert "Pôle des filières vertes d'Ancenis" in text
    assert all(name in text for name in names)
    assert "Éligible au sens du décret n° 2015-431" in text
    assert "152 000 € (médiane)" in text and "32,0 % (médiane)" in text
    assert "11 (médiane)" in text and "5 000 000 € (médiane)" in text
    assert "RTES, étude sur 42 PTCE" in text
    assert "Légumerie partagée" in text and "Région Pays de la Loire" in text
    assert 2 <= rendered.pages <= 4
    assert rendered.pdf.startswith(b"%PDF")


def test_a_pole_lacking_partners_says_what_is_missing(workspace, tmp_path):
    ptce = PtceFactory(workspace=workspace, legal_form=LegalForm.INFORMAL)
    MemberFactory(ptce=ptce, actor=ActorFactory(workspace=workspace, kind=ActorKind.ASSOCIATION))
    text = pdf_text(render_pdf("ptce", ptce).pdf, tmp_path)
    assert "Non éligible au sens du décret" in text
    assert "Au moins une entreprise hors ESS." in text
    assert "Le pôle est un groupement informel" in text
    assert "non renseigné" in text  # benchmark measures without data


def test_the_html_preview_is_the_same_document_for_the_screen(workspace):
    ptce = full_pole(workspace)
    html = render_html("ptce", ptce, media="screen")
    assert '<html lang="fr">' in html and "css/report.css" in html
    assert "<style>" not in html and f'href="{ptce.get_absolute_url()}"' in html
    assert html.count("<h1") == 1 and 'scope="col"' in html and "<caption>" in html
    printed = render_html("ptce", ptce, media="print")
    assert "@page ptce-sheet" in printed


def test_many_members_flow_onto_further_pages_with_the_header_repeated(workspace, tmp_path):
    ptce = full_pole(workspace, members=45)
    rendered = render_pdf("ptce", ptce)
    assert 2 <= rendered.pages <= 4
    pages = [pdf_text(rendered.pdf, tmp_path, page) for page in range(1, rendered.pages + 1)]
    with_header = [n for n, text in enumerate(pages, 1) if "Structure Type (article 9)" in text]
    assert len(with_header) >= 2, with_header
    last = ptce.members.order_by("-actor__normalized_name").first().actor.name
    assert last in " ".join(pages)
    assert "Au moins 3 personnes morales membres 45 membres actuels" in " ".join(pages)


def test_the_demo_sheet_has_two_to_four_pages(tmp_path):
    call_command("load_territories", verbosity=0)
    call_command("seed_demo")
    ptce = Ptce.objects.get()
    rendered = render_pdf("ptce", ptce)
    assert 2 <= rendered.pages <= 4, rendered.pages
    text = pdf_text(rendered.pdf, tmp_path)
    assert "PTCE filières vertes du Pays d'Ancenis" in text
    assert "Communauté de communes du Pays d'Ancenis" in text
    assert "Éligible au sens du décret" in text


# The data and their fingerprint


def test_the_data_are_plain_json(workspace):
    data = collect(full_pole(workspace))
    assert json.loads(json.dumps(data)) == data
    assert data["animation"][0]["budget"] == "150000.00"
    member = data["members"][0]
    assert set(member) == {
        "name",
        "type",
        "type_label",
        "role",
        "joined_on",
        "left_on",
        "employees",
        "size_band",
        "budget",
    }


def test_the_fingerprint_changes_when_a_member_joins_and_not_otherwise(workspace):
    ptce = full_pole(workspace)
    before = fingerprint(collect(ptce))
    assert fingerprint(collect(Ptce.objects.get(pk=ptce.pk))) == before
    PtceFactory(workspace=workspace)  # another pole changes nothing of this one
    MemberFactory(ptce=PtceFactory(workspace=workspace))
    assert fingerprint(collect(ptce)) == before
    MemberFactory(ptce=ptce)
    assert fingerprint(collect(ptce)) != before


def test_what_depends_on_the_day_is_worked_out_at_rendering(workspace):
    """A departure dated next month leaves the data alone and changes the verdict then."""
    ptce = PtceFactory(workspace=workspace)
    members = eligible_members(ptce)
    today = timezone.localdate()
    company = next(m for m in members if m.member_type == MemberType.COMPANY)
    company.left_on = today + timedelta(days=30)
    company.save()
    data = collect(ptce)
    now = prepare_pole(data, today, with_chart=False)
    later = prepare_pole(data, today + timedelta(days=31), with_chart=False)
    assert now["eligibility"]["eligible"] and not later["eligibility"]["eligible"]
    assert "Au moins une entreprise hors ESS." in later["eligibility"]["missing"]
    assert later["composition"]["count"] == 2 and len(later["composition"]["former"]) == 1


def test_collecting_reads_a_fixed_number_of_queries(workspace, django_assert_max_num_queries):
    ptce = full_pole(workspace)
    mutualisation = MutualisationFactory(ptce=ptce)
    project = CooperationProjectFactory(ptce=ptce)
    for n in range(40):
        actor = ActorFactory(workspace=workspace, establishment=EstablishmentFactory())
        member = MemberFactory(ptce=ptce, actor=actor, budget=Decimal(1000 * n))
        mutualisation.members.add(member)
        project.members.add(member)
        FundingLineFactory(ptce=ptce, year=2000 + n % 20, funder=f"Fondation n°{n}")
        AnimationYearFactory(ptce=ptce, year=2030 + n)
    ptce = Ptce.objects.get(pk=ptce.pk)
    with django_assert_max_num_queries(12):
        data = collect(ptce)
    assert len(data["members"]) == 43 and len(data["funding"]) == 41
    assert len(data["mutualisations"][-1]["members"]) == 40


def test_the_sheet_page_offers_no_options_and_says_so(client_for, editor_user, workspace):
    from django.urls import reverse

    from essterritoire.reports.services import request_snapshot

    ptce = PtceFactory(workspace=workspace)
    request_snapshot("ptce", ptce)
    page = client_for(editor_user).get(reverse("reports:object-reports", args=["ptce", ptce.pk]))
    text = page.content.decode()
    assert "Générer le PDF" in text and "Document complet" in text
    assert "avec ces options" not in text and 'name="sections"' not in text
