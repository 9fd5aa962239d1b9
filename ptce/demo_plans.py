"""Demo action plan of the Pays d'Ancenis diagnostic: four axes, fifteen actions drawn from what
seed 003 tells of the territories the CRESS supported (a platform to animate the ESS, a club of
ESS enterprises, filières vertes, a PTCE), with pilots and partners taken from the actors given,
funding, indicators with dated values and update logs. Figures are invented for the demo.

Dates are counted in months from the first day of the current month, so that the demo always
shows actions done, under way, to come and late. Each axis is linked to the diagnostic's AFOM
items whose titles are listed in AFOM_TITLES (case and accents ignored); none when absent.

Idempotent: every row is found again by its natural key (axis, objective and action titles;
funder; indicator name; value date; update text), so a second run the same month changes
nothing.
"""

from datetime import timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from actors.enums import ESS_ACTOR_KINDS
from diagnostics.dates import add_months
from diagnostics.models import AfomItem
from essterritoire.territories.text import normalize
from ptce.enums import ActionStatus as S
from ptce.models import (
    Action,
    ActionFunding,
    ActionIndicator,
    ActionUpdate,
    Axis,
    IndicatorValue,
    Objective,
)

M = Decimal
ONE_DAY = timedelta(days=1)
NBSP = "\u00a0"
COLLECTIVITY = "collectivité"

AFOM_TITLES = {
    "Structurer la coopération entre acteurs de l'ESS": [
        "ESS peu visible des élus et des entreprises",
        "Pas de stratégie ESS intercommunale écrite",
        "Essoufflement du bénévolat",
    ],
    "Développer les filières vertes": [
        "Un réseau de réemploi structuré",
        "Une dynamique citoyenne sur l'énergie",
        "Projet alimentaire territorial",
        "Vague de transmissions d'entreprises artisanales",
    ],
    "Accompagner les activités qui répondent aux besoins du territoire": [
        "Manque de locaux pour le réemploi",
        "Tensions de recrutement dans l'aide à domicile",
        "Mobilité des personnes en insertion",
        "Vieillissement rapide de la population",
    ],
    "Consolider et structurer la dynamique": [
        "Soutien public aux PTCE",
        "Baisse des subventions de fonctionnement",
    ],
}

