"""Actors and themes as the document names them: by name and SIRET, themes by name."""

from actors.enums import ActorKind
from actors.models import Actor, Theme
from essterritoire.territories.text import normalize


def ref(actor):
    return {"name": actor.name, "siret": actor.siret or None, "kind": actor.kind}


class ActorResolver:
    """Finds the workspace's actor a document names: by SIRET, else by name; creates it
    when the workspace has none (an import into another instance)."""

    def __init__(self, workspace, user=None):
        self.workspace = workspace
        self.user = user
        actors = list(Actor.objects.filter(workspace=workspace))
        self.by_siret = {a.siret: a for a in actors if a.siret}
        self.by_name = {}
        for actor in actors:
            self.by_name.setdefault(actor.normalized_name, actor)

    def get(self, entry):
        siret = entry.get("siret")
        found = self.by_siret.get(siret) if siret else None
        found = found or self.by_name.get(normalize(entry["name"]))
        return found or self._create(entry)

    def get_many(self, entries):
        return [self.get(entry) for entry in entries]

    def _create(self, entry):
        kind = entry.get("kind") if entry.get("kind") in ActorKind.values else ActorKind.AUTRE
        actor = Actor.objects.create(
            workspace=self.workspace,
            name=entry["name"],
            siret=entry.get("siret") or "",
            kind=kind,
            created_by=self.user,
        )
        if actor.siret:
            self.by_siret[actor.siret] = actor
        self.by_name[actor.normalized_name] = actor
        return actor


class ThemeResolver:
    """The workspace's themes by name, created when missing."""

    def __init__(self, workspace):
        self.workspace = workspace
        self.by_name = {t.name: t for t in Theme.objects.filter(workspace=workspace)}

    def get(self, name):
        if not name:
            return None
        if name not in self.by_name:
            self.by_name[name] = Theme.objects.create(workspace=self.workspace, name=name)
        return self.by_name[name]

    def get_many(self, names):
        return [self.get(name) for name in names]
