"""python manage.py territory_indicators KIND:CODE [--json]"""

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from diagnostics.indicators.compute import territory_indicators
from diagnostics.indicators.coverage import sirene_coverage
from diagnostics.indicators.imported import json_number
from diagnostics.indicators.text import lines
from essterritoire.territories.models import Territory
from essterritoire.territories.refs import TerritoryRefError, resolve


class Command(BaseCommand):
    help = (
        "Indicateurs de l'ESS d'un territoire (établissements SIRENE, salariés estimés, "
        "secteurs, tranches, communes, données régionales importées)."
    )

    def add_arguments(self, parser):
        parser.add_argument("territory", help="TYPE:CODE, par exemple epci:244400552 ou dep:44")
        parser.add_argument("--json", action="store_true", help="sortie JSON")

    def handle(self, *args, **options):
        territory = self._territory(options["territory"])
        document = territory_indicators(territory)
        if options["json"]:
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2, default=_json))
            return
        for line in lines(document, _coverage_note(territory)):
            self.stdout.write(line)

    def _territory(self, ref):
        try:
            return resolve(ref, _all_workspaces())
        except TerritoryRefError as error:
            raise CommandError(str(error)) from None


def _json(value):
    return json_number(value) if isinstance(value, Decimal) else str(value)


def _all_workspaces():
    """The command runs for staff: a grouping of any workspace may be named."""
    return Territory.objects.filter(workspace__isnull=False).values_list("workspace_id", flat=True)


def _coverage_note(territory):
    if sirene_coverage().covers(territory):
        return ""
    return (
        "Attention : les imports SIRENE ne couvrent pas toutes les communes de ce territoire ; "
        "les chiffres ne comptent que les communes importées."
    )
