"""Load the catégories juridiques and NAF rév. 2 codes from the committed files of actors/data."""

from django.core.management.base import BaseCommand

from actors.sirene.nomenclatures import nomenclatures_load
from actors.sirene.summary import number
from actors.sirene.text import typo


class Command(BaseCommand):
    help = typo(
        "Charge ou met à jour les catégories juridiques et les codes NAF rév. 2 "
        "(actors/data, idempotent : une seconde exécution ne change rien)."
    )

    def handle(self, *args, **options):
        for count in nomenclatures_load():
            e = count.agreement
            self.stdout.write(
                typo(
                    f"{count.label} : {number(count.total)} ({number(count.created)} créé{e}s, "
                    f"{number(count.updated)} modifié{e}s, {number(count.unchanged)} inchangé{e}s)"
                )
            )
