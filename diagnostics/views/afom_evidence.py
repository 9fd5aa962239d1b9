"""An AFOM item's page: its evidence, with forms to add a reference or an interview excerpt."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from diagnostics import selectors
from diagnostics import services_afom as services
from diagnostics.enums import EvidenceKind
from diagnostics.forms_afom import ExcerptEvidenceForm, ReferenceEvidenceForm
from diagnostics.models import Evidence
from diagnostics.views.afom_items import ITEMS
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object

EVIDENCE = Evidence.objects.filter(item__deleted_at__isnull=True).select_related(
    "item__diagnostic__workspace", "excerpt__interview"
)


def _item_url(item):
    return reverse("diagnostics:afom-item-detail", args=[item.pk]) + "#preuves"


@with_object(ITEMS, Action.VIEW, pk="pk")
def afom_item_detail(request, item):
    """The item with its evidence; excerpts link back to their interview."""
    return _render_item(request, item)


def _render_item(request, item, **forms):
    can_change = can(request.user, item.diagnostic.workspace_id, Action.CHANGE)
    if can_change:
        forms.setdefault("reference_form", ReferenceEvidenceForm(prefix="reference"))
        forms.setdefault("excerpt_form", ExcerptEvidenceForm(prefix="extrait", item=item))
    context = {
        "diagnostic": item.diagnostic,
        "item": item,
        "evidence": selectors.item_evidence(item),
        "can_change": can_change,
        **forms,
    }
    return render(request, "diagnostics/afom/item_detail.html", context)


@with_object(ITEMS, Action.CHANGE, pk="pk")
@require_POST
def afom_evidence_add(request, item):
    """Attach a reference (title, citation, web address) or an excerpt of the diagnostic."""
    kind = request.POST.get("kind")
    if kind == EvidenceKind.REFERENCE:
        form = ReferenceEvidenceForm(request.POST, prefix="reference")
        if not form.is_valid():
            return _render_item(request, item, reference_form=form)
        fields = form.cleaned_data
    elif kind == EvidenceKind.EXCERPT:
        form = ExcerptEvidenceForm(request.POST, prefix="extrait", item=item)
        if not form.is_valid():
            return _render_item(request, item, excerpt_form=form)
        excerpt = form.cleaned_data["excerpt"]
        fields = {
            "excerpt": excerpt,
            "snapshot": {"interview_date": excerpt.interview.date.isoformat()},
        }
    else:
        messages.error(request, "Nature de preuve inconnue\u00a0: rien n'a été ajouté.")
        return redirect(_item_url(item))
    services.evidence_add(item=item, user=request.user, kind=kind, **fields)
    messages.success(request, "Preuve ajoutée.")
    return redirect(_item_url(item))


@with_object(EVIDENCE, Action.CHANGE, pk="pk")
@require_POST
def afom_evidence_delete(request, evidence):
    item = evidence.item
    services.evidence_remove(evidence=evidence, user=request.user)
    messages.success(request, "Preuve retirée de l'élément.")
    return redirect(_item_url(item))
