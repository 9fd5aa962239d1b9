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


def seed_reports(workspaces, log):
    """The demo's first reports, so that an élu has something to download: the diagnostic's
    full report (annex included) and the PTCE sheet, queued for the task worker (rendered at
    once where tasks run immediately). A report already there, or on its way, is kept."""
    from essterritoire.accounts.models import User
    from essterritoire.reports.enums import SnapshotStatus
    from essterritoire.reports.models import ReportSnapshot
    from essterritoire.reports.services import request_snapshot
    from ptce.models import Ptce

    workspace = workspaces["cc-pays-ancenis"]
    author = User.objects.filter(email="editrice@ancenis.demo").first()
    documents = [
        ("diagnostic", Diagnostic.objects.filter(workspace=workspace).order_by("pk").first()),
        ("ptce", Ptce.objects.filter(workspace=workspace).order_by("pk").first()),
    ]
    for kind, obj in documents:
        if obj is None:
            continue
        kept = ReportSnapshot.objects.filter(kind=kind, object_id=obj.pk).exclude(
            status=SnapshotStatus.FAILED
        )
        if kept.exists():
            log(f"Rapport PDF « {obj} » déjà présent")
            continue
        options = {"annex": True} if kind == "diagnostic" else None
        snapshot = request_snapshot(kind, obj, options, author)
        state = "produit" if snapshot.status == SnapshotStatus.DONE else "demandé au worker"
        log(f"Rapport PDF « {obj} » {state}")
