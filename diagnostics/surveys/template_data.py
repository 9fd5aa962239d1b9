"""The built-in questionnaire "Questionnaire des acteurs de l'ESS du territoire" (seed 000:
"mener une enquête auprès de tous les acteurs ESS du territoire"), copied into a new survey and
editable there. Specs as in surveys/specs.py."""

TEMPLATE_TITLE = "Questionnaire des acteurs de l'ESS du territoire"
TEMPLATE_INTRODUCTION = (
    "Ce questionnaire prépare le diagnostic partagé de l'économie sociale et solidaire du "
    "territoire. Il prend une quinzaine de minutes. Vous pouvez enregistrer vos réponses et "
    "revenir plus tard par le même lien."
)
FAMILIES = [
    "Association",
    "Coopérative (SCOP, SCIC, coopérative agricole…)",
    "Mutuelle",
    "Fondation",
    "Entreprise commerciale de l'ESS",
]
SECTORS = [
    "Action sociale, services aux personnes",
    "Insertion par l'activité économique",
    "Culture, sport, loisirs",
    "Agriculture, alimentation",
    "Déchets, réemploi, recyclage",
    "Bâtiment, habitat",
    "Éducation, formation",
    "Finance, assurance",
]
NEEDS = [
    "Financement",
    "Locaux",
    "Compétences",
    "Visibilité",
    "Mutualisation",
    "Coopération",
]
AGREEMENT = ["Pas du tout d'accord", "Tout à fait d'accord"]
NETWORKS = [
    "CRESS",
    "Fédération ou tête de réseau de ma famille",
    "Réseau territorial d'acteurs",
    "Pôle territorial de coopération économique (PTCE)",
]


def _q(key, kind, text, **extra):
    return {"key": key, "kind": kind, "text": text, **extra}


PROFILE = [
    _q("s1", "section", "Votre structure", help="Quelques repères sur votre organisation."),
    _q(
        "q1",
        "single",
        "Quelle est la forme de votre structure\u00a0?",
        choices=FAMILIES,
        required=True,
    ),
    _q(
        "q2",
        "single",
        "Dans quel secteur exercez-vous principalement\u00a0?",
        choices=SECTORS,
        other=True,
        required=True,
    ),
    _q(
        "q3",
        "number",
        "Combien de salariés (en équivalent temps plein)\u00a0?",
        min=0,
        max=5000,
        decimals=True,
        help="Par exemple 2,5 pour deux temps pleins et un mi-temps.",
    ),
    _q("q4", "number", "Combien de bénévoles réguliers\u00a0?", min=0, max=10000),
    _q(
        "q5", "number", "En quelle année la structure a-t-elle été créée\u00a0?", min=1800, max=2026
    ),
]
NEEDS_PART = [
    _q("s2", "section", "Vos besoins"),
    _q(
        "q6",
        "multiple",
        "Quels sont vos principaux besoins pour les trois ans à venir\u00a0?",
        choices=NEEDS,
        other=True,
        required=True,
        help="Plusieurs réponses possibles.",
    ),
    _q(
        "q7",
        "long_text",
        "Précisez votre besoin de locaux (surface, usage, localisation)",
        condition={"question": "q6", "choice": "Locaux"},
    ),
    _q(
        "q8",
        "matrix",
        "Pour chacun de ces besoins, quelle est son urgence\u00a0?",
        rows=NEEDS,
        scale=["Pas urgent", "Très urgent"],
    ),
    _q(
        "q9", "yes_no", "Avez-vous sollicité un financement public ces deux dernières années\u00a0?"
    ),
    _q(
        "q10",
        "scale",
        "Ce financement a-t-il répondu à vos attentes\u00a0?",
        scale=["Pas du tout", "Tout à fait"],
        condition={"question": "q9", "value": "oui"},
    ),
]
TERRITORY = [
    _q(
        "s3",
        "section",
        "Votre regard sur le territoire",
        help="Forces et faiblesses au regard des territoires voisins\u00a0; opportunités et "
        "menaces venues de l'extérieur.",
    ),
    _q("q11", "long_text", "Quelles sont les forces du territoire pour l'ESS\u00a0?"),
    _q("q12", "long_text", "Quelles en sont les faiblesses\u00a0?"),
    _q("q13", "long_text", "Quelles opportunités voyez-vous dans les années à venir\u00a0?"),
    _q("q14", "long_text", "Quelles menaces pèsent sur votre activité ou sur le territoire\u00a0?"),
    _q("q15", "scale", "L'ESS est bien reconnue par les élus du territoire.", scale=AGREEMENT),
    _q("q16", "scale", "Les acteurs de l'ESS du territoire se connaissent bien.", scale=AGREEMENT),
]
COOPERATION = [
    _q("s4", "section", "Coopérations et réseaux"),
    _q(
        "q17",
        "yes_no",
        "Coopérez-vous déjà avec d'autres structures du territoire\u00a0?",
        required=True,
    ),
    _q(
        "q18",
        "multiple",
        "Sous quelles formes\u00a0?",
        choices=[
            "Achats groupés",
            "Locaux partagés",
            "Emplois partagés",
            "Projets communs",
            "Échanges de savoir-faire",
        ],
        other=True,
        condition={"question": "q17", "value": "oui"},
    ),
    _q(
        "q19",
        "multiple",
        "Avec qui aimeriez-vous coopérer\u00a0?",
        choices=[
            "Autres structures de l'ESS",
            "Entreprises classiques",
            "Collectivités",
            "Établissements de formation ou de recherche",
        ],
    ),
    _q("q20", "long_text", "Un projet de coopération que vous aimeriez lancer\u00a0?"),
    _q("q21", "multiple", "À quels réseaux adhérez-vous\u00a0?", choices=NETWORKS, other=True),
    _q("q22", "yes_no", "Souhaitez-vous participer aux ateliers du diagnostic\u00a0?"),
    _q("q23", "short_text", "Un dernier mot\u00a0?"),
]
TEMPLATE_QUESTIONS = PROFILE + NEEDS_PART + TERRITORY + COOPERATION
