"""Report snapshots: a PDF rendered once, kept with what it was made from.

A snapshot belongs to the workspace of the object it is about (a diagnostic, a PTCE): the
permission kernel scopes it through `workspace`. It points at its object by the kind's key and
the object's id (kinds are registered by apps above the kernel, which cannot have a foreign key
to them). Its file lives under MEDIA_ROOT/reports/, with a random name, and is only ever served
by the download view, after the permission check.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from essterritoire.reports.enums import SnapshotStatus


def snapshot_upload_to(snapshot, filename):
    """A random name: the file's path reveals nothing and cannot be guessed."""
    return f"reports/{snapshot.workspace_id}/{secrets.token_urlsafe(24)}.pdf"


class ReportSnapshotQuerySet(models.QuerySet):
    def for_object(self, kind_key, obj):
        """The snapshots of one object, newest first."""
        return self.filter(kind=kind_key, object_id=obj.pk).order_by("-created_at", "-pk")

    def done(self):
        return self.filter(status=SnapshotStatus.DONE)

    def in_progress(self):
        return self.filter(status__in=(SnapshotStatus.PENDING, SnapshotStatus.RUNNING))


class ReportSnapshot(models.Model):
    """One rendering of a report: its PDF, options, author, and the fingerprint of the data it
    was made from (a snapshot whose fingerprint differs from the data's current one is stale).
    Rendered in the background: `status`, `progress` and `step` follow the task."""

    workspace = models.ForeignKey(
        "accounts.Workspace", models.CASCADE, related_name="report_snapshots"
    )
    kind = models.CharField("type de rapport", max_length=50)
    object_id = models.PositiveBigIntegerField("identifiant de l'objet")
    title = models.CharField("titre", max_length=300)
    filename = models.CharField("nom du fichier", max_length=200)
    options = models.JSONField("options", default=dict, blank=True)
    fingerprint = models.CharField("empreinte des données", max_length=64, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur",
    )
    created_at = models.DateTimeField("demandé le", default=timezone.now)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    status = models.CharField(
        "état", max_length=10, choices=SnapshotStatus.choices, default=SnapshotStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField("avancement (%)", default=0)
    step = models.CharField("étape", max_length=200, blank=True)
    file = models.FileField("fichier PDF", upload_to=snapshot_upload_to, max_length=200, blank=True)
    size = models.PositiveBigIntegerField("taille (octets)", null=True, blank=True)
    pages = models.PositiveIntegerField("pages", null=True, blank=True)
    timings = models.JSONField("durées (s)", default=dict, blank=True)
    error = models.TextField("erreur", blank=True)

    objects = ReportSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = "rapport PDF"
        verbose_name_plural = "rapports PDF"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["workspace", "kind", "object_id", "-created_at"],
                name="snapshot_object_newest",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="snapshot_progress_max_100"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.created_at):%d/%m/%Y %H:%M})"

    @property
    def running(self):
        return self.status in (SnapshotStatus.PENDING, SnapshotStatus.RUNNING)

    @property
    def is_done(self):
        return self.status == SnapshotStatus.DONE and bool(self.file)

    @property
    def failed(self):
        return self.status == SnapshotStatus.FAILED

    def download_name(self):
        """The download's file name: the kind's name for the object and the day it was made."""
        return f"{self.filename}-{timezone.localtime(self.created_at):%Y-%m-%d}.pdf"

    def is_stale(self, current_fingerprint):
        """True when the data changed since this snapshot was rendered."""
        return bool(
            self.is_done and current_fingerprint and self.fingerprint != current_fingerprint
        )
