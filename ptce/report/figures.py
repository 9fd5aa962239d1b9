"""The action plan's figure in the diagnostic report's key figures."""

from django.db.models import Count, Q

from diagnostics.report.registry import KeyFigure
from ptce.enums import ActionStatus
from ptce.models import Action


def _actions_figure(diagnostic):
    """{"value": actions of the plan, "note": how many are done and under way}; None without
    a plan. One query."""
    counts = Action.objects.filter(objective__axis__diagnostic=diagnostic).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=ActionStatus.DONE)),
        ongoing=Count("pk", filter=Q(status=ActionStatus.ONGOING)),
    )
    if not counts["total"]:
        return None
    return {
        "value": counts["total"],
        "note": f"dont {counts['done']} réalisée(s) et {counts['ongoing']} en cours",
    }


ACTIONS_FIGURE = KeyFigure(
    key="actions", label="Actions du plan", order=10, collect=_actions_figure
)
