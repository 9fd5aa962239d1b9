"""The "Rapports PDF" block of an object's page (diagnostic, PTCE):
`{% load report_snapshots %}{% report_block "diagnostic" diagnostic %}`."""

from django import template

from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, workspace_of
from essterritoire.reports.models import ReportSnapshot
from essterritoire.reports.registry import report_kind

register = template.Library()


@register.inclusion_tag("reports/snapshots/_object_block.html", takes_context=True)
def report_block(context, kind_key, obj):
    """The object's latest completed report and a link to its reports page; nothing when
    the kind is not registered. One query."""
    try:
        kind = report_kind(kind_key)
    except LookupError:
        return {"kind": None}
    request = context.get("request")
    user = getattr(request, "user", None)
    latest = ReportSnapshot.objects.for_object(kind.key, obj).done().first()
    return {
        "kind": kind,
        "obj": obj,
        "latest": latest,
        "can_generate": bool(user) and can(user, workspace_of(obj), Action.CHANGE),
    }
