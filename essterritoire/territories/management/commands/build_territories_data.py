"""Regenerate the compact COG data file from a @etalab/decoupage-administratif release."""

from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essterritoire.territories import cog


class Command(BaseCommand):
    help = (
        "Construit le fichier compact des territoires (régions, départements, EPCI, communes, "
        "anciens codes) à partir du dossier data/ d'une version de @etalab/decoupage-administratif."
    )

    def add_arguments(self, parser):
        parser.add_argument("source_dir", help="dossier contenant communes.json, epci.json, etc.")
        parser.add_argument(
            "--output", default=str(cog.DATA_FILE), help="fichier .json.gz à écrire"
        )

    def handle(self, *args, source_dir, output, **options):
        if not Path(source_dir).is_dir():
            raise CommandError(f"Dossier introuvable : {source_dir}")
        try:
            data = cog.build(source_dir)
        except (cog.CogFileError, KeyError) as error:
            raise CommandError(f"Données source illisibles : {error}") from None
        cog.write(data, output)
        counts = Counter({key: len(data[key]) for key in cog.FIELDS})
        size = Path(output).stat().st_size / 1024
        self.stdout.write(
            f"{output} écrit ({size:.0f} Kio, {data['source']}) : {counts['reg']} régions, "
            f"{counts['dep']} départements, {counts['epci']} EPCI, {counts['com']} communes, "
            f"{counts['old']} anciens codes."
        )
