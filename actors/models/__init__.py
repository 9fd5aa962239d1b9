from actors.models.actors import Actor, Contact, Theme
from actors.models.animation import Meeting, Network, Orientation, ProjectHolder
from actors.models.sirene import (
    ClassificationRule,
    Establishment,
    ImportBatch,
    LegalCategory,
    LegalUnit,
    NafCode,
)

__all__ = [
    "Actor",
    "ClassificationRule",
    "Contact",
    "Establishment",
    "ImportBatch",
    "LegalCategory",
    "LegalUnit",
    "NafCode",
    "Theme",
    "Meeting",
    "Network",
    "Orientation",
    "ProjectHolder",
]
