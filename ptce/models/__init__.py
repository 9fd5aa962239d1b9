from ptce.models.poles import (
    AnimationYear,
    CooperationProject,
    FundingLine,
    Member,
    Mutualisation,
    Ptce,
)

__all__ = [
    "AnimationYear",
    "CooperationProject",
    "FundingLine",
    "Member",
    "Mutualisation",
    "Ptce",
]

# Action plans (post-diagnostic support)
from ptce.models.plans import (  # noqa: E402
    Action,
    ActionFunding,
    ActionIndicator,
    ActionUpdate,
    Axis,
    IndicatorValue,
    Objective,
)

__all__ += [
    "Action",
    "ActionFunding",
    "ActionIndicator",
    "ActionUpdate",
    "Axis",
    "IndicatorValue",
    "Objective",
]
