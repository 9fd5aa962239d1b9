"""python manage.py import_indicators PATH [--source NAME] [--dry-run] [--json]"""

import json

from django.core.management.base import BaseCommand, CommandError

from diagnostics.indicators.importer import import_file
from diagnostics.indicators.text import typo
from essterritoire.reports.formats import number


class Command(BaseCommand):
    help = (
        "Importe des données régionales (CSV ou XLSX, format long ou format Urssaf de l'ESS). "
        "Une seule erreur et rien n'est écrit ; relancer le même fichier ne change rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier .csv ou .xlsx")
        parser.add_argument(
            "--source",
            default="",
            help="source des valeurs quand le fichier n'a pas de colonne source "
            "(par défaut « Urssaf » pour le format Urssaf)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="tout vérifier et compter, ne rien écrire"
        )
        parser.add_argument("--json", action="store_true", help="sortie JSON")

    def handle(self, *args, **options):
        outcome = import_file(options["path"], source=options["source"], dry_run=options["dry_run"])
        if options["json"]:
            self.stdout.write(json.dumps(outcome.as_dict(), ensure_ascii=False, indent=2))
        else:
            self._write_lines(outcome)
        if outcome.errors:
            raise CommandError(
                typo(f"{number(len(outcome.errors))} erreur(s) : rien n'a été importé."),
                returncode=1,
            )

    def _write_lines(self, outcome):
        for error in outcome.errors:
            where = f"ligne {error['row']}" if error["row"] else "fichier"
            column = f", colonne {error['column']}" if error["column"] else ""
            value = f" « {error['value']} »" if error["value"] else ""
            self.stderr.write(typo(f"{where}{column}{value} : {error['reason']}"))
        if outcome.errors:
            return
        prefix = "Simulation : " if outcome.dry_run else ""
        self.stdout.write(
            typo(
                f"{prefix}{number(outcome.rows)} lignes lues ({outcome.layout_label}) : "
                f"{number(outcome.created)} valeurs créées, {number(outcome.updated)} mises à "
                f"jour, {number(outcome.unchanged)} inchangées."
            )
        )
