from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from diagnostics.exchange.documents import DocumentError, import_diagnostic, parse_json
from essterritoire.accounts.models import Workspace


class Command(BaseCommand):
    help = (
        "Recrée un diagnostic à partir d'un document JSON exporté ; les acteurs sont retrouvés "
        "par SIRET, sinon par nom, sinon créés. Un document non conforme n'écrit rien."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--workspace", required=True, help="identifiant (slug) de l'espace")

    def handle(self, *args, file, workspace, **options):
        target = Workspace.objects.filter(slug=workspace).first()
        if target is None:
            raise CommandError(f"Espace de travail inconnu : {workspace}")
        try:
            raw = Path(file).read_bytes()
        except OSError as error:
            raise CommandError(f"Lecture impossible de {file} : {error.strerror}") from None
        try:
            diagnostic = import_diagnostic(parse_json(raw), workspace=target)
        except DocumentError as error:
            lines = "\n".join(f"  - {reason}" for reason in error.errors)
            raise CommandError(f"Document refusé, rien n'a été écrit :\n{lines}") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"Diagnostic « {diagnostic.title} » créé (n° {diagnostic.pk}) dans {target.name}."
            )
        )
