"""Import the SIRENE stock files (establishments and legal units) into the reference data."""

import json
import logging

from django.core.management.base import BaseCommand, CommandError

from actors.sirene.importer import import_sirene
from actors.sirene.locate import territories_from
from actors.sirene.summary import french_lines
from actors.sirene.text import typo
from essterritoire.territories.refs import TerritoryRefError


class Command(BaseCommand):
    help = typo(
        "Importe un fichier StockEtablissement (et le StockUniteLegale qui va avec) : .csv ou "
        ".zip, UTF-8, colonnes lues par leur nom. Garde les établissements situés dans les "
        "territoires donnés (toute la France par défaut) ; un ancien code commune est rattaché "
        "à la commune actuelle ; un code absent du COG (étranger « 99… », vide) compte "
        "« hors territoire ». Mise à jour par SIRET : relancer le même fichier ne change rien. "
        "Toute erreur : rien n'est écrit, code de sortie non nul. Salariés de l'ESS : somme "
        "des bornes basses et hautes des tranches d'effectifs des établissements employeurs, "
        "et une estimation centrale, le milieu de ces deux sommes (arrondi), la tranche "
        "ouverte « 10 000 et plus » comptée 10 000. Avec des erreurs, seules les erreurs "
        "comptent (les autres chiffres du bilan sont partiels)."
    )

    # The import checks its own input; the project-wide checks would only slow its start.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("--etablissements", required=True, help="fichier StockEtablissement")
        parser.add_argument("--unites-legales", help="fichier StockUniteLegale")
        parser.add_argument(
            "--territory",
            action="extend",
            nargs="+",
            default=[],
            metavar="KIND:CODE",
            help="territoire(s) à garder, par exemple epci:244400552 reg:52",
        )
        parser.add_argument("--dry-run", action="store_true", help="simulation : rien n'est écrit")
        parser.add_argument("--json", action="store_true", help="bilan en JSON sur la sortie")

    def handle(self, *args, **options):
        try:
            territories = territories_from(options["territory"])
        except TerritoryRefError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] > 2:  # the time of each step on PostgreSQL, for benchmarks
            logging.getLogger("actors.sirene.postgres").setLevel(logging.DEBUG)
        summary = import_sirene(
            options["etablissements"],
            options["unites_legales"],
            territories,
            dry_run=options["dry_run"],
            progress=self.progress if options["verbosity"] > 1 else None,
        )
        self.show(summary, options)
        if summary["errors"]:
            count = len(summary["errors"])
            raise CommandError(typo(f"{count} erreur(s) : rien n'a été écrit."))

    def progress(self, percent, label):
        self.stderr.write(f"{percent:3d} % {label}")

    def show(self, summary, options):
        if options["json"]:
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        if not summary["errors"]:
            for line in french_lines(summary, options["dry_run"]):
                self.stdout.write(typo(line))
        for error in summary["errors"]:
            self.stdout.write(self.style.ERROR(typo(error_line(error))))


def error_line(error):
    """An error as a French sentence naming its file, row, column and value."""
    where = [error["file"]]
    if error["row"]:
        where.append(f"ligne {error['row']}")
    if error["column"]:
        where.append(f"colonne {error['column']}")
    if error["value"]:
        where.append(f"valeur « {error['value']} »")
    return f"{', '.join(where)} : {error['reason']}"
