"""Demo data of the actors app: the Pays d'Ancenis registry, built through the real paths —
the SIRENE sample imported by the SIRENE import, the ESS establishments turned into actors by
the registry services — then contacts, themes, networks, meetings and project holders."""

from datetime import date

from django.conf import settings
from django.db import transaction

from actors.demo_animation import seed_animation
from actors.models import Actor, Contact, Establishment
from actors.services import (
    actor_create_from_establishment,
    actors_add_ess_employers,
    themes_for,
)
from actors.sirene.importer import import_sirene
from essterritoire.accounts.services import activity_record

SAMPLE = settings.BASE_DIR / "tests" / "fixtures" / "sirene"
TERRITORY = "epci:244400552"
# NAF prefixes -> demo theme, so that the lists and filters have something to show.
THEMES_BY_NAF = {
    "38": "Déchets",
    "01": "Alimentation",
    "10": "Alimentation",
    "46.21": "Alimentation",
    "47.11": "Alimentation",
    "88.10": "Services aux personnes",
    "87": "Services aux personnes",
    "43": "Habitat",
    "16": "Habitat",
    "35": "Énergie",
    "90": "Culture",
    "91": "Culture",
    "59": "Culture",
    "78": "IAE",
}
PARTNER_SIRETS = {
    "20571319100018": "collectivite",  # the communauté de communes itself
    "42933012900017": "entreprise",
    "40057700300017": "entreprise",
}
CONTACT_ROLES = ["Directrice", "Président", "Coordinatrice", "Trésorier", "Chargé de mission"]


def seed_actors(workspaces, log):
    workspace = workspaces["cc-pays-ancenis"]
    summary = import_sirene(
        SAMPLE / "StockEtablissement_ancenis.csv",
        SAMPLE / "StockUniteLegale_ancenis.csv",
        [TERRITORY],
    )
    log(
        f"SIRENE : {summary['rows']} lignes lues, {summary['created']} établissements créés, "
        f"{summary['unchanged']} inchangés"
    )
    with transaction.atomic():
        _registry(workspace, log)
    counts = seed_animation(workspace, Actor.objects.filter(workspace=workspace))
    log(
        f"Animation : {counts['networks']} réseaux, {counts['meetings']} rencontres, "
        f"{counts['project_holders']} porteurs de projet"
    )


def _registry(workspace, log):
    territory = workspace.main_territory
    added = actors_add_ess_employers(workspace=workspace, territory=territory, by=None)
    present = set(Actor.objects.filter(workspace=workspace).values_list("siret", flat=True))
    others = Establishment.objects.in_territory(territory).active().ess().exclude(siret__in=present)
    partners = Establishment.objects.filter(siret__in=PARTNER_SIRETS).exclude(siret__in=present)
    for establishment in list(others) + list(partners):
        kind = PARTNER_SIRETS.get(establishment.siret)
        overrides = {"kind": kind} if kind else {}
        actor_create_from_establishment(
            workspace=workspace, establishment=establishment, by=None, **overrides
        )
    _themes(workspace)
    _contacts(workspace)
    total = Actor.objects.filter(workspace=workspace).count()
    # One line in the recent changes for the whole demo registry, not one per actor.
    workspace.activities.filter(user__isnull=True, verb__startswith="a ajouté").delete()
    verb = "a constitué le registre de démonstration avec"
    if not workspace.activities.filter(verb=verb).exists():
        activity_record(
            workspace=workspace,
            user=None,
            verb=verb,
            target=f"{total} acteurs issus de l'échantillon SIRENE",
        )
    log(f"Registre : {total} acteurs ({added['created']} employeurs de l'ESS ajoutés en bloc)")


def _themes(workspace):
    themes = {theme.name: theme for theme in themes_for(workspace)}
    for actor in Actor.objects.filter(workspace=workspace, themes__isnull=True):
        for prefix, name in THEMES_BY_NAF.items():
            if actor.naf_code.startswith(prefix) and name in themes:
                actor.themes.add(themes[name])


def _contacts(workspace):
    """One invented contact for the first forty actors, most of them consenting."""
    if Contact.objects.filter(actor__workspace=workspace).exists():
        return
    actors = Actor.objects.filter(workspace=workspace).order_by("pk")[:40]
    Contact.objects.bulk_create(
        Contact(
            actor=actor,
            name=f"Contact fictif {n:02d}",
            role=CONTACT_ROLES[n % len(CONTACT_ROLES)],
            email=f"contact{n:02d}@example.org",
            phone=f"02 99 00 {n // 10:02d} {n % 100:02d}",
            consent=n % 5 != 0,
            consent_date=date(2026, 2, 1) if n % 5 != 0 else None,
        )
        for n, actor in enumerate(actors, start=1)
    )
