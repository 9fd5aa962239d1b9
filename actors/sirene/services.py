"""Writes on SIRENE reference data: classification rules (each change reclassifies the stored
establishments) and import batches run in the background."""

import logging
import secrets

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from actors.enums import ImportStatus
from actors.models import ClassificationRule, Establishment, ImportBatch
from actors.sirene.classify import family_expression
from actors.sirene.importer import finish_batch, import_sirene
from essterritoire.territories.models import Territory

logger = logging.getLogger(__name__)


def establishments_reclassify():
    """Apply the stored rules to every stored establishment, in one UPDATE; how many changed."""
    family = family_expression()
    return Establishment.objects.exclude(family=family).update(family=family)


def _reclassified(dry_run):
    changed = establishments_reclassify()
    if dry_run:
        transaction.set_rollback(True)
    return changed


@transaction.atomic
def rule_create(*, kind, value, family, note="", dry_run=False):
    """Add a rule and reclassify; (rule, establishments changed). `dry_run`: rolled back,
    to tell staff what the change would do before they confirm it."""
    rule = ClassificationRule.objects.create(kind=kind, value=value, family=family, note=note)
    return rule, _reclassified(dry_run)


@transaction.atomic
def rule_update(*, rule, kind, value, family, note="", dry_run=False):
    """Change a rule and reclassify; establishments changed."""
    rule.kind, rule.value, rule.family, rule.note = kind, value, family, note
    rule.save()
    return _reclassified(dry_run)


@transaction.atomic
def rule_delete(*, rule, dry_run=False):
    """Delete a rule and reclassify; establishments changed."""
    ClassificationRule.objects.filter(pk=rule.pk).delete()
    return _reclassified(dry_run)


def import_batch_create(
    *, user, etablissements, unites_legales=None, territories=(), dry_run=False
):
    """Store the uploaded files under MEDIA_ROOT/imports/, record the batch and queue its
    import as a background task."""
    from actors.tasks import run_sirene_import

    folder = f"imports/{timezone.now():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}"
    paths = {"etablissements": _store(folder, etablissements)}
    if unites_legales:
        paths["unites_legales"] = _store(folder, unites_legales)
    with transaction.atomic():
        batch = ImportBatch.objects.create(
            files=", ".join(u.name for u in (etablissements, unites_legales) if u)[:500],
            options={
                **paths,
                "territories": [t.ref for t in territories],
                "territory_ids": [t.pk for t in territories],
            },
            dry_run=dry_run,
            created_by=user,
        )
    run_sirene_import.enqueue(batch.pk)
    return batch


def _store(folder, upload):
    return default_storage.save(f"{folder}/{get_valid_filename(upload.name)}", upload)


def import_batch_run(*, batch_id):
    """Run the import of a batch, recording its progress, then its summary and status."""
    batch = ImportBatch.objects.get(pk=batch_id)
    _set_progress(batch.pk, 0, "Démarrage", status=ImportStatus.RUNNING)
    options = batch.options
    territories = list(Territory.objects.filter(pk__in=options.get("territory_ids", [])))
    try:
        summary = import_sirene(
            default_storage.path(options["etablissements"]),
            default_storage.path(options["unites_legales"])
            if "unites_legales" in options
            else None,
            territories,
            dry_run=batch.dry_run,
            batch=batch,
            progress=Progress(batch.pk),
        )
    except Exception:
        logger.exception("Import SIRENE %s en échec", batch.pk)
        failure = {
            "errors": [
                {
                    "file": "",
                    "row": None,
                    "column": "",
                    "value": "",
                    "reason": "erreur inattendue : l'import est annulé",
                }
            ]
        }
        finish_batch(batch, failure, ImportStatus.FAILED)
        raise
    finish_batch(batch, summary, ImportStatus.FAILED if summary["errors"] else ImportStatus.DONE)


def _set_progress(batch_id, percent, label, **fields):
    ImportBatch.objects.filter(pk=batch_id).update(progress=percent, progress_label=label, **fields)


class Progress:
    """The progress callback of a batch: one UPDATE per change of percentage or step."""

    def __init__(self, batch_id):
        self.batch_id, self.last = batch_id, None

    def __call__(self, percent, label):
        if (percent, label) != self.last:
            self.last = (percent, label)
            _set_progress(self.batch_id, percent, label)
