"""Demo data of the territory's animation for the Pays d'Ancenis: two networks, three thematic
meetings, five project holders with their orientations.

Idempotent: every row is found again by its natural key (network name; meeting title and date;
holder project; orientation date and purpose), so a second run changes nothing. The people are
invented (obviously fictitious names, example.org addresses, phone numbers of the range ARCEP
keeps for fiction)."""

import datetime

from django.db import transaction

from actors.enums import (
    ESS_ACTOR_KINDS,
    HolderNeed,
    HolderStage,
    HolderStatus,
    NetworkScope,
    OrientationOutcome,
)
from actors.models import Meeting, Network, Orientation, ProjectHolder, Theme
from actors.services_animation import check_attendance
from essterritoire.territories.text import normalize

D = datetime.date
NBSP = "\u00a0"

TERRITORIAL = "Réseau ESS du Pays d'Ancenis"
FOOD = "Réseau alimentation durable"
NETWORKS = [
    {
        "name": TERRITORIAL,
        "scope": NetworkScope.TERRITORIAL,
        "theme": None,
        "description": (
            "Le réseau des structures de l'économie sociale et solidaire du Pays d'Ancenis, "
            "né du diagnostic partagé avec la CRESS : interconnaissance, annuaire commun, "
            "temps forts du Mois de l'ESS en novembre."
        ),
        "keywords": [],
        "size": 15,
    },
    {
        "name": FOOD,
        "scope": NetworkScope.THEMATIC,
        "theme": "Alimentation",
        "description": (
            "Producteurs, épiceries solidaires, jardins d'insertion et restauration collective "
            "autour du projet alimentaire territorial : circuits courts, accès de tous à une "
            "alimentation de qualité, lutte contre le gaspillage."
        ),
        "keywords": ["aliment", "epicerie", "maraich", "jardin", "legum", "bio", "restau", "amap"],
        "size": 7,
    },
]

MEETINGS = [
    {
        "title": "Alimentation durable : circuits courts et restauration collective",
        "date": D(2026, 3, 12),
        "start_time": datetime.time(18, 0),
        "place": "Maison de l'intercommunalité, Ancenis-Saint-Géréon",
        "theme": "Alimentation",
        "network": FOOD,
        "keywords": NETWORKS[1]["keywords"],
        "present": 4,
        "minutes": (
            "Tour de table des 4 structures présentes. Constat partagé : les cantines du "
            "territoire s'approvisionnent peu localement faute de légumes prêts à l'emploi.\n"
            "Piste retenue : étudier une légumerie en SCIC avec les communes. Prochaine étape : "
            "recenser les volumes des cantines avant l'été."
        ),
    },
    {
        "title": "Mobilité solidaire : se déplacer pour travailler",
        "date": D(2026, 6, 18),
        "start_time": datetime.time(14, 0),
        "place": "Salle des fêtes, Ligné",
        "theme": "Mobilité",
        "network": TERRITORIAL,
        "keywords": ["mobil", "garage", "transport", "insertion", "emploi", "velo", "auto"],
        "present": 3,
        "minutes": (
            "Les structures d'insertion signalent des offres d'emploi refusées faute de moyen "
            "de transport. Échanges sur le garage solidaire en projet et sur la location de "
            "cyclomoteurs à tarif social.\nSuite : un groupe de travail avec le service "
            "mobilité de la communauté de communes."
        ),
    },
    {
        "title": "Réemploi et déchets : vers une ressourcerie du territoire",
        "date": D(2026, 10, 8),
        "start_time": datetime.time(9, 30),
        "place": "Déchèterie communautaire, Mésanger",
        "theme": "Déchets",
        "network": TERRITORIAL,
        "keywords": ["ressourc", "recycl", "reemploi", "repar", "dechet", "textile", "emmaus"],
        "present": 4,
        "minutes": (
            "Visite de la zone de réemploi de la déchèterie. Les acteurs confirment l'intérêt "
            "d'une ressourcerie qui créerait des emplois d'insertion.\nSuite : une étude de "
            "faisabilité cofinancée, et une rencontre avec la recyclerie de matériaux en projet."
        ),
    },
]

