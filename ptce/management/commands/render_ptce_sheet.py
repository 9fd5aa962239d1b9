"""Render the PTCE sheet of a pole to PDF, the same document the application generates.

    python manage.py render_ptce_sheet 12 --output fiche.pdf

Prints the number of pages, the file's size and the time of each step (collect: queries;
html: template and chart; layout and write: WeasyPrint).
"""

import logging
import time
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from essterritoire.reports.formats import NBSP, number
from essterritoire.reports.rendering import STEPS, render_pdf
from ptce.models import Ptce


class Command(BaseCommand):
    help = "Produit la fiche PTCE d'un pôle en PDF."

    def add_arguments(self, parser):
        parser.add_argument("ptce_id", type=int, help="identifiant du PTCE")
        parser.add_argument("--output", "-o", required=True, help="fichier PDF à écrire")

    def handle(self, *args, ptce_id, output, **options):
        ptce = Ptce.objects.filter(pk=ptce_id).first()
        if ptce is None:
            raise CommandError(f"Aucun PTCE ne porte l'identifiant {ptce_id}.")
        path = Path(output)
        if not path.parent.is_dir():
            raise CommandError(f"Le dossier {path.parent} n'existe pas{NBSP}: rien n'est écrit.")
        started = time.perf_counter()
        with quiet_weasyprint(options["verbosity"] < 2):
            rendered = render_pdf("ptce", ptce)
        path.write_bytes(rendered.pdf)
        total = time.perf_counter() - started
        self.stdout.write(f"Fiche PTCE «{NBSP}{ptce.name}{NBSP}» écrite dans {path}")
        size = number(len(rendered.pdf) / 1024, 1)
        self.stdout.write(f"{rendered.pages} pages, {size}{NBSP}Ko")
        for key, _, label in STEPS:
            self.stdout.write(f"  {label}{NBSP}: {_seconds(rendered.timings.get(key, 0))}")
        self.stdout.write(f"  Total{NBSP}: {_seconds(total)}")


@contextmanager
def quiet_weasyprint(quiet):
    """WeasyPrint logs each layout step and each SVG property it ignores: only errors are
    shown, unless the command runs with -v 2."""
    logger = logging.getLogger("weasyprint")
    level = logger.level
    if quiet:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _seconds(value):
    return f"{number(value, 2)}{NBSP}s"
