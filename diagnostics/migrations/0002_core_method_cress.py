"""The built-in method template: the CRESS "diagnostic partagé" in four phases (seed 003).

The data lives here, not in app code, so that the migration keeps working when the app moves
on. Running it again changes nothing; reversing it removes the template (diagnostics made from
it keep their phases).
"""

from django.db import migrations

NAME = "Diagnostic partagé — méthode CRESS"
DESCRIPTION = (
    "La démarche de diagnostic partagé proposée par les CRESS, menée avec et pour les acteurs "
    "locaux\u00a0: dresser un état des lieux de l'ESS du territoire, de ses atouts, faiblesses "
    "et potentialités, puis produire collectivement un plan d'actions. Les phases 1 à 3 "
    "recouvrent le diagnostic partagé\u00a0; la phase 4 consolide et structure la dynamique "
    "(jusqu'à 3\u00a0ans au total)."
)
PHASES = [
    {
        "number": 1,
        "name": "Caractérisation",
        "duration_months": 6,
        "expected_results": (
            "Caractérisation du poids, des problématiques du secteur et des coopérations "
            "territoriales par les acteurs locaux\u00a0: un état des lieux quantitatif et "
            "qualitatif de l'ESS sur le territoire, croisant les regards des structures de "
            "l'ESS, des entreprises classiques et des acteurs institutionnels."
        ),
        "deliverables": [
            "Comité de pilotage constitué",
            "Territoires de comparaison choisis (voisins ou comparables)",
            "Données quantitatives collectées auprès du conseil régional et de la CRESS "
            "(structures, secteurs d'activité, emplois)",
            "Entretiens individuels des principaux acteurs de l'ESS menés",
            "Enquête auprès de tous les acteurs de l'ESS du territoire réalisée",
            "État des lieux quantitatif et qualitatif de l'ESS rédigé",
        ],
    },
    {
        "number": 2,
        "name": "Échange et réflexion prospective",
        "duration_months": 3,
        "expected_results": (
            "Un diagnostic partagé avec une vision prospective, et la construction d'un plan "
            "d'actions pour développer le territoire via l'ESS."
        ),
        "deliverables": [
            "Matrice AFOM (atouts, faiblesses, opportunités, menaces) partagée avec les acteurs",
            "Atelier de priorisation des enjeux tenu",
            "Diagnostic partagé rédigé, avec sa vision prospective",
            "Plan d'actions co-construit avec les acteurs",
        ],
    },
    {
        "number": 3,
        "name": "Formalisation et diffusion",
        "duration_months": 3,
        "expected_results": (
            "Formalisation et valorisation des résultats obtenus\u00a0: diffusion et "
            "utilisation des données relatives à l'ESS sur le territoire par les acteurs locaux "
            "et supra-locaux."
        ),
        "deliverables": [
            "Document de synthèse du diagnostic partagé",
            "Restitution publique aux acteurs du territoire",
            "Résultats transmis aux élus et aux acteurs supra-locaux (région, CRESS)",
        ],
    },
    {
        "number": 4,
        "name": "Consolidation et structuration",
        "duration_months": 24,
        "expected_results": (
            "Consolidation et structuration de la dynamique\u00a0: mise en œuvre des actions "
            "du plan d'actions défini en phase\u00a02 et formalisation du collectif d'acteurs "
            "généré (pôle territorial de coopération économique, cluster, société coopérative "
            "d'intérêt collectif…)."
        ),
        "deliverables": [
            "Réseau d'acteurs (territorial ou thématique) constitué et animé",
            "Rencontres thématiques organisées",
            "Accueil et orientation des porteurs de projet organisés",
            "Actions du plan d'actions mises en œuvre et suivies",
            "Collectif d'acteurs formalisé (PTCE, cluster, SCIC…)",
        ],
    },
]


def seed(apps, schema_editor):
    MethodTemplate = apps.get_model("diagnostics", "MethodTemplate")
    PhaseTemplate = apps.get_model("diagnostics", "PhaseTemplate")
    template, _ = MethodTemplate.objects.update_or_create(
        workspace=None, name=NAME, defaults={"description": DESCRIPTION}
    )
    for phase in PHASES:
        PhaseTemplate.objects.update_or_create(
            template=template,
            number=phase["number"],
            defaults={key: value for key, value in phase.items() if key != "number"},
        )


def unseed(apps, schema_editor):
    MethodTemplate = apps.get_model("diagnostics", "MethodTemplate")
    MethodTemplate.objects.filter(workspace=None, name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [("diagnostics", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
