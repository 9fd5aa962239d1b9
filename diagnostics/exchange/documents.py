"""Export a diagnostic to its JSON document, and recreate a diagnostic from one."""

import json

from django.db import transaction

import diagnostics.exchange.core  # noqa: F401 - registers the core sections
from diagnostics.exchange.actors import ActorResolver, ThemeResolver
from diagnostics.exchange.registry import SCHEMA_VERSION, sections
from diagnostics.exchange.schema import validate_document
from diagnostics.models import Diagnostic, MethodTemplate
from essterritoire.accounts.models import unique_slug
from essterritoire.territories.enums import Kind
from essterritoire.territories.models import Territory


class DocumentError(Exception):
    """The document does not fit: `errors` lists the reasons, nothing was written."""

    def __init__(self, errors):
        super().__init__("; ".join(errors))
        self.errors = errors


def export_diagnostic(diagnostic):
    document = {
        "schema_version": SCHEMA_VERSION,
        "title": diagnostic.title,
        "start_date": diagnostic.start_date.isoformat(),
    }
    for section in sections():
        document[section.name] = section.export(diagnostic)
    return document


def export_json(diagnostic):
    return json.dumps(export_diagnostic(diagnostic), ensure_ascii=False, indent=2)


def parse_json(raw):
    """The document in `raw` (bytes or text), or DocumentError for what is not JSON."""
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DocumentError([f"(document) : JSON illisible ({error})"]) from None


def import_diagnostic(document, *, workspace, user=None):
    """Create a diagnostic in `workspace` from `document`; all or nothing."""
    if not isinstance(document, dict):
        raise DocumentError(["(document) : un objet JSON est attendu"])
    errors = validate_document(document)
    if errors:
        raise DocumentError(errors)
    with transaction.atomic():
        diagnostic = _load(document, workspace, user)
    return diagnostic


def _load(document, workspace, user):
    context = {
        "workspace": workspace,
        "user": user,
        "actors": ActorResolver(workspace, user),
        "themes": ThemeResolver(workspace),
        "excerpts": {},
        "items": {},
        "errors": [],
    }
    context["resolve_territory"] = lambda entry, where: _territory(entry, where, context)
    territory = _territory(document["territory"], "territory", context)
    details = document.get("details", {})
    diagnostic = Diagnostic.objects.create(
        workspace=workspace,
        territory=territory,
        title=document["title"],
        start_date=document["start_date"],
        status=details.get("status", "preparation"),
        description=details.get("description", ""),
        method=_method(details.get("method"), workspace),
        created_by=user,
    )
    for section in sections():
        if section.name in document:
            section.load(diagnostic, document[section.name], context)
    if context["errors"]:
        raise DocumentError(context["errors"])
    diagnostic.refresh_from_db()
    return diagnostic


def _territory(entry, where, context):
    kind, code = entry["kind"], entry["code"]
    qs = Territory.objects.filter(kind=kind, code=code)
    if kind == Kind.GROUPING:
        qs = qs.filter(workspace=context["workspace"])
    territory = qs.first()
    if territory is None and kind == Kind.GROUPING and entry.get("communes"):
        territory = _grouping(entry, context["workspace"])
    if territory is None:
        context["errors"].append(f"{where} : territoire inconnu {kind}:{code}")
        raise DocumentError(context["errors"])
    return territory


def _grouping(entry, workspace):
    communes = list(Territory.objects.filter(kind=Kind.COMMUNE, code__in=entry["communes"]))
    slug = unique_slug(Territory, entry["code"], field="code", kind=Kind.GROUPING)
    grouping = Territory.objects.create(
        kind=Kind.GROUPING, code=slug, name=entry["name"], workspace=workspace
    )
    grouping.members.set(communes)
    return grouping


def _method(name, workspace):
    if not name:
        return None
    templates = MethodTemplate.objects.filter(name=name)
    return (
        templates.filter(workspace=workspace).first()
        or templates.filter(workspace__isnull=True).first()
    )
