"""Invitations with personal links, the e-mails that carry them, and the links CSV.

Consent rule: an e-mail (invitation or reminder) goes only to a contact of the actor who
consents to be contacted (Contact.consent) and has an e-mail address, checked again when the
e-mail is sent. An actor without such a contact is invited all the same: its link is in the
links CSV, without any address, to be handed over in person.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, Contact
from diagnostics.models import SurveyInvitation, SurveyMailing, SurveyResponse
from diagnostics.surveys import tokens
from diagnostics.surveys.enums import MailingKind


def consenting_contacts():
    return Contact.objects.filter(consent=True).exclude(email="").order_by("name", "pk")


def invitable_actors(survey, *, kinds=(), theme=None, commune=None):
    """The workspace's actors not invited yet, filtered by kind (ESS family or partner),
    theme and commune; each with `reachable` (a consenting contact with an e-mail)."""
    actors = Actor.objects.filter(workspace_id=survey.diagnostic.workspace_id).exclude(
        survey_invitations__survey=survey
    )
    if kinds:
        actors = actors.filter(kind__in=kinds)
    if theme is not None:
        actors = actors.filter(themes=theme)
    if commune is not None:
        actors = actors.filter(commune=commune)
    reachable = consenting_contacts().filter(actor=OuterRef("pk"))
    return actors.annotate(reachable=Exists(reachable)).select_related("commune").distinct()


@transaction.atomic
def invitations_create(*, survey, actors):
    """Invite `actors` (those already invited are skipped); returns the new invitations."""
    actors = [a for a in actors if a.workspace_id == survey.diagnostic.workspace_id]
    done = set(survey.invitations.values_list("actor_id", flat=True))
    contacts = {}
    for contact in consenting_contacts().filter(actor__in=actors):
        contacts.setdefault(contact.actor_id, contact)
    rows = []
    for actor in actors:
        if actor.pk in done:
            continue
        done.add(actor.pk)
        nonce, token_hash = tokens.issue()
        contact = contacts.get(actor.pk)
        rows.append(
            SurveyInvitation(
                survey=survey, actor=actor, contact=contact, nonce=nonce, token_hash=token_hash
            )
        )
    return SurveyInvitation.objects.bulk_create(rows)


@transaction.atomic
def invitation_delete(*, invitation):
    """Withdraw an invitation and the answers given through it (deleting the actor instead
    keeps its answers, without the actor)."""
    SurveyResponse.objects.filter(invitation=invitation).delete()
    invitation.delete()


def answer_url(token):
    return settings.SITE_URL + reverse("diagnostics:survey-answer", args=[token])


def public_url(token):
    return settings.SITE_URL + reverse("diagnostics:survey-public", args=[token])


def link_of(invitation):
    token = tokens.token_of(invitation.nonce, invitation.token_hash)
    return answer_url(token) if token else ""


def invitation_for_token(token):
    """The invitation a personal link opens, with its survey and response, or None."""
    token_hash = tokens.lookup_hash(token)
    if token_hash is None:
        return None
    invitations = SurveyInvitation.objects.select_related("survey", "actor")
    return invitations.filter(token_hash=token_hash).first()


def mailing_targets(survey, kind):
    """The invitations a mailing would write to: not sent yet (invitations) or sent without
    a submitted answer (reminders); always to a consenting contact with an e-mail."""
    invitations = survey.invitations.filter(
        contact__consent=True, contact__email__gt=""
    ).select_related("contact", "actor")
    if kind == MailingKind.INVITATION:
        return invitations.filter(sent_at__isnull=True)
    answered = Q(response__submitted_at__isnull=False)
    return invitations.filter(sent_at__isnull=False).exclude(answered)


@transaction.atomic
def mailing_start(*, survey, user, kind):
    """Record a mailing and queue the task that sends it (after the commit); None when there
    is nobody to write to."""
    from diagnostics.surveys.tasks import send_mailing

    total = mailing_targets(survey, kind).count()
    if not total:
        return None
    mailing = SurveyMailing.objects.create(survey=survey, kind=kind, total=total, created_by=user)
    transaction.on_commit(lambda: send_mailing.enqueue(mailing.pk))
    return mailing


def invitation_rows(survey):
    """The invitations with actor, commune, contact and response, for lists and the CSV."""
    return survey.invitations.select_related("actor__commune", "contact", "response").order_by(
        "actor__normalized_name", "pk"
    )


def status_of(invitation):
    response = getattr(invitation, "response", None)
    if response is not None and response.submitted_at:
        return "Répondu"
    if response is not None:
        return "Commencé"
    if invitation.opened_at:
        return "Lien ouvert"
    return "Envoyée" if invitation.sent_at else "Non envoyée"


def mark_opened(invitation):
    if invitation.opened_at is None:
        invitation.opened_at = timezone.now()
        invitation.save(update_fields=["opened_at"])


LINK_HEADERS = [
    "Structure",
    "Type",
    "Commune",
    "Contact",
    "E-mail (contact consentant)",
    "Lien personnel",
    "Envoyée le",
    "Relances",
    "État",
]


def link_rows(survey):
    """One row per invitation for a mail merge; the address only of a consenting contact."""
    for invitation in invitation_rows(survey):
        contact = invitation.contact if _consents(invitation.contact) else None
        yield [
            invitation.actor.name,
            invitation.actor.get_kind_display(),
            invitation.actor.commune.name if invitation.actor.commune else "",
            contact.name if contact else "",
            contact.email if contact else "",
            link_of(invitation),
            invitation.sent_at,
            invitation.reminder_count,
            status_of(invitation),
        ]


def _consents(contact):
    return contact is not None and contact.consent and bool(contact.email)
