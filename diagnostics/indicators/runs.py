"""Regional data imports uploaded by staff, run by background tasks (diagnostics/tasks.py).

start() keeps the file and queues its check: a dry run of the import whose findings (errors,
counts, the first values) are kept on the IndicatorImport for the page. confirm() queues the
writing, which checks the file again (the reference data may have changed) and writes it in
one transaction with the record. Both move a progress bar; nothing is written before the
confirmation, nothing at all when the file has an error. A run whose worker stopped on the
way is marked failed after ABANDONED_AFTER, so that its page does not wait for ever.
"""

import logging
from contextlib import contextmanager
from datetime import timedelta

from django.utils import timezone

from diagnostics.enums import IndicatorImportStatus as Status
from diagnostics.indicators import forms
from diagnostics.indicators.importer import import_bytes
from diagnostics.models import IndicatorImport

logger = logging.getLogger(__name__)
ABANDONED_AFTER = timedelta(minutes=30)
WAITING = "En attente du traitement"
EXPIRED = "Le fichier déposé n'est plus disponible\u00a0: déposez-le à nouveau."
ABANDONED = "Le traitement s'est interrompu\u00a0: déposez le fichier à nouveau."
CRASHED = "Le traitement a échoué sur une erreur inattendue\u202f; l'équipe technique est prévenue."


def start(data, name, source, user):
    """Keep the uploaded bytes and queue their check; the new IndicatorImport."""
    record = IndicatorImport.objects.create(
        file_name=name[:255],
        source=source,
        created_by=user,
        status=Status.CHECKING,
        token=forms.stage(data, name),
        progress_label=WAITING,
        updated_at=timezone.now(),
    )
    _queue("check_indicator_import", record.pk)
    return record


def confirm(record):
    """Queue the writing of a checked import; False when it is not waiting for that."""
    moved = IndicatorImport.objects.filter(pk=record.pk, status=Status.CHECKED).update(
        status=Status.WRITING, progress=0, progress_label=WAITING, updated_at=timezone.now()
    )
    if moved:
        _queue("write_indicator_import", record.pk)
    return bool(moved)


def cancel(record):
    """Give up a checked import: its file is deleted; False when it is not waiting."""
    moved = IndicatorImport.objects.filter(pk=record.pk, status=Status.CHECKED).update(
        status=Status.CANCELED, token="", updated_at=timezone.now()
    )
    if moved:
        forms.discard(record.token)
    return bool(moved)


def fail_abandoned():
    """Mark failed the runs no worker has moved for ABANDONED_AFTER."""
    horizon = timezone.now() - ABANDONED_AFTER
    IndicatorImport.objects.filter(
        status__in=IndicatorImport.RUNNING, updated_at__lt=horizon
    ).update(status=Status.FAILED, error=ABANDONED, updated_at=timezone.now())


def run_check(pk):
    """The task of the check: a dry run; CHECKED with its findings, or REFUSED."""
    record = IndicatorImport.objects.filter(pk=pk, status=Status.CHECKING).first()
    if record is None:
        return
    with _failing(record):
        data = _staged(record)
        if data is None:
            return
        outcome = import_bytes(
            data,
            record.file_name,
            source=record.source,
            dry_run=True,
            progress=_reporter(record),
        )
        _checked(record, outcome)


def run_write(pk):
    """The task of the writing: the import, DONE in the same transaction as the values; or
    REFUSED when the file no longer passes (a territory gone since the check)."""
    record = IndicatorImport.objects.filter(pk=pk, status=Status.WRITING).first()
    if record is None:
        return
    token = record.token  # cleared by the import with the values written
    with _failing(record):
        data = _staged(record)
        if data is None:
            return
        outcome = import_bytes(
            data,
            record.file_name,
            source=record.source,
            user=record.created_by,
            record=record,
            progress=_reporter(record),
        )
        if outcome.errors:
            _checked(record, outcome)
        forms.discard(token)


def _checked(record, outcome):
    """Keep what a check found: CHECKED, or REFUSED with the file deleted."""
    record.layout, record.rows, record.report = outcome.layout, outcome.rows, report(outcome)
    record.status = Status.REFUSED if outcome.errors else Status.CHECKED
    if outcome.errors:
        forms.discard(record.token)
        record.token = ""
    record.progress, record.progress_label, record.updated_at = 100, "", timezone.now()
    record.save()


def report(outcome):
    """What the page shows of a check (JSON): counts, errors, the first values."""
    return {
        "layout_label": outcome.layout_label,
        "rows": outcome.rows,
        "created": outcome.created,
        "updated": outcome.updated,
        "unchanged": outcome.unchanged,
        "values": outcome.values,
        "errors": outcome.errors,
        "preview": [
            {
                "line": value.line,
                "territory": value.territory.name,
                "ref": value.territory.ref,
                "label": value.label,
                "code": value.code,
                "year": value.year,
                "value": str(value.value),
                "unit": value.unit,
                "source": value.source,
            }
            for value in outcome.preview
        ],
    }


def _queue(name, pk):
    """Queue a task of diagnostics/tasks.py (imported here: it imports this module)."""
    from diagnostics import tasks

    getattr(tasks, name).enqueue(pk)


def _staged(record):
    """The staged bytes, or None with the record failed (the file expired meanwhile)."""
    data = forms.staged(record.token)
    if data is None:
        _fail(record, EXPIRED)
    return data


def _reporter(record):
    def progress(percent, label):
        IndicatorImport.objects.filter(pk=record.pk).update(
            progress=percent, progress_label=label, updated_at=timezone.now()
        )

    return progress


@contextmanager
def _failing(record):
    """Mark the record failed if the run raises (logged), so that its page stops waiting."""
    try:
        yield
    except Exception:
        logger.exception("import de données régionales %s", record.pk)
        _fail(record, CRASHED)


def _fail(record, reason):
    IndicatorImport.objects.filter(pk=record.pk).update(
        status=Status.FAILED, error=reason, token="", updated_at=timezone.now()
    )
    forms.discard(record.token)
