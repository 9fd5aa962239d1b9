"""Load the official territories (COG) from the committed data file, or another one."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essterritoire.territories import cog, loader


class Command(BaseCommand):
    help = (
        "Charge ou met à jour les régions, départements, EPCI, communes et anciens codes "
        "communaux du fichier COG (idempotent : une seconde exécution ne change rien)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(cog.DATA_FILE), help="fichier .json.gz à charger")

    def handle(self, *args, file, **options):
        start = time.perf_counter()
        try:
            outcomes = loader.load(cog.read(file))
        except cog.CogFileError as error:
            raise CommandError(str(error)) from None
        if options["verbosity"] >= 1:
            self._report(Path(file).name, outcomes, time.perf_counter() - start)

    def _report(self, name, outcomes, seconds):
        elapsed = f"{seconds:.1f}".replace(".", ",")
        self.stdout.write(f"Territoires de {name} :")
        for outcome in outcomes:
            self.stdout.write(f"  {outcome.line()}")
        if any(outcome.changed for outcome in outcomes):
            self.stdout.write(self.style.SUCCESS(f"Territoires chargés en {elapsed} s."))
            return
        counts = [f"{outcome.total} {outcome.label}" for outcome in outcomes]
        summary = f"{', '.join(counts[:-1])} et {counts[-1]}"
        message = f"Aucun changement : les {summary} sont déjà à jour ({elapsed} s)."
        self.stdout.write(self.style.SUCCESS(message))
