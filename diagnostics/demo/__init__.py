"""Demo data of the diagnostics app: the Pays d'Ancenis diagnostic, loaded from its JSON
document through the same import as any archived diagnostic."""

import json
from pathlib import Path

from diagnostics.exchange.documents import import_diagnostic
from diagnostics.models import Diagnostic

DOCUMENT = Path(__file__).with_name("pays-ancenis.json")


def demo_document():
    return json.loads(DOCUMENT.read_text(encoding="utf-8"))


def seed_diagnostic(workspace, user=None):
    """The demo diagnostic of `workspace` (created once; later runs return it unchanged)."""
    document = demo_document()
    existing = Diagnostic.objects.filter(workspace=workspace, title=document["title"]).first()
    if existing is not None:
        return existing, False
    return import_diagnostic(document, workspace=workspace, user=user), True
