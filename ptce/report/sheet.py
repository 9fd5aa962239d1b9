"""The PTCE sheet: a 2-4 page A4 document on one pole (identity, members, governance, budget
and funding, mutualisations and projects, eligibility, benchmark), registered as the report
kind "ptce". The same template gives the browser preview and, through WeasyPrint, the PDF."""

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from essterritoire.reports.formats import NBSP, day
from essterritoire.reports.registry import ReportKind
from essterritoire.reports.rendering import report_css
from ptce.models import Ptce
from ptce.report.collect import ptces_data
from ptce.report.pole import prepare_pole

TEMPLATE = "reports/ptce/sheet.html"


def collect(ptce):
    """The pole's data (JSON, fingerprinted), read in a fixed number of queries."""
    return ptces_data(Ptce.objects.filter(pk=ptce.pk))[0]


def title(ptce):
    return f"Fiche PTCE — {ptce.name}"


def filename(ptce):
    return slugify(f"fiche-ptce-{ptce.name}")[:120] or f"fiche-ptce-{ptce.pk}"


def object_url(ptce):
    return ptce.get_absolute_url()


def document_context(ptce, data, media, generated_at):
    workspace = data["workspace"]
    return {
        "title": title(ptce),
        "author": workspace,
        "description": (
            f"Fiche du pôle territorial de coopération économique {data['name']}{NBSP}: "
            "identité, membres, gouvernance, financements, mutualisations, éligibilité au "
            f"décret n°{NBSP}2015-431 et repères de l'étude du RTES sur 42 PTCE."
        ),
        "keywords": "PTCE, pôle territorial de coopération économique, ESS, RTES",
        "generated_at": generated_at,
        "css": report_css() if media == "print" else "",
        "footer": f"{workspace} — fiche PTCE du {day(timezone.localdate(generated_at))}",
        "back_url": object_url(ptce),
    }


def render_html(ptce, data, options, *, media="screen"):
    generated_at = timezone.now()
    today = timezone.localdate(generated_at)
    context = {
        "document": document_context(ptce, data, media, generated_at),
        "pole": prepare_pole(data, today),
        "generated_on": day(today),
        "options": options,
        "media": media,
    }
    return render_to_string(TEMPLATE, context)


PTCE_SHEET = ReportKind(
    key="ptce",
    label="Fiche PTCE",
    model=Ptce,
    collect=collect,
    render_html=render_html,
    title=title,
    filename=filename,
    object_url=object_url,
)
