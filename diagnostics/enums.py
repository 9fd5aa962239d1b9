from django.db import models


class DiagnosticStatus(models.TextChoices):
    PREPARATION = "preparation", "En préparation"
    ONGOING = "ongoing", "En cours"
    DONE = "done", "Terminé"
    ARCHIVED = "archived", "Archivé"


class PhaseStatus(models.TextChoices):
    UPCOMING = "upcoming", "À venir"
    ONGOING = "ongoing", "En cours"
    DONE = "done", "Terminée"


class InterviewFormat(models.TextChoices):
    INDIVIDUAL = "individual", "Entretien individuel"
    COLLECTIVE = "collective", "Entretien collectif"


class InterviewMode(models.TextChoices):
    ON_SITE = "on_site", "Sur place"
    VIDEO = "video", "Visioconférence"
    PHONE = "phone", "Téléphone"


class Quadrant(models.TextChoices):
    """AFOM quadrants; atouts and faiblesses are internal, the other two external."""

    ATOUT = "atout", "Atout"
    FAIBLESSE = "faiblesse", "Faiblesse"
    OPPORTUNITE = "opportunite", "Opportunité"
    MENACE = "menace", "Menace"


INTERNAL_QUADRANTS = (Quadrant.ATOUT, Quadrant.FAIBLESSE)


class Priority(models.IntegerChoices):
    HIGH = 1, "Haute"
    MEDIUM = 2, "Moyenne"
    LOW = 3, "Basse"


class EvidenceKind(models.TextChoices):
    EXCERPT = "excerpt", "Extrait d'entretien"
    SURVEY = "survey", "Résultat d'enquête"
    INDICATOR = "indicator", "Indicateur"
    REFERENCE = "reference", "Document ou référence web"


class HistoryAction(models.TextChoices):
    CREATED = "created", "a créé"
    CHANGED = "changed", "a modifié"
    DELETED = "deleted", "a supprimé"
    RESTORED = "restored", "a restauré"


class IndicatorImportStatus(models.TextChoices):
    """Where a regional data import stands: checked in the background, then confirmed and
    written in the background."""

    CHECKING = "checking", "Vérification en cours"
    CHECKED = "checked", "Vérifié, à confirmer"
    REFUSED = "refused", "Refusé (erreurs dans le fichier)"
    WRITING = "writing", "Import en cours"
    DONE = "done", "Importé"
    CANCELED = "canceled", "Abandonné"
    FAILED = "failed", "Échec"
