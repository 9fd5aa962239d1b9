"""Background task of the surveys: sending invitation and reminder e-mails (Django tasks API;
`manage.py db_worker` runs it, the tests and the demo run it at once)."""

import logging

from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from diagnostics.models import SurveyInvitation, SurveyMailing
from diagnostics.surveys.enums import MailingKind
from diagnostics.surveys.invitations import link_of, mailing_targets

logger = logging.getLogger(__name__)
BATCH = 50
SUBJECTS = {
    MailingKind.INVITATION: "Enquête\u00a0: {title}",
    MailingKind.REMINDER: "Rappel — enquête\u00a0: {title}",
}


@task()
def send_mailing(mailing_id):
    """Send the e-mails of SurveyMailing `mailing_id`, recording the progress as it goes."""
    mailing = SurveyMailing.objects.select_related("survey__diagnostic__workspace").get(
        pk=mailing_id
    )
    targets = list(mailing_targets(mailing.survey, mailing.kind))
    SurveyMailing.objects.filter(pk=mailing.pk).update(total=len(targets))
    with get_connection() as connection:
        for start in range(0, len(targets), BATCH):
            _send_batch(mailing, targets[start : start + BATCH], connection)
    SurveyMailing.objects.filter(pk=mailing.pk).update(finished_at=timezone.now())


def _send_batch(mailing, invitations, connection):
    sent = []
    failed = 0
    for invitation in invitations:
        try:
            connection.send_messages([_message(mailing, invitation)])
            sent.append(invitation.pk)
        except OSError:
            logger.exception("Envoi de l'enquête impossible (invitation %s)", invitation.pk)
            failed += 1
    now = timezone.now()
    done = SurveyInvitation.objects.filter(pk__in=sent)
    if mailing.kind == MailingKind.INVITATION:
        done.update(sent_at=now)
    else:
        done.update(reminded_at=now, reminder_count=F("reminder_count") + 1)
    SurveyMailing.objects.filter(pk=mailing.pk).update(
        sent=F("sent") + len(sent), failed=F("failed") + failed
    )


def _message(mailing, invitation):
    survey = mailing.survey
    context = {
        "survey": survey,
        "workspace": survey.diagnostic.workspace,
        "invitation": invitation,
        "contact": invitation.contact,
        "url": link_of(invitation),
        "reminder": mailing.kind == MailingKind.REMINDER,
    }
    body = render_to_string("diagnostics/surveys/emails/invitation.txt", context)
    subject = SUBJECTS[mailing.kind].format(title=survey.title)
    return EmailMessage(subject, body, to=[invitation.contact.email], connection=None)
