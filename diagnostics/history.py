"""The history of a diagnostic: who changed what, on the diagnostic, its phases, AFOM items...

Services record entries; they never decide what is shown. Usage in a service:

    before = state_of(item)
    item.title = "..."
    item.save()
    history_record_change(diagnostic, by, item, before)

`changes` hold readable values (choice labels, names of related objects, dates as 23/11/2026)
as they were at the time, so the page shows them even after a theme is renamed or deleted.
`snapshot` holds the raw field values (`snapshot_of`), enough to recreate a deleted row.
"""

import re
from datetime import date, datetime
from decimal import Decimal

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone

from diagnostics.enums import HistoryAction
from diagnostics.models import HistoryEntry

# Fields that change on every save and say nothing to people.
IGNORED_FIELDS = {"id", "created_at", "updated_at", "created_by", "deleted_at"}


def object_type_of(obj):
    """The name an entry gives its object's model: AfomItem -> "afom_item"."""
    return _snake(type(obj).__name__)


def _snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def history_record(diagnostic, user, action, obj, changes=None, snapshot=None):
    """Add an entry to the history of `diagnostic` and return it.

    `action` is a HistoryAction; `obj` the object concerned (call before `obj.delete()`, while
    it still has its pk); `changes` a {field name: [before, after]} dict (`changes_between`);
    `snapshot` a dict of raw values (`snapshot_of`), for deleted objects that can be restored.
    """
    return HistoryEntry.objects.create(
        diagnostic=diagnostic,
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=object_type_of(obj),
        object_id=obj.pk,
        object_repr=str(obj)[:300],
        changes=changes or {},
        snapshot=snapshot or {},
    )


def history_record_change(diagnostic, user, obj, before):
    """Record what changed on `obj` since `before` (a `state_of` taken earlier); nothing is
    recorded, and None returned, when no field changed."""
    changes = changes_between(before, state_of(obj))
    if not changes:
        return None
    return history_record(diagnostic, user, HistoryAction.CHANGED, obj, changes=changes)


def state_of(obj, fields=None):
    """{field name: readable value} of the object's editable fields (or of `fields`)."""
    return {
        field.name: _readable(obj, field)
        for field in _fields(type(obj))
        if fields is None or field.name in fields
    }


def changes_between(before, after):
    """{field name: [before, after]} for the fields whose value differs in two states."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def snapshot_of(obj):
    """{attname: raw JSON-safe value} of every concrete field (foreign keys as their id)."""
    return {
        field.attname: _json_safe(getattr(obj, field.attname))
        for field in type(obj)._meta.concrete_fields
    }


def model_for(object_type):
    """The diagnostics model an entry's `object_type` names, or None."""
    for model in apps.get_app_config("diagnostics").get_models():
        if _snake(model.__name__) == object_type:
            return model
    return None


def field_label(model, name):
    """The verbose name of a field of `model`, capitalised; the name itself when unknown."""
    try:
        label = model._meta.get_field(name).verbose_name
    except (AttributeError, FieldDoesNotExist):
        return name
    return str(label)[:1].upper() + str(label)[1:]


def _fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in IGNORED_FIELDS and field.editable
    ]


def _readable(obj, field):
    if field.choices:
        value = getattr(obj, field.attname)
        return str(dict(field.flatchoices).get(value, value)) if value not in (None, "") else ""
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else ""
    return _display(getattr(obj, field.attname))


def _display(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def _json_safe(value):
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, dict, str, int, float, bool)) or value is None:
        return value
    return str(value)
