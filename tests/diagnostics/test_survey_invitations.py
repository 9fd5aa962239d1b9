"""Invitations: actors chosen by filters, personal links, e-mails only to consenting contacts
(a background task), reminders to those who have not answered, the links CSV."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse

from diagnostics.models import SurveyInvitation, SurveyMailing
from diagnostics.surveys import invitations as invites
from diagnostics.surveys.enums import MailingKind
from tests.actors.factories import ActorFactory, ContactFactory, TerritoryFactory, ThemeFactory
from tests.diagnostics.factories_surveys import invite, sample_survey, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(workspace):
    return sample_survey(diagnostic__workspace=workspace)[0]


@pytest.fixture
def actors(workspace):
    ligne = TerritoryFactory(code="44082", name="Ligné")
    theme = ThemeFactory(workspace=workspace, name="Déchets")
    asso = ActorFactory(workspace=workspace, name="Ressourcerie", kind="association", commune=ligne)
    asso.themes.add(theme)
    scop = ActorFactory(workspace=workspace, name="Scop Bâtir", kind="cooperative")
    mairie = ActorFactory(workspace=workspace, name="Mairie", kind="collectivite")
    ContactFactory(actor=asso, email="asso@exemple.fr", consent=True)
    ContactFactory(actor=scop, email="scop@exemple.fr", consent=False)
    return {"asso": asso, "scop": scop, "mairie": mairie, "theme": theme, "ligne": ligne}


def test_filters_choose_actors_by_kind_theme_and_commune(survey, actors):
    def names(**filters):
        return {a.name for a in invites.invitable_actors(survey, **filters)}

    assert names(kinds=["association", "cooperative"]) == {"Ressourcerie", "Scop Bâtir"}
    assert names(theme=actors["theme"]) == {"Ressourcerie"}
    assert names(commune=actors["ligne"]) == {"Ressourcerie"}


def test_editor_invites_checked_actors_once(client_for, editor_user, survey, actors):
    url = reverse("diagnostics:survey-invitation-create", args=[survey.pk])
    ids = [actors["asso"].pk, actors["scop"].pk]
    client_for(editor_user).post(url, {"acteurs": ids})
    client_for(editor_user).post(url, {"acteurs": ids})
    assert survey.invitations.count() == 2
    assert len(set(survey.invitations.values_list("token_hash", flat=True))) == 2


def test_actors_of_another_workspace_are_never_invited(
    client_for, editor_user, survey, other_workspace
):
    stranger = ActorFactory(workspace=other_workspace)
    url = reverse("diagnostics:survey-invitation-create", args=[survey.pk])
    client_for(editor_user).post(url, {"acteurs": [stranger.pk]})
    assert not survey.invitations.exists()


def test_emails_go_only_to_consenting_contacts(
    client_for, editor_user, survey, actors, django_capture_on_commit_callbacks
):
    invites.invitations_create(
        survey=survey, actors=[actors["asso"], actors["scop"], actors["mairie"]]
    )
    url = reverse("diagnostics:survey-mailing-create", args=[survey.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(editor_user).post(url, {"nature": "invitation"})
    assert [m.to for m in mail.outbox] == [["asso@exemple.fr"]]
    body = mail.outbox[0].body
    assert "/diagnostics/enquete/r/" in body and "Responsable du traitement" in body
    mailing = SurveyMailing.objects.get()
    assert (mailing.total, mailing.sent, mailing.finished_at is not None) == (1, 1, True)
    asso = SurveyInvitation.objects.get(actor=actors["asso"])
    assert asso.sent_at is not None


def test_the_emailed_link_opens_the_form(
    client_for, survey, actors, django_capture_on_commit_callbacks
):
    invites.invitations_create(survey=survey, actors=[actors["asso"]])
    with django_capture_on_commit_callbacks(execute=True):
        invites.mailing_start(survey=survey, user=None, kind=MailingKind.INVITATION)
    link = next(line for line in mail.outbox[0].body.splitlines() if "/enquete/r/" in line)
    path = link.split("8000", 1)[-1].strip()
    assert client_for(None).get(path).status_code == 200


def test_withdrawn_consent_stops_the_email(survey, actors, django_capture_on_commit_callbacks):
    invites.invitations_create(survey=survey, actors=[actors["asso"]])
    actors["asso"].contacts.update(consent=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert invites.mailing_start(survey=survey, user=None, kind=MailingKind.INVITATION) is None
    assert mail.outbox == []


def test_reminders_skip_those_who_answered(
    survey, actors, workspace, django_capture_on_commit_callbacks
):
    other = ActorFactory(workspace=workspace, name="Épicerie solidaire")
    ContactFactory(actor=other, email="epicerie@exemple.fr", consent=True)
    done, _token = invite(survey, actors["asso"])
    waiting, _token = invite(survey, other)
    with django_capture_on_commit_callbacks(execute=True):
        invites.mailing_start(survey=survey, user=None, kind=MailingKind.INVITATION)
    submit(survey, {}, invitation=done)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        invites.mailing_start(survey=survey, user=None, kind=MailingKind.REMINDER)
    assert [m.to for m in mail.outbox] == [["epicerie@exemple.fr"]]
    assert "Rappel" in mail.outbox[0].subject
    waiting.refresh_from_db()
    assert waiting.reminder_count == 1


def test_links_csv_lists_every_invitation_with_address_only_when_consented(
    client_for, editor_user, survey, actors
):
    invites.invitations_create(survey=survey, actors=[actors["asso"], actors["scop"]])
    url = reverse("diagnostics:survey-invitation-links", args=[survey.pk])
    response = client_for(editor_user).get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == invites.LINK_HEADERS
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Ressourcerie"][4] == "asso@exemple.fr"
    assert by_name["Scop Bâtir"][4] == "" and by_name["Scop Bâtir"][3] == ""
    assert all("/diagnostics/enquete/r/" in row[5] for row in rows[1:])


def test_mailing_progress_fragment(client_for, editor_user, survey):
    mailing = SurveyMailing.objects.create(survey=survey, kind="invitation", total=4, sent=1)
    url = reverse("diagnostics:survey-mailing-status", args=[mailing.pk])
    html = client_for(editor_user).get(url).content.decode()
    assert 'aria-valuenow="25"' in html and "hx-trigger" in html
