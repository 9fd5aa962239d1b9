from diagnostics.models.afom import AfomItem, Evidence, Vote, Workshop
from diagnostics.models.diagnostic import (
    ComparisonTerritory,
    Deliverable,
    Diagnostic,
    MethodTemplate,
    Phase,
    PhaseTemplate,
)
from diagnostics.models.history import HistoryEntry
from diagnostics.models.interviews import Excerpt, GuideQuestion, Interview

__all__ = [
    "AfomItem",
    "ComparisonTerritory",
    "Deliverable",
    "Diagnostic",
    "Evidence",
    "Excerpt",
    "GuideQuestion",
    "HistoryEntry",
    "Interview",
    "MethodTemplate",
    "Phase",
    "PhaseTemplate",
    "Vote",
    "Workshop",
]
from diagnostics.models.indicators import (  # noqa: E402
    IndicatorImport,
    IndicatorValue,
    SuggestionDecision,
)

__all__ += ["IndicatorImport", "IndicatorValue", "SuggestionDecision"]
from diagnostics.models.surveys import (  # noqa: E402
    Survey,
    SurveyAnswer,
    SurveyInvitation,
    SurveyMailing,
    SurveyOption,
    SurveyQuestion,
    SurveyResponse,
)

__all__ += [
    "Survey",
    "SurveyAnswer",
    "SurveyInvitation",
    "SurveyMailing",
    "SurveyOption",
    "SurveyQuestion",
    "SurveyResponse",
]
