"""Invitations of a survey: choose actors by filters, send e-mails and reminders (a background
task whose progress the page polls), download the personal links for a mail merge."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from actors.models import Actor
from diagnostics.models import SurveyInvitation, SurveyMailing
from diagnostics.surveys import invitations as invites
from diagnostics.surveys.enums import MailingKind
from diagnostics.surveys.forms import InviteFilterForm
from diagnostics.views.surveys import SURVEYS
from essterritoire.accounts.enums import Action
from essterritoire.accounts.permissions import can, with_object
from essterritoire.exports import export_response
from essterritoire.pagination import paginate

MAILINGS = SurveyMailing.objects.select_related("survey__diagnostic__workspace")
INVITATIONS = SurveyInvitation.objects.select_related("survey__diagnostic__workspace", "actor")


@with_object(SURVEYS, Action.VIEW_PERSONAL, pk="pk")
def invitation_list(request, survey):
    workspace = survey.diagnostic.workspace
    filters = InviteFilterForm(request.GET or None, workspace=workspace)
    candidates = invites.invitable_actors(survey, **filters.filters()).order_by("normalized_name")
    rows = [(i, invites.status_of(i)) for i in invites.invitation_rows(survey)]
    context = {
        "diagnostic": survey.diagnostic,
        "survey": survey,
        "filters": filters,
        "candidates": list(candidates[:500]),
        "candidate_count": candidates.count(),
        "page": paginate(request, rows, per_page=50),
        "mailings": list(survey.mailings.all()[:5]),
        "to_invite": invites.mailing_targets(survey, MailingKind.INVITATION).count(),
        "to_remind": invites.mailing_targets(survey, MailingKind.REMINDER).count(),
        "can_change": can(request.user, workspace.pk, Action.CHANGE),
        "query": request.GET.urlencode(),
    }
    return render(request, "diagnostics/surveys/invitations.html", context)


@with_object(SURVEYS, Action.CHANGE, pk="pk")
@require_POST
def invitation_create(request, survey):
    """Invite the actors ticked in the list (ids of the workspace only)."""
    ids = [v for v in request.POST.getlist("acteurs") if v.isdigit()]
    actors = Actor.objects.filter(workspace_id=survey.diagnostic.workspace_id, pk__in=ids)
    created = invites.invitations_create(survey=survey, actors=list(actors))
    if created:
        messages.success(request, f"{len(created)} acteur(s) invité(s).")
    else:
        messages.info(request, "Aucun nouvel acteur à inviter\u00a0: cochez-en dans la liste.")
    return redirect("diagnostics:survey-invitations", survey.pk)


@with_object(SURVEYS, Action.CHANGE, pk="pk")
@require_POST
def mailing_create(request, survey):
    kind = request.POST.get("nature")
    if kind not in MailingKind.values:
        messages.error(request, "Envoi inconnu\u00a0: rien n'a été envoyé.")
        return redirect("diagnostics:survey-invitations", survey.pk)
    mailing = invites.mailing_start(survey=survey, user=request.user, kind=kind)
    if mailing is None:
        messages.info(request, "Personne à qui écrire\u00a0: aucun contact consentant concerné.")
    else:
        messages.success(request, f"Envoi lancé\u00a0: {mailing.total} e-mail(s).")
    return redirect("diagnostics:survey-invitations", survey.pk)


@with_object(MAILINGS, Action.VIEW_PERSONAL, pk="pk")
def mailing_status(request, mailing):
    """The progress of a mailing (htmx polling while it runs)."""
    return render(request, "diagnostics/surveys/_mailing.html", {"mailing": mailing})


@with_object(SURVEYS, Action.CHANGE, pk="pk")
def invitation_links(request, survey):
    """CSV of the personal links, for a mail merge."""
    fmt = request.GET.get("format", "csv")
    fmt = fmt if fmt in ("csv", "xlsx") else "csv"
    name = f"liens-enquete-{survey.pk}"
    rows = invites.link_rows(survey)
    return export_response(fmt, name, invites.LINK_HEADERS, rows, title="Liens")


@with_object(INVITATIONS, Action.CHANGE, pk="pk")
@require_POST
def invitation_delete(request, invitation):
    survey_id = invitation.survey_id
    invites.invitation_delete(invitation=invitation)
    messages.success(request, f"Invitation de {invitation.actor} retirée.")
    return redirect("diagnostics:survey-invitations", survey_id)