# Each orientation: (date, purpose, outcome status, outcome, keywords to choose the actor).
HOLDERS = [
    {
        "project_name": "Épicerie solidaire itinérante",
        "person_name": "Camille Exemple",
        "email": "camille.exemple@example.org",
        "phone": "02 61 91 00 01",
        "description": "Un camion-épicerie à prix différenciés pour les bourgs sans commerce.",
        "need": HolderNeed.FUNDING,
        "need_details": "Achat et aménagement du véhicule, environ 60 000 €.",
        "stage": HolderStage.EMERGENCE,
        "status": HolderStatus.ORIENTED,
        "received_on": D(2026, 2, 10),
        "consent_date": D(2026, 2, 10),
        "orientations": [
            (
                D(2026, 2, 24),
                "Plan de financement et prêt d'honneur",
                "contact_pris",
                "",
                ["financ", "france active", "epargne", "banque"],
            ),
            (
                D(2026, 3, 12),
                "Approvisionnement auprès des producteurs locaux",
                "en_attente",
                "Invitée à la rencontre alimentation durable.",
                ["maraich", "amap", "producteur", "ferme"],
            ),
        ],
    },
    {
        "project_name": "Garage solidaire du Pays d'Ancenis",
        "person_name": "Jules Fictif",
        "email": "jules.fictif@example.org",
        "phone": "02 61 91 00 02",
        "description": "Réparation de véhicules à coût réduit pour les personnes en insertion.",
        "need": HolderNeed.PREMISES,
        "need_details": "Un atelier de 200 m² avec fosse, accessible en transport en commun.",
        "stage": HolderStage.CREATION,
        "status": HolderStatus.SUPPORTED,
        "received_on": D(2026, 4, 2),
        "consent_date": D(2026, 4, 2),
        "orientations": [
            (
                D(2026, 4, 15),
                "Partage d'expérience d'un chantier d'insertion",
                "accompagnement",
                "Accompagnement sur le modèle économique, trois rendez-vous prévus.",
                ["insertion", "garage", "mobil"],
            ),
        ],
    },
    {
        "project_name": "Recyclerie de matériaux du bâtiment",
        "person_name": "Léa Démo",
        "email": "lea.demo@example.org",
        "phone": "",
        "description": "Collecter les surplus des chantiers et les revendre aux particuliers.",
        "need": HolderNeed.PARTNERS,
        "need_details": "Trouver des artisans et des déchèteries partenaires.",
        "stage": HolderStage.IDEA,
        "status": HolderStatus.TO_RECEIVE,
        "received_on": None,
        "consent_date": None,
        "orientations": [],
    },
    {
        "project_name": "Tiers-lieu culturel en milieu rural",
        "person_name": "Hugo Essai",
        "email": "hugo.essai@example.org",
        "phone": "02 61 91 00 04",
        "description": "Café associatif, résidences d'artistes et ateliers partagés.",
        "need": HolderNeed.FUNDING,
        "need_details": "",
        "stage": HolderStage.IDEA,
        "status": HolderStatus.ABANDONED,
        "received_on": D(2025, 11, 5),
        "consent_date": None,
        "notes": "Projet mis en pause par le porteur, qui quitte le territoire.",
        "orientations": [
            (D(2025, 11, 20), "Étude de faisabilité", "sans_suite", "", ["culture", "tiers"]),
        ],
    },
    {
        "project_name": "SCIC de légumerie pour la restauration collective",
        "person_name": "Nora Modèle",
        "email": "nora.modele@example.org",
        "phone": "02 61 91 00 05",
        "description": "Laver, éplucher et découper les légumes locaux pour les cantines.",
        "need": HolderNeed.LEGAL,
        "need_details": "Statuts de SCIC avec les communes comme associées.",
        "stage": HolderStage.DEVELOPMENT,
        "status": HolderStatus.COMPLETED,
        "received_on": D(2025, 9, 15),
        "consent_date": D(2025, 9, 15),
        "orientations": [
            (
                D(2025, 10, 1),
                "Statuts de SCIC et gouvernance",
                "accompagnement",
                "Statuts déposés en janvier 2026.",
                ["coop", "scic", "scop"],
            ),
            (
                D(2026, 1, 12),
                "Financement solidaire du matériel",
                "contact_pris",
                "",
                ["financ", "banque", "epargne"],
            ),
        ],
    },
]


