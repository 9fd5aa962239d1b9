"""python manage.py render_report DIAGNOSTIC_ID --output FILE.pdf [--sections KEY ...]
[--no-anonymise] [--annex]"""

import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from diagnostics.models import Diagnostic
from essterritoire.reports.formats import number
from essterritoire.reports.registry import report_kind
from essterritoire.reports.rendering import render_pdf

KIND = "diagnostic"


class Command(BaseCommand):
    help = (
        "Produit le rapport PDF d'un diagnostic, le même document que celui généré depuis "
        "l'application."
    )

    def add_arguments(self, parser):
        parser.add_argument("diagnostic_id", type=int)
        parser.add_argument("--output", required=True, help="fichier PDF à écrire")
        parser.add_argument(
            "--sections",
            nargs="+",
            metavar="CLE",
            help="parties à inclure (par défaut : celles retenues par défaut)",
        )
        parser.add_argument(
            "--no-anonymise",
            action="store_true",
            help="nommer les structures rencontrées sous leurs extraits d'entretien",
        )
        parser.add_argument(
            "--annex", action="store_true", help="ajouter l'annexe : liste des acteurs"
        )

    def handle(self, *args, diagnostic_id, output, **options):
        diagnostic = Diagnostic.objects.filter(pk=diagnostic_id).first()
        if diagnostic is None:
            raise CommandError(f"Diagnostic {diagnostic_id} introuvable.")
        chosen = {
            "anonymise": not options["no_anonymise"],
            "annex": options["annex"],
        }
        if options["sections"] is not None:
            chosen["sections"] = self._sections(options["sections"])
        # WeasyPrint logs every step and every CSS declaration it ignores: the command
        # reports pages and timings itself.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        rendered = render_pdf(KIND, diagnostic, chosen)
        Path(output).write_bytes(rendered.pdf)
        self._report(diagnostic, output, rendered)

    def _sections(self, keys):
        known = [choice.key for choice in report_kind(KIND).section_choices()]
        unknown = [key for key in keys if key not in known]
        if unknown:
            plural = "s" if len(unknown) > 1 else ""
            raise CommandError(
                f"Partie{plural} inconnue{plural} : {', '.join(unknown)}. "
                f"Parties possibles : {', '.join(known)}."
            )
        return keys

    def _report(self, diagnostic, output, rendered):
        timings = rendered.timings
        application = timings.get("collect", 0) + timings.get("html", 0)
        weasyprint = timings.get("layout", 0) + timings.get("write", 0)
        size = number(len(rendered.pdf) / 1024, 0)
        self.stdout.write(
            f"Rapport « {diagnostic.title} » écrit dans {output} : "
            f"{rendered.pages} pages, {size} Kio."
        )
        steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings.items())
        self.stdout.write(f"Durées : {steps} ; total {sum(timings.values()):.2f} s.")
        share = f"{100 * application / weasyprint:.0f} %" if weasyprint else "—"
        self.stdout.write(f"Part de l'application (données, HTML) / WeasyPrint : {share}.")
