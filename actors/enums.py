from django.db import models


class Family(models.TextChoices):
    """ESS family of an establishment, from the classification rules (DOMAIN.md)."""

    ASSOCIATION = "association", "Association"
    COOPERATIVE = "cooperative", "Coopérative"
    MUTUELLE = "mutuelle", "Mutuelle"
    FONDATION = "fondation", "Fondation"
    ESS_COMMERCIAL = "ess_commercial", "Entreprise commerciale de l'ESS"
    NON_ESS = "non_ess", "Hors ESS"
    UNCLASSIFIED = "unclassified", "Non classé"


ESS_FAMILIES = (
    Family.ASSOCIATION,
    Family.COOPERATIVE,
    Family.MUTUELLE,
    Family.FONDATION,
    Family.ESS_COMMERCIAL,
)


class RuleKind(models.TextChoices):
    NAF_EXCLUSION = "naf_exclusion", "Activité exclue (NAF)"
    LEGAL_CATEGORY = "legal_category", "Catégorie juridique"
    ESS_FLAG = "ess_flag", "Indicateur ESS de l'unité légale"


class ActorKind(models.TextChoices):
    """An actor is either of an ESS family or a partner around them."""

    ASSOCIATION = "association", "Association"
    COOPERATIVE = "cooperative", "Coopérative"
    MUTUELLE = "mutuelle", "Mutuelle"
    FONDATION = "fondation", "Fondation"
    ESS_COMMERCIAL = "ess_commercial", "Entreprise commerciale de l'ESS"
    COLLECTIVITE = "collectivite", "Collectivité"
    ENTREPRISE = "entreprise", "Entreprise"
    RECHERCHE = "recherche", "Centre de recherche"
    FORMATION = "formation", "Organisme de formation"
    FINANCEUR = "financeur", "Financeur"
    RESEAU = "reseau", "Réseau ou tête de réseau"
    ETAT = "etat", "Service de l'État"
    AUTRE = "autre", "Autre"


ESS_ACTOR_KINDS = tuple(ActorKind(f.value) for f in ESS_FAMILIES)


class SizeBand(models.TextChoices):
    """SIRENE's tranches d'effectifs salariés."""

    NN = "NN", "Non employeur"
    T00 = "00", "0 salarié"
    T01 = "01", "1 ou 2 salariés"
    T02 = "02", "3 à 5 salariés"
    T03 = "03", "6 à 9 salariés"
    T11 = "11", "10 à 19 salariés"
    T12 = "12", "20 à 49 salariés"
    T21 = "21", "50 à 99 salariés"
    T22 = "22", "100 à 199 salariés"
    T31 = "31", "200 à 249 salariés"
    T32 = "32", "250 à 499 salariés"
    T41 = "41", "500 à 999 salariés"
    T42 = "42", "1 000 à 1 999 salariés"
    T51 = "51", "2 000 à 4 999 salariés"
    T52 = "52", "5 000 à 9 999 salariés"
    T53 = "53", "10 000 salariés et plus"


# Bounds of each band in employees; the open top band is capped for sums.
SIZE_BOUNDS = {
    "NN": (0, 0),
    "00": (0, 0),
    "01": (1, 2),
    "02": (3, 5),
    "03": (6, 9),
    "11": (10, 19),
    "12": (20, 49),
    "21": (50, 99),
    "22": (100, 199),
    "31": (200, 249),
    "32": (250, 499),
    "41": (500, 999),
    "42": (1000, 1999),
    "51": (2000, 4999),
    "52": (5000, 9999),
    "53": (10000, 10000),
}


class ImportStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    RUNNING = "running", "En cours"
    DONE = "done", "Terminé"
    FAILED = "failed", "En erreur"


# Animating the territory (networks, thematic meetings, project holders).


class NetworkScope(models.TextChoices):
    TERRITORIAL = "territorial", "Territorial"
    THEMATIC = "thematique", "Thématique"


class HolderStage(models.TextChoices):
    """How far a project holder's project has gone."""

    IDEA = "idee", "Idée"
    EMERGENCE = "emergence", "Émergence"
    CREATION = "creation", "Création"
    DEVELOPMENT = "developpement", "Développement"


class HolderStatus(models.TextChoices):
    """Where the collectivity is in following a project holder."""

    TO_RECEIVE = "a_recevoir", "À recevoir"
    RECEIVED = "recu", "Reçu"
    ORIENTED = "oriente", "Orienté"
    SUPPORTED = "accompagne", "Accompagné"
    ABANDONED = "abandonne", "Abandonné"
    COMPLETED = "abouti", "Abouti"


class HolderNeed(models.TextChoices):
    """The main need a project holder comes with."""

    FUNDING = "financement", "Financement"
    PREMISES = "local", "Local ou foncier"
    SUPPORT = "accompagnement", "Accompagnement à la création"
    PARTNERS = "partenaires", "Mise en relation, partenaires"
    LEGAL = "juridique", "Statuts, juridique"
    TRAINING = "formation", "Formation"
    HIRING = "emploi", "Recrutement, emploi"
    OTHER = "autre", "Autre"


class OrientationOutcome(models.TextChoices):
    PENDING = "en_attente", "En attente"
    CONTACTED = "contact_pris", "Contact pris"
    NO_FOLLOW_UP = "sans_suite", "Sans suite"
    SUPPORT = "accompagnement", "Accompagnement"
