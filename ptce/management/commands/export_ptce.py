"""Print a PTCE: members, consolidated figures, funding, mutualisations, eligibility under
decree 2015-431 and the benchmark against the RTES study of 42 PTCE.

    python manage.py export_ptce 12          a summary in French
    python manage.py export_ptce 12 --json   the JSON document

In the JSON document, every Decimal value (amounts, FTE, shares, gaps, medians) is a string in
plain notation with a dot ("152000.00", "31.6"), so that no amount goes through a binary float;
counts and years are numbers; dates are ISO 8601 strings; a missing value is null.
"""

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.formats import number_format

from ptce.enums import FundingNature, FundingOrigin
from ptce.models import Ptce
from ptce.rules import BENCHMARK_SOURCE
from ptce.selectors_poles import ptce_document, ptce_sheet

NBSP = "\u00a0"


UNIT_SUFFIX = {
    "euros": f"{NBSP}€",
    "pourcentage": f"{NBSP}%",
    "points": f"{NBSP}pt",
    "etp": f"{NBSP}ETP",
}


def number(value, most_decimals=0):
    """1 234,5: French grouping, no trailing zeros, at most `most_decimals` decimals."""
    exponent = Decimal(value).normalize().as_tuple().exponent
    decimals = min(max(-exponent, 0), most_decimals)
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def euros(value):
    return "non renseigné" if value is None else f"{number(value, 2)}{NBSP}€"


def in_unit(value, unit, signed=False):
    if value is None:
        return "non renseigné"
    sign = "+" if signed and value > 0 else ""
    return f"{sign}{number(value, 2)}{UNIT_SUFFIX.get(unit, '')}"


def colon(label):
    return f"{label}{NBSP}:"


class Command(BaseCommand):
    help = (
        "Affiche un PTCE (membres, chiffres, financements, mutualisations, éligibilité, "
        "repères RTES). --json : le document JSON (montants en chaînes décimales)."
    )

    def add_arguments(self, parser):
        parser.add_argument("id", type=int, help="numéro du PTCE")
        parser.add_argument("--json", action="store_true", help="sortie JSON")

    def handle(self, *args, **options):
        ptce = (
            Ptce.objects.select_related("perimeter", "pilot", "workspace")
            .filter(pk=options["id"])
            .first()
        )
        if ptce is None:
            raise CommandError(f"PTCE n°{NBSP}{options['id']} introuvable.")
        with translation.override("fr"):
            sheet = ptce_sheet(ptce)
            if options["json"]:
                document = ptce_document(sheet)
                self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            else:
                self.stdout.write("\n".join(self.summary(sheet)))

    def summary(self, sheet):
        ptce = sheet.ptce
        return [
            *self.identity(ptce),
            "",
            *self.eligibility(sheet.eligibility),
            "",
            *self.members(sheet),
            "",
            *self.animation(sheet.years),
            "",
            *self.funding(sheet.funding),
            "",
            *self.parts(sheet),
            "",
            *self.benchmark(sheet.benchmark),
        ]

    def identity(self, ptce):
        perimeter = f"{ptce.perimeter.name} ({ptce.perimeter.ref})" if ptce.perimeter_id else "—"
        return [
            f"{ptce.name} (PTCE n°{NBSP}{ptce.pk}, espace «{NBSP}{ptce.workspace}{NBSP}»)",
            f"{colon('Stade')} {ptce.get_stage_display().lower()} · "
            f"{colon('forme juridique')} {ptce.get_legal_form_display() or 'non renseignée'}",
            f"{colon('Périmètre')} {perimeter}",
            f"{colon('Filières')} {', '.join(ptce.sector_labels) or 'non renseignées'}",
        ]

    def eligibility(self, eligibility):
        answer = "oui" if eligibility.eligible else "non"
        lines = [f"{colon(f'Éligible au sens du décret n°{NBSP}2015-431')} {answer}"]
        return lines + [f"  manque{NBSP}: {reason}" for reason in eligibility.missing]

    def members(self, sheet):
        figures = sheet.figures
        lines = [colon(f"Membres ({figures.members} actuels sur {len(sheet.members)})")]
        for member in sheet.members:
            lines.append(f"  - {self.member_line(member)}")
        lines.append(
            f"{colon('Chiffres consolidés')} {figures.members} structures ({figures.ess} de "
            f"l'ESS, {figures.non_ess} autres), {number(figures.employees)} salariés "
            f"({figures.employees_estimated} estimés d'après la tranche SIRENE, "
            f"{figures.employees_unknown} inconnus), budget consolidé {euros(figures.budget)}"
        )
        return lines

    def member_line(self, member):
        parts = [member.actor.name]
        if member.actor.siret:
            parts[0] += f" (SIRET {member.actor.siret})"
        parts.append(member.get_member_type_display())
        parts += [member.role] if member.role else []
        if member.joined_on:
            parts.append(f"entré le {member.joined_on:%d/%m/%Y}")
        if member.left_on:
            parts.append(f"sorti le {member.left_on:%d/%m/%Y}")
        return " — ".join(parts)

    def animation(self, years):
        lines = [colon("Cellule d'animation")] if years else ["Cellule d'animation non renseignée"]
        for year in years:
            share = in_unit(year.self_financing_share, "pourcentage")
            lines.append(
                f"  {colon(str(year.year))} budget {euros(year.budget)}, "
                f"{in_unit(year.fte, 'etp')}, autofinancé {euros(year.self_financed)} ({share})"
            )
        return lines

    def funding(self, years):
        lines = [colon("Financements")] if years else ["Aucun financement renseigné"]
        for funding in years:
            natures = ", ".join(
                f"{n.label.lower()} {euros(funding.by_nature.get(n.value, 0))}"
                for n in FundingNature
            )
            origins = ", ".join(
                f"{o.label.lower()} {euros(funding.by_origin.get(o.value, 0))}"
                for o in FundingOrigin
            )
            lines.append(
                f"  {colon(str(funding.year))} {euros(funding.total)} ({natures}{NBSP}; "
                f"{origins}){NBSP}; {len(funding.collectivites)} collectivité(s) pour "
                f"{euros(funding.collectivite_amount)}"
            )
        return lines

    def parts(self, sheet):
        lines = [colon("Mutualisations")] if sheet.mutualisations else ["Aucune mutualisation"]
        for mutualisation in sheet.mutualisations:
            names = ", ".join(m.actor.name for m in mutualisation.members.all())
            lines.append(
                f"  - {colon(mutualisation.get_kind_display())} {mutualisation.description}"
                + (f" ({names})" if names else "")
            )
        lines.append(colon("Projets de coopération") if sheet.projects else "Aucun projet")
        for project in sheet.projects:
            lines.append(f"  - {project.title} ({project.get_status_display().lower()})")
        return lines

    def benchmark(self, measures):
        lines = [colon(f"Repères ({BENCHMARK_SOURCE})")]
        for measure in measures:
            ref = measure.reference
            year = f" ({measure.year})" if measure.year else ""
            unit = "points" if ref.unit == "pourcentage" else ref.unit
            gap = "" if measure.gap is None else f", écart {in_unit(measure.gap, unit, True)}"
            lines.append(
                f"  - {colon(ref.label + year)} {in_unit(measure.value, ref.unit)} — "
                f"{ref.statistic} {in_unit(ref.median, ref.unit)}{gap}"
            )
        return lines
