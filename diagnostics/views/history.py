"""The history of a diagnostic: who changed what, filtered by kind of object; a deleted AFOM
item can be restored from it (the restore itself is the AFOM board's view)."""

from django.shortcuts import render

from diagnostics.enums import HistoryAction
from diagnostics.history import field_label, model_for
from diagnostics.models import AfomItem, Diagnostic
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object
from essterritoire.pagination import paginate

RESTORABLE_TYPE = "afom_item"


@with_object(Diagnostic, Action.VIEW, pk="pk")
def diagnostic_history(request, diagnostic):
    entries = diagnostic.history.select_related("user").order_by("-at", "-pk")
    types = _object_types(diagnostic)
    chosen = request.GET.get("objet", "")
    if chosen in types:
        entries = entries.filter(object_type=chosen)
    page = paginate(request, entries, per_page=50)
    can_change = can(request.user, diagnostic.workspace_id, Action.CHANGE)
    _describe(page.object_list, restorable=can_change)
    context = {
        "diagnostic": diagnostic,
        "page": page,
        "types": types,
        "chosen": chosen,
        "can_change": can_change,
    }
    return render(request, "diagnostics/diagnostic_history.html", context)


def _object_types(diagnostic):
    """{object_type: label} of the kinds of object this diagnostic's history mentions."""
    names = diagnostic.history.order_by().values_list("object_type", flat=True).distinct()
    return dict(sorted((name, _type_label(name)) for name in names))


def _type_label(object_type):
    model = model_for(object_type)
    if model is None:
        return object_type
    label = str(model._meta.verbose_name)
    return label[:1].upper() + label[1:]


def _describe(entries, restorable):
    """Give each entry its readable changes, its kind, and whether it can be restored."""
    alive = _alive_items(entries) if restorable else set()
    for entry in entries:
        model = model_for(entry.object_type)
        entry.type_label = _type_label(entry.object_type)
        entry.change_rows = [
            (field_label(model, name), *_pair(values)) for name, values in entry.changes.items()
        ]
        entry.restorable = (
            restorable
            and entry.action == HistoryAction.DELETED
            and entry.object_type == RESTORABLE_TYPE
            and entry.object_id not in alive
        )


def _alive_items(entries):
    """Ids of the AFOM items, deleted in these entries, that are back in the matrix."""
    ids = [
        e.object_id
        for e in entries
        if e.action == HistoryAction.DELETED and e.object_type == RESTORABLE_TYPE
    ]
    if not ids:
        return set()
    return set(AfomItem.objects.alive().filter(pk__in=ids).values_list("pk", flat=True))


def _pair(values):
    """(before, after) of a change, "—" standing for an empty value."""
    if not (isinstance(values, (list, tuple)) and len(values) == 2):
        values = ("", values)
    return tuple("—" if value in ("", None) else value for value in values)
