"""Who changed what on diagnostics, phases and AFOM items."""

from django.conf import settings
from django.db import models

from diagnostics.enums import HistoryAction


class HistoryEntry(models.Model):
    """One change: the object, the action, the fields before and after, and a snapshot of
    the object as it was (enough to restore a deleted AFOM item)."""

    workspace_path = "diagnostic__workspace"

    diagnostic = models.ForeignKey("diagnostics.Diagnostic", models.CASCADE, related_name="history")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField("date", auto_now_add=True, db_index=True)
    action = models.CharField("action", max_length=10, choices=HistoryAction.choices)
    object_type = models.CharField("objet", max_length=40)
    object_id = models.PositiveBigIntegerField()
    object_repr = models.CharField("intitulé", max_length=300)
    changes = models.JSONField("modifications", default=dict, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "historique"
        verbose_name_plural = "historique"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.get_action_display()} {self.object_repr}"
