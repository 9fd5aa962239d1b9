"""The ptce app's part of the demo: the PTCE and the demo diagnostic's action plan."""

from actors.models import Actor
from diagnostics.demo import demo_document
from diagnostics.models import Diagnostic
from ptce.demo import seed_ptce
from ptce.demo_plans import seed_action_plan


def seed_ptce_and_plan(workspaces, log):
    workspace = workspaces["cc-pays-ancenis"]
    actors = list(Actor.objects.filter(workspace=workspace))
    ptce = seed_ptce(workspace, actors)
    log(f"PTCE : « {ptce.name} » ({ptce.members.count()} membres)")
    diagnostic = Diagnostic.objects.filter(
        workspace=workspace, title=demo_document()["title"]
    ).first()
    if diagnostic is not None:
        actions = seed_action_plan(diagnostic, actors)
        log(f"Plan d'action : {len(actions)} actions")
