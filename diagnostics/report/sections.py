"""The sections diagnostics adds to its report; ptce adds "Plan d'action" (70) and "PTCE" (90)
from its own AppConfig.ready()."""

from diagnostics.report import (
    sections_actors,
    sections_afom,
    sections_figures,
    sections_interviews,
    sections_phases,
    sections_survey,
)
from diagnostics.report.registry import ReportSection, register_report_section

TEMPLATES = "reports/diagnostic/sections/"
SECTIONS = (
    ReportSection(
        "chiffres-cles",
        "Chiffres clés",
        10,
        sections_figures.collect_key_figures,
        TEMPLATES + "chiffres_cles.html",
    ),
    ReportSection(
        "territoire",
        "L'ESS sur le territoire",
        20,
        sections_figures.collect_territory,
        TEMPLATES + "territoire.html",
        prepare=sections_figures.prepare_territory,
        help_text="Graphiques et tableaux par famille, secteur et taille, comparaisons.",
    ),
    ReportSection(
        "acteurs",
        "Les acteurs",
        30,
        sections_actors.collect_actors,
        TEMPLATES + "acteurs.html",
        prepare=sections_actors.prepare_actors,
    ),
    ReportSection(
        "entretiens",
        "Entretiens",
        40,
        sections_interviews.collect_interviews,
        TEMPLATES + "entretiens.html",
    ),
    ReportSection(
        "enquete",
        "Enquête",
        50,
        sections_survey.collect_survey,
        TEMPLATES + "enquete.html",
        prepare=sections_survey.prepare_survey,
        help_text="Résultats agrégés seulement.",
    ),
    ReportSection(
        "afom",
        "Matrice AFOM",
        60,
        sections_afom.collect_afom,
        TEMPLATES + "afom.html",
        prepare=sections_afom.prepare_afom,
    ),
    ReportSection(
        "calendrier",
        "Calendrier des phases",
        80,
        sections_phases.collect_phases,
        TEMPLATES + "calendrier.html",
        prepare=sections_phases.prepare_phases,
    ),
    ReportSection(
        "methode",
        "Méthode et sources",
        100,
        sections_phases.collect_method,
        TEMPLATES + "methode.html",
    ),
)


def register():
    for section in SECTIONS:
        register_report_section(section)
