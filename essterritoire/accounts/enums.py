from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Administrateur"
    EDITOR = "editor", "Éditeur"
    READER = "reader", "Lecteur"


class WorkspaceKind(models.TextChoices):
    COLLECTIVITE = "collectivite", "Collectivité"
    CRESS = "cress", "CRESS"


class Action(models.TextChoices):
    """What a person may do in a workspace; roles grant sets of actions (permissions.py)."""

    VIEW = "view", "Consulter"
    VIEW_PERSONAL = "view_personal", "Voir les données personnelles"
    CHANGE = "change", "Créer et modifier"
    DELETE = "delete", "Supprimer"
    MANAGE = "manage", "Gérer les membres"
