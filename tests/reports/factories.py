"""factory_boy factories for report snapshots (a completed one, with a small file)."""

import factory
from django.utils import timezone

from essterritoire.reports.enums import SnapshotStatus
from essterritoire.reports.models import ReportSnapshot

PDF_BYTES = b"%PDF-1.7\n% rapport d'essai\n%%EOF\n"


class ReportSnapshotFactory(factory.django.DjangoModelFactory):
    """A completed snapshot of `obj` (pass obj=...; kind "essai" by default)."""

    class Meta:
        model = ReportSnapshot
        exclude = ("obj",)

    obj = None
    workspace = factory.LazyAttribute(lambda o: o.obj.workspace)
    kind = "essai"
    object_id = factory.LazyAttribute(lambda o: o.obj.pk)
    title = factory.LazyAttribute(lambda o: str(o.obj))
    filename = "essai-rapport"
    options = factory.LazyFunction(lambda: {"sections": ["summary"], "anonymise": True})
    fingerprint = "0" * 64
    status = SnapshotStatus.DONE
    progress = 100
    step = "Terminé"
    pages = 3
    size = len(PDF_BYTES)
    file = factory.django.FileField(data=PDF_BYTES, filename="rapport.pdf")
    finished_at = factory.LazyFunction(timezone.now)