def typography(text):
    """French typography: a no-break space before the colon."""
    return text.replace(" :", NBSP + ":")


def pick(actors, keywords, count, prefer_ess=False):
    """`count` actors: those whose name contains a keyword first, then (ESS ones first when
    asked) the others, in a stable order."""

    def rank(actor):
        name = normalize(actor.name)
        matched = any(keyword in name for keyword in keywords)
        ess = prefer_ess and actor.kind in ESS_ACTOR_KINDS
        return (not matched, not ess, actor.pk)

    return sorted(actors, key=rank)[:count]


def theme_named(workspace, name):
    """The workspace's theme of that name, whatever its case, created when missing."""
    if name is None:
        return None
    theme = Theme.objects.filter(workspace=workspace, name__iexact=name).first()
    return theme or Theme.objects.create(workspace=workspace, name=name)


def seed_networks(workspace, actors):
    networks = {}
    for spec in NETWORKS:
        network, _ = Network.objects.update_or_create(
            workspace=workspace,
            name=spec["name"],
            defaults={
                "scope": spec["scope"],
                "theme": theme_named(workspace, spec["theme"]),
                "description": typography(spec["description"]),
            },
        )
        network.members.set(pick(actors, spec["keywords"], spec["size"], prefer_ess=True))
        networks[spec["name"]] = network
    return networks


def seed_meetings(workspace, actors, networks):
    for spec in MEETINGS:
        meeting, _ = Meeting.objects.update_or_create(
            workspace=workspace,
            title=typography(spec["title"]),
            date=spec["date"],
            defaults={
                "start_time": spec["start_time"],
                "place": spec["place"],
                "theme": theme_named(workspace, spec["theme"]),
                "network": networks[spec["network"]],
                "minutes": typography(spec["minutes"]),
            },
        )
        invited = pick(actors, spec["keywords"], 6)
        present = invited[: spec["present"]]
        check_attendance(invited, present)
        meeting.invited.set(invited)
        meeting.present.set(present)


def seed_holder(workspace, actors, spec):
    fields = {k: v for k, v in spec.items() if k not in ("project_name", "orientations")}
    fields["consent"] = fields["consent_date"] is not None
    holder, _ = ProjectHolder.objects.update_or_create(
        workspace=workspace, project_name=spec["project_name"], defaults=fields
    )
    chosen = []
    for date, purpose, outcome_status, outcome, keywords in spec["orientations"]:
        # A holder is oriented towards different actors.
        candidates = pick([a for a in actors if a not in chosen], keywords, 1)
        if not candidates:
            continue
        chosen.append(candidates[0])
        Orientation.objects.update_or_create(
            holder=holder,
            date=date,
            purpose=purpose,
            defaults={
                "actor": candidates[0],
                "outcome_status": OrientationOutcome(outcome_status),
                "outcome": outcome,
            },
        )


@transaction.atomic
def seed_animation(workspace, actors):
    """Create or refresh the animation demo of `workspace`; `actors` are actors of that
    workspace (any iterable; members, invitations and orientations are chosen among them).

    Returns the number of rows of each kind the workspace then holds."""
    actors = list(actors)
    if any(actor.workspace_id != workspace.pk for actor in actors):
        raise ValueError("seed_animation\u00a0: tous les acteurs doivent appartenir à l'espace.")
    networks = seed_networks(workspace, actors)
    seed_meetings(workspace, actors, networks)
    for spec in HOLDERS:
        seed_holder(workspace, actors, spec)
    return {
        "networks": workspace.networks.count(),
        "meetings": workspace.meetings.count(),
        "project_holders": workspace.project_holders.count(),
        "orientations": Orientation.objects.filter(holder__workspace=workspace).count(),
    }
