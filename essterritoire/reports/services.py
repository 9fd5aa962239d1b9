"""Writes on report snapshots: request one (rendered by a background task), render it, delete
it. `request_snapshot` is what the pages and commands call; `snapshot_render` is the task's
body."""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from essterritoire.accounts.permissions import workspace_of, workspace_path
from essterritoire.reports.enums import SnapshotStatus
from essterritoire.reports.models import ReportSnapshot
from essterritoire.reports.registry import report_kind
from essterritoire.reports.rendering import render_pdf

logger = logging.getLogger(__name__)

FAILURE_MESSAGE = (
    "La génération du PDF a échoué. L'erreur est enregistrée dans le journal du serveur\u00a0: "
    "relancez la génération et, si l'échec se répète, prévenez l'administrateur du site."
)
GONE_MESSAGE = "Le document n'existe plus\u00a0: il a été supprimé avant la génération du PDF."
UNKNOWN_KIND_MESSAGE = "Ce type de rapport n'est plus disponible sur ce site."
ABANDONED_MESSAGE = (
    "La génération n'a pas abouti dans les {minutes} minutes\u00a0: le traitement en "
    "arrière-plan s'est sans doute arrêté. Relancez la génération."
)


class SnapshotError(Exception):
    """A failure whose French message can be shown as it is."""


def clean_filename(name):
    """A file name safe on every system, accents kept: 'Rapport ESS — Ancenis' ->
    'Rapport-ESS-Ancenis'."""
    name = re.sub(r"[^\w.-]+", "-", str(name)).strip("-._")
    return (name or "rapport")[:150]


def request_snapshot(kind_key, obj, options=None, author=None):
    """Record a pending snapshot of `obj`'s report with the cleaned `options` and queue its
    rendering; returns the snapshot (already rendered when tasks run immediately)."""
    from essterritoire.reports.tasks import render_snapshot

    kind = report_kind(kind_key)
    snapshot = ReportSnapshot.objects.create(
        workspace_id=workspace_of(obj),
        kind=kind.key,
        object_id=obj.pk,
        title=str(kind.title(obj))[:300],
        filename=clean_filename(kind.filename(obj)),
        options=kind.clean_options(options),
        author=author,
        step="En attente de traitement",
    )
    render_snapshot.enqueue(snapshot.pk)
    snapshot.refresh_from_db()
    return snapshot


def snapshot_regenerate(*, snapshot, obj, author=None):
    """A new snapshot of the same object with the same options."""
    return request_snapshot(snapshot.kind, obj, snapshot.options, author)


def snapshot_delete(*, snapshot):
    """Delete a snapshot; its file goes once the deletion is committed (signals.py)."""
    snapshot.delete()


def fail_abandoned(queryset=None, now=None):
    """Mark failed the snapshots of `queryset` (default: all) still waiting or rendering
    after settings.REPORT_RENDER_TIMEOUT_MINUTES: their worker stopped, and the page would
    otherwise show a progress bar that never moves. One UPDATE; returns how many."""
    minutes = settings.REPORT_RENDER_TIMEOUT_MINUTES
    limit = (now or timezone.now()) - timedelta(minutes=minutes)
    queryset = ReportSnapshot.objects.all() if queryset is None else queryset
    return (
        queryset.in_progress()
        .filter(created_at__lt=limit)
        .update(
            status=SnapshotStatus.FAILED,
            error=ABANDONED_MESSAGE.format(minutes=minutes),
            finished_at=now or timezone.now(),
        )
    )


def snapshot_render(*, snapshot_id):
    """Render a pending snapshot, recording its progress; on failure, a French message, the
    exception in the log and no file left behind."""
    snapshot = ReportSnapshot.objects.filter(pk=snapshot_id).first()
    if snapshot is None or snapshot.status != SnapshotStatus.PENDING:
        return
    _update(snapshot_id, status=SnapshotStatus.RUNNING, started_at=timezone.now())
    try:
        kind = report_kind(snapshot.kind)
    except LookupError:
        return _fail(snapshot_id, UNKNOWN_KIND_MESSAGE)
    try:
        obj = _object_of(snapshot, kind)
        rendered = render_pdf(kind.key, obj, snapshot.options, progress=Progress(snapshot_id))
        _store(snapshot, rendered)
    except SnapshotError as error:
        _fail(snapshot_id, str(error))
    except Exception:
        logger.exception(
            "Rapport PDF %s (%s %s) en échec", snapshot_id, kind.key, snapshot.object_id
        )
        _fail(snapshot_id, FAILURE_MESSAGE)


def _object_of(snapshot, kind):
    lookup = {"pk": snapshot.object_id, workspace_path(kind.model): snapshot.workspace_id}
    try:
        return kind.model._default_manager.get(**lookup)
    except kind.model.DoesNotExist:
        raise SnapshotError(GONE_MESSAGE) from None


def _store(snapshot, rendered):
    """Write the file, then the row; the file is removed if the row cannot take it (or the
    snapshot was deleted meanwhile)."""
    field = ReportSnapshot._meta.get_field("file")
    name = field.storage.save(
        field.generate_filename(snapshot, "rapport.pdf"), ContentFile(rendered.pdf)
    )
    try:
        with transaction.atomic():
            updated = _update(
                snapshot.pk,
                status=SnapshotStatus.DONE,
                progress=100,
                step="Terminé",
                file=name,
                size=len(rendered.pdf),
                pages=rendered.pages,
                fingerprint=rendered.fingerprint,
                options=rendered.options,
                timings={key: round(value, 4) for key, value in rendered.timings.items()},
                finished_at=timezone.now(),
                error="",
            )
    except Exception:
        field.storage.delete(name)
        raise
    if not updated:
        field.storage.delete(name)


def _fail(snapshot_id, message):
    _update(
        snapshot_id,
        status=SnapshotStatus.FAILED,
        step="Échec",
        error=message,
        finished_at=timezone.now(),
    )


def _update(snapshot_id, **fields):
    return ReportSnapshot.objects.filter(pk=snapshot_id).update(**fields)


class Progress:
    """The progress callback of a snapshot: one UPDATE per change of percentage or step."""

    def __init__(self, snapshot_id):
        self.snapshot_id, self.last = snapshot_id, None

    def __call__(self, percent, message):
        percent = max(0, min(100, int(percent)))
        if (percent, message) != self.last:
            self.last = (percent, message)
            _update(self.snapshot_id, progress=percent, step=str(message)[:200])