# Each action: (title, pilot, partners, start and end in months from now, status,
# progress, budget, funding [(funder, amount, secured)], indicator (name, unit, baseline,
# target, [(months, value)]) or None, updates [(months, text)]). The pilot and partners are
# keywords looked for in the actors' names (the collectivity itself for COLLECTIVITY).
AXES = [
    ("Structurer la coopération entre acteurs de l'ESS", [
        ("Animer un réseau territorial de l'ESS", [
            ("Créer une plateforme d'animation de l'ESS", COLLECTIVITY, ["ressourcerie"], -14, -2,
             S.DONE, 100, M(30000), [("Région Pays de la Loire", M(15000), True),
                                     ("CC du Pays d'Ancenis", M(15000), True)],
             ("Structures adhérentes", "structures", M(0), M(40), [(-10, 12), (-4, 31), (-1, 38)]),
             [(-13, "Comité de lancement avec la CRESS : statuts de la plateforme adoptés."),
              (-2, "Assemblée constitutive tenue ; 38 structures adhérentes.")]),
            ("Organiser le Mois de l'ESS chaque novembre", "asso", ["epicerie", "jardin"], -3, 1,
             S.ONGOING, 70, M(8000), [("CC du Pays d'Ancenis", M(5000), True)],
             ("Participants aux événements", "personnes", M(0), M(600), [(0, 410)]),
             [(-1, "Programme bouclé : 14 événements dans 9 communes.")]),
            ("Publier un annuaire en ligne des structures de l'ESS", "cress", ["asso"], -8, -1,
             S.ONGOING, 60, M(6000), [("Fonds européen LEADER", M(4800), False)], None,
             [(-3, "Fiches de 120 structures saisies ; reste la mise en ligne.")]),
        ]),
        ("Faire connaître l'ESS aux élus et aux entreprises", [
            ("Former les élus communautaires à l'ESS", COLLECTIVITY, ["cress"], -6, -3,
             S.DONE, 100, M(2500), [("CNFPT", M(2500), True)],
             ("Élus formés", "élus", M(0), M(25), [(-3, 27)]),
             [(-3, "Deux sessions avec le RTES et le Club des collectivités.")]),
            ("Créer un club des entreprises de l'ESS", "scop", ["coop", "asso"], -2, 10,
             S.ONGOING, 20, None, [], None,
             [(-1, "Première rencontre : 17 dirigeants présents.")]),
        ]),
    ]),
    ("Développer les filières vertes", [
        ("Structurer une filière d'écoconstruction", [
            ("Ouvrir une matériauthèque de réemploi du bâtiment", "ressourcerie", ["bois", "scop"],
             -10, -1, S.ONGOING, 55, M(85000), [("ADEME", M(30000), True),
                                                ("Région Pays de la Loire", M(25000), False)],
             ("Matériaux réemployés", "tonnes", M(0), M(50), [(-6, 4), (-3, 11), (-1, 18)]),
             [(-8, "Local repéré dans la zone d'activités d'Ancenis."),
              (-2, "Travaux de mise aux normes retardés : ouverture reportée.")]),
            ("Monter un chantier école en écoconstruction", "insertion", ["bois"], -4, 8,
             S.ONGOING, 35, M(120000), [("État (IAE)", M(60000), True)],
             ("Salariés en insertion formés", "personnes", M(0), M(12), [(-1, 5)]),
             [(-2, "Huit salariés en insertion recrutés ; premier chantier en cours.")]),
        ]),
        ("Renforcer les circuits alimentaires de proximité", [
            ("Approvisionner la restauration collective en produits locaux", COLLECTIVITY,
             ["paysan", "aliment"], -12, 12, S.ONGOING, 45, M(40000),
             [("Programme national pour l'alimentation", M(20000), True)],
             ("Produits locaux dans les cantines", "%", M(12), M(40), [(-9, 15), (-3, 24)]),
             [(-6, "Six communes engagées dans le groupement de commandes.")]),
            ("Créer une légumerie solidaire", "jardin", ["paysan", "epicerie"], -6, -1,
             S.SUSPENDED, 30, M(150000), [("France Active", M(40000), False)], None,
             [(-2, "Projet suspendu dans l'attente du plan de financement.")]),
            ("Développer un réseau d'éco-tourisme le long de la Loire", "tourisme", ["gite"], 2, 14,
             S.TODO, 0, M(25000), [], None, []),
        ]),
    ]),
    ("Accompagner les activités qui répondent aux besoins du territoire", [
        ("Accueillir et orienter les porteurs de projet", [
            ("Ouvrir un guichet d'accueil des porteurs de projets ESS", COLLECTIVITY, ["cress"],
             -9, -2, S.DONE, 100, M(10000), [("CC du Pays d'Ancenis", M(10000), True)],
             ("Porteurs de projet accueillis", "porteurs", M(0), M(20), [(-5, 9), (-2, 23)]),
             [(-2, "Permanences mensuelles installées à Ancenis-Saint-Géréon.")]),
            ("Lancer un appel à projets ESS annuel", COLLECTIVITY, ["asso"], -1, 5,
             S.ONGOING, 10, M(50000), [("CC du Pays d'Ancenis", M(50000), True)], None,
             [(0, "Règlement voté en conseil communautaire.")]),
        ]),
        ("Développer l'emploi par l'insertion", [
            ("Étudier une entreprise à but d'emploi (Territoires zéro chômeur)", "insertion",
             ["asso"], -7, -2, S.ABANDONED, 20, M(15000), [], None,
             [(-2, "Abandonné : le territoire n'a pas été retenu pour l'expérimentation.")]),
        ]),
    ]),
    ("Consolider et structurer la dynamique", [
        ("Formaliser le collectif d'acteurs", [
            ("Préparer la candidature à l'appel à projets PTCE", "scop", ["ressourcerie", "bois"],
             -5, -1, S.ONGOING, 80, M(12000), [("Banque des Territoires", M(12000), False)], None,
             [(-1, "Dossier presque complet ; manque la lettre d'engagement d'une entreprise.")]),
            ("Étudier la création d'une SCIC de services mutualisés", "coop", ["asso"], 1, 13,
             S.TODO, 0, None, [], None, []),
        ]),
    ]),
]  # fmt: skip


