"""Reads shared by the workspace pages."""

from essterritoire.accounts.models import Activity
from essterritoire.territories.enums import Kind

# Later apps add their own counts here: (label, callable(workspace) -> int, url name).
HOME_COUNTERS = []


def register_home_counter(label, count, url_name=None):
    HOME_COUNTERS.append((label, count, url_name))


def _label(label, value):
    """A label given as (singular, plural) agrees with the value (French: 0 and 1 singular)."""
    if isinstance(label, tuple):
        return label[0] if value <= 1 else label[1]
    return label


def workspace_summary(workspace, user):
    counters = [
        (("Membre", "Membres"), workspace.memberships.count(), "accounts:members"),
        (
            ("Regroupement de communes", "Regroupements de communes"),
            workspace.groupings.filter(kind=Kind.GROUPING).count(),
            "territories:grouping-list",
        ),
    ]
    counters += [(label, count(workspace), url) for label, count, url in HOME_COUNTERS]
    counters = [
        {"label": _label(label, value), "value": value, "url": url}
        for label, value, url in counters
    ]
    activities = Activity.objects.filter(workspace=workspace).select_related("user")[:10]
    return {"counters": counters, "activities": activities}
