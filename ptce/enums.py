"""Choices of the ptce app, with French labels.

PTCE (pôles territoriaux de coopération économique, law 2014-856 art. 9) first; the action
plans append theirs below.
"""

from django.db import models

from actors.enums import ESS_ACTOR_KINDS, ActorKind


class PtceStage(models.TextChoices):
    EMERGENCE = "emergence", "Émergence"
    DEVELOPMENT = "developpement", "Développement"
    CONSOLIDATION = "consolidation", "Consolidation"


class LegalForm(models.TextChoices):
    """The pole's own legal form; only an informal grouping is not a legal person."""

    ASSOCIATION = "association", "Association"
    SCIC = "scic", "SCIC"
    GIE = "gie", "GIE"
    SCOP = "scop", "SCOP"
    INFORMAL = "informel", "Groupement informel"
    OTHER = "autre", "Autre personne morale de droit privé"


class MemberType(models.TextChoices):
    """The kinds of members article 9 of law 2014-856 names."""

    ESS = "ess", "Structure de l'ESS"
    COMPANY = "entreprise", "Entreprise hors ESS"
    COLLECTIVITE = "collectivite", "Collectivité territoriale ou groupement"
    RESEARCH = "recherche", "Centre de recherche"
    TRAINING = "formation", "Organisme de formation"
    OTHER = "autre", "Autre personne morale ou physique"


# The article-9 partners that are neither an ESS enterprise nor a non-ESS one.
OTHER_PARTNER_TYPES = (
    MemberType.COLLECTIVITE,
    MemberType.RESEARCH,
    MemberType.TRAINING,
    MemberType.OTHER,
)

# The member type an actor's kind suggests; people can change it on the member.
MEMBER_TYPE_BY_ACTOR_KIND = {
    **{kind: MemberType.ESS for kind in ESS_ACTOR_KINDS},
    ActorKind.ENTREPRISE: MemberType.COMPANY,
    ActorKind.COLLECTIVITE: MemberType.COLLECTIVITE,
    ActorKind.RECHERCHE: MemberType.RESEARCH,
    ActorKind.FORMATION: MemberType.TRAINING,
}


def member_type_for(actor_kind):
    """The article-9 type suggested by an actor's kind (financeurs, réseaux, État: "autre")."""
    return MEMBER_TYPE_BY_ACTOR_KIND.get(actor_kind, MemberType.OTHER)


class Sector(models.TextChoices):
    """Filières the PTCE of the RTES study work in (seed 002), plus a few frequent ones."""

    ECOCONSTRUCTION = "ecoconstruction", "Écoconstruction"
    FOOD = "alimentation", "Circuits alimentaires de proximité"
    ECOTOURISM = "ecotourisme", "Éco-tourisme"
    REUSE = "reemploi", "Réemploi, déchets et ressourceries"
    ENERGY = "energie", "Énergie"
    CULTURE = "culture", "Culture"
    IAE = "iae", "Insertion par l'activité économique (IAE)"
    MOBILITY = "mobilite", "Mobilité"
    CARE = "services", "Services aux personnes"
    DIGITAL = "numerique", "Numérique"


class FundingNature(models.TextChoices):
    OPERATING = "fonctionnement", "Fonctionnement"
    INVESTMENT = "investissement", "Investissement"


class FundingOrigin(models.TextChoices):
    PUBLIC = "public", "Public"
    PRIVATE = "prive", "Privé"


class MutualisationKind(models.TextChoices):
    PREMISES = "locaux", "Locaux"
    SKILLS = "competences", "Compétences"
    SERVICES = "services", "Services"
    EQUIPMENT = "equipements", "Équipements"
    PURCHASES = "achats", "Achats"
    SHARED_JOBS = "emplois", "Emplois partagés"


class CooperationStatus(models.TextChoices):
    PLANNED = "en_projet", "En projet"
    ONGOING = "en_cours", "En cours"
    DONE = "realise", "Réalisé"
    ABANDONED = "abandonne", "Abandonné"


# Action plans (post-diagnostic support, phase 4) ----------------------------------------------


class ActionStatus(models.TextChoices):
    """Where an action of the plan stands; the board has one column per status."""

    TODO = "a_lancer", "À lancer"
    ONGOING = "en_cours", "En cours"
    DONE = "realisee", "Réalisée"
    SUSPENDED = "suspendue", "Suspendue"
    ABANDONED = "abandonnee", "Abandonnée"


# Statuses after which an action can no longer be late.
CLOSED_ACTION_STATUSES = (ActionStatus.DONE, ActionStatus.ABANDONED)
