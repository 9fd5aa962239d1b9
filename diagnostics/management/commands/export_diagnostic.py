from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from diagnostics.exchange.documents import export_json
from diagnostics.models import Diagnostic


class Command(BaseCommand):
    help = "Exporte un diagnostic en un document JSON (archivage, réutilisation, open data)."

    def add_arguments(self, parser):
        parser.add_argument("diagnostic_id", type=int)
        parser.add_argument("--output", help="fichier à écrire (par défaut : la sortie standard)")

    def handle(self, *args, diagnostic_id, output=None, **options):
        diagnostic = Diagnostic.objects.filter(pk=diagnostic_id).first()
        if diagnostic is None:
            raise CommandError(f"Diagnostic {diagnostic_id} introuvable.")
        text = export_json(diagnostic)
        if output:
            Path(output).write_text(text + "\n", encoding="utf-8")
            self.stderr.write(f"Diagnostic « {diagnostic.title} » exporté dans {output}.")
        else:
            self.stdout.write(text)