def typography(text):
    """No-break spaces before « : ; » as French typography wants."""
    return text.replace(" :", NBSP + ":").replace(" ;", NBSP + ";")


class ActorPicker:
    """Actors for the demo roles: the first whose name holds the keyword, else the ESS actors
    in turn (so that a registry without those names still gives pilots and partners)."""

    def __init__(self, actors):
        self.actors = sorted(actors, key=lambda actor: actor.pk)
        ess = [actor for actor in self.actors if actor.kind in ESS_ACTOR_KINDS]
        self.fallback = ess or self.actors
        self.turn = 0

    def pick(self, keyword, exclude=()):
        found = [a for a in self.actors if keyword in normalize(a.name) and a not in exclude]
        if found:
            return found[0]
        spare = [actor for actor in self.fallback if actor not in exclude]
        if not spare:
            return None
        self.turn += 1
        return spare[self.turn % len(spare)]


@transaction.atomic
def seed_action_plan(diagnostic, actors):
    """Create (or find again) the demo plan of `diagnostic`; `actors` are actors of its
    workspace. Returns the plan's actions."""
    today = timezone.localdate()
    anchor = today.replace(day=1)
    picker = ActorPicker(actors)
    items = {}
    for item in AfomItem.objects.alive().filter(diagnostic=diagnostic):
        items.setdefault(normalize(item.title), []).append(item)
    actions = []
    for order, (title, objectives) in enumerate(AXES):
        axis, _ = Axis.objects.update_or_create(
            diagnostic=diagnostic, title=title, defaults={"order": order}
        )
        linked = [i for name in AFOM_TITLES[title] for i in items.get(normalize(name), [])]
        axis.afom_items.set(linked)
        for position, (objective_title, specs) in enumerate(objectives):
            objective, _ = Objective.objects.update_or_create(
                axis=axis, title=objective_title, defaults={"order": position}
            )
            for rank, spec in enumerate(specs):
                actions.append(seed_action(objective, rank, spec, anchor, picker))
    return actions


def seed_action(objective, rank, spec, anchor, picker):
    title, pilot, partners, start, end, status, progress, budget, funding, indicator, log = spec
    collectivity = pilot == COLLECTIVITY
    pilot_actor = None if collectivity else picker.pick(pilot)
    action, _ = Action.objects.update_or_create(
        objective=objective,
        title=title,
        defaults={
            "order": rank,
            "description": "",
            "pilot": pilot_actor,
            "pilot_is_collectivity": collectivity,
            "start": add_months(anchor, start),
            "end": add_months(anchor, end + 1) - ONE_DAY,  # the end of that month
            "status": status,
            "progress": progress,
            "budget": budget,
        },
    )
    chosen = [pilot_actor] if pilot_actor else []
    for keyword in partners:
        partner = picker.pick(keyword, exclude=chosen)
        if partner:
            chosen.append(partner)
    action.partners.set(chosen[1:] if pilot_actor else chosen)
    seed_parts(action, funding, indicator, log, anchor)
    return action


def seed_parts(action, funding, indicator, log, anchor):
    for funder, amount, secured in funding:
        ActionFunding.objects.update_or_create(
            action=action, funder=funder, defaults={"amount": amount, "secured": secured}
        )
    if indicator:
        name, unit, baseline, target, values = indicator
        row, _ = ActionIndicator.objects.update_or_create(
            action=action,
            name=name,
            defaults={"unit": unit, "baseline": baseline, "target": target},
        )
        dates = []
        for months, value in values:
            day = add_months(anchor, months)
            dates.append(day)
            IndicatorValue.objects.update_or_create(
                indicator=row, date=day, defaults={"value": M(value)}
            )
        row.values.exclude(date__in=dates).delete()
    today = timezone.localdate()
    for months, text in log:
        day = min(add_months(anchor, months) + timedelta(days=4), today)
        ActionUpdate.objects.update_or_create(
            action=action,
            text=typography(text),
            defaults={"date": day, "author_name": "Inès Moreau"},
        )
