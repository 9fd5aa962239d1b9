"""Cleanup: a snapshot's file goes with it, and an object's snapshots go with the object.

Snapshots point at their object by kind and id, without a foreign key (the kernel cannot refer
to the apps' models), so the deletion of a registered kind's object is caught here
(`register_report_kind` calls `watch_deletions`).
"""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from essterritoire.reports.models import ReportSnapshot
from essterritoire.reports.registry import report_kinds


@receiver(post_delete, sender=ReportSnapshot)
def delete_snapshot_file(sender, instance, **kwargs):
    if instance.file:
        storage, name = instance.file.storage, instance.file.name
        # After the commit: a rolled-back deletion must keep its file.
        transaction.on_commit(lambda: storage.delete(name))


def watch_deletions(model):
    """Delete the snapshots of `model`'s objects with them. Connected to the kinds' models
    only: a receiver for every model would stop Django's fast deletes everywhere."""
    post_delete.connect(
        delete_object_snapshots, sender=model, dispatch_uid=f"report-snapshots-{model._meta.label}"
    )


def delete_object_snapshots(sender, instance, **kwargs):
    for kind in report_kinds():
        if kind.model is sender:
            ReportSnapshot.objects.filter(kind=kind.key, object_id=instance.pk).delete()
