"""Writes of the indicators feature: deciding on AFOM suggestions."""

from django.core.exceptions import ValidationError
from django.db import transaction

from diagnostics.enums import EvidenceKind
from diagnostics.models import Evidence, SuggestionDecision
from diagnostics.services_afom import afom_item_create

ALREADY_DECIDED = "Cette suggestion a déjà été traitée."


def _check_undecided(diagnostic, suggestion):
    if SuggestionDecision.objects.filter(diagnostic=diagnostic, key=suggestion.key).exists():
        raise ValidationError(ALREADY_DECIDED)


@transaction.atomic
def suggestion_accept(*, diagnostic, suggestion, user):
    """Turn a suggestion into an ordinary AFOM item whose evidence is the indicator, with the
    figures as they are now (Evidence.snapshot); returns the item."""
    _check_undecided(diagnostic, suggestion)
    evidence = Evidence(
        kind=EvidenceKind.INDICATOR,
        title=suggestion.evidence_title[:255],
        citation=suggestion.citation,
        snapshot=suggestion.snapshot,
    )
    data = {
        "quadrant": suggestion.quadrant,
        "title": suggestion.title[:255],
        "description": suggestion.description,
    }
    item = afom_item_create(diagnostic=diagnostic, user=user, data=data, evidence=[evidence])
    _decide(diagnostic, suggestion, user, SuggestionDecision.ACCEPTED, item)
    return item


@transaction.atomic
def suggestion_reject(*, diagnostic, suggestion, user):
    """Set the suggestion aside: it is not offered again."""
    _check_undecided(diagnostic, suggestion)
    return _decide(diagnostic, suggestion, user, SuggestionDecision.REJECTED)


def _decide(diagnostic, suggestion, user, status, item=None):
    return SuggestionDecision.objects.create(
        diagnostic=diagnostic,
        key=suggestion.key,
        quadrant=suggestion.quadrant,
        title=suggestion.title[:255],
        status=status,
        item=item,
        decided_by=user,
    )
