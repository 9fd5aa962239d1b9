"""Choices of the surveys of ESS actors (questionnaire builder, mailings), French labels."""

from django.db import models


class QuestionKind(models.TextChoices):
    SECTION = "section", "Section (titre et texte d'introduction)"
    SHORT_TEXT = "short_text", "Texte court"
    LONG_TEXT = "long_text", "Texte long"
    SINGLE = "single", "Choix unique"
    MULTIPLE = "multiple", "Choix multiple"
    YES_NO = "yes_no", "Oui ou non"
    NUMBER = "number", "Nombre"
    SCALE = "scale", "Échelle de 1 à 5"
    MATRIX = "matrix", "Matrice (lignes × échelle de 1 à 5)"


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
# Answers counted by (option, number) in one GROUP BY: few distinct values each.
COUNTED_KINDS = (
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.YES_NO,
    QuestionKind.SCALE,
    QuestionKind.MATRIX,
)
# Kinds another question's display may depend on.
CONDITION_KINDS = (*CHOICE_KINDS, QuestionKind.YES_NO, QuestionKind.SCALE, QuestionKind.NUMBER)
SCALE_VALUES = (1, 2, 3, 4, 5)


class OptionRole(models.TextChoices):
    CHOICE = "choice", "Choix"
    ROW = "row", "Ligne de matrice"


class SurveyState(models.TextChoices):
    DRAFT = "draft", "En préparation"
    SCHEDULED = "scheduled", "Pas encore ouverte"
    OPEN = "open", "Ouverte"
    CLOSED = "closed", "Close"


class MailingKind(models.TextChoices):
    INVITATION = "invitation", "Invitations"
    REMINDER = "reminder", "Relances"
