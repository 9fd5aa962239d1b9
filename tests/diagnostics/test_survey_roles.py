"""Role matrix of the survey pages: anonymous visitors go to the login page, other workspaces
get 404, readers read questionnaires and results but no personal data and change nothing."""

import pytest
from django.urls import reverse

from diagnostics.models import SurveyMailing
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories_surveys import invite, sample_survey
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
EDIT = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
POST = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}


@pytest.fixture
def survey(workspace):
    survey, q = sample_survey(diagnostic__workspace=workspace)
    invitation = invite(survey, ActorFactory(workspace=workspace))[0]
    mailing = SurveyMailing.objects.create(survey=survey, kind="invitation", total=1)
    return {"survey": survey, "q": q, "invitation": invitation, "mailing": mailing}


def urls(objects):
    survey, q = objects["survey"], objects["q"]
    diagnostic = survey.diagnostic
    return {
        "survey-list": diagnostic.pk,
        "survey-create": diagnostic.pk,
        "survey-detail": survey.pk,
        "survey-edit": survey.pk,
        "survey-delete": survey.pk,
        "survey-preview": survey.pk,
        "survey-question-add": survey.pk,
        "survey-question-edit": q["q2"].pk,
        "survey-question-delete": q["q2"].pk,
        "survey-invitations": survey.pk,
        "survey-invitation-links": survey.pk,
        "survey-mailing-status": objects["mailing"].pk,
        "survey-results": survey.pk,
        "survey-question-texts": q["q8"].pk,
        "survey-question-crosstab": q["q2"].pk,
        "survey-question-chart": q["q2"].pk,
        "survey-question-to-afom": q["q2"].pk,
        "survey-close": survey.pk,
        "survey-public-link": survey.pk,
        "survey-question-move": q["q8"].pk,
        "survey-question-duplicate": q["q8"].pk,
        "survey-invitation-create": survey.pk,
        "survey-mailing-create": survey.pk,
    }


GETS = {
    "survey-list": READ,
    "survey-detail": READ,
    "survey-preview": READ,
    "survey-results": READ,
    "survey-question-texts": READ,
    "survey-question-crosstab": READ,
    "survey-question-chart": READ,
    "survey-create": EDIT,
    "survey-edit": EDIT,
    "survey-delete": EDIT,
    "survey-question-add": EDIT,
    "survey-question-edit": EDIT,
    "survey-question-delete": EDIT,
    "survey-invitations": EDIT,
    "survey-invitation-links": EDIT,
    "survey-mailing-status": EDIT,
    "survey-question-to-afom": EDIT,
}
POSTS = {
    "survey-close": {"action": "fermer"},
    "survey-public-link": {},
    "survey-question-move": {"sens": "up"},
    "survey-question-duplicate": {},
    "survey-invitation-create": {"acteurs": []},
    "survey-mailing-create": {"nature": "reminder"},
}


@pytest.mark.parametrize("name", sorted(GETS))
def test_get_role_matrix(name, survey, client_for, role_users):
    url = reverse(f"diagnostics:{name}", args=[urls(survey)[name]])
    check_role_matrix(client_for, role_users, url, GETS[name])


@pytest.mark.parametrize("name", sorted(POSTS))
def test_post_role_matrix(name, survey, client_for, role_users):
    url = reverse(f"diagnostics:{name}", args=[urls(survey)[name]])
    check_role_matrix(client_for, role_users, url, POST, method="post", data=POSTS[name])


def test_raw_export_needs_personal_data_rights(survey, client_for, role_users):
    url = reverse("diagnostics:survey-export", args=[survey["survey"].pk]) + "?format=csv"
    check_role_matrix(client_for, role_users, url, EDIT)


def test_deleting_an_invitation_is_for_editors(survey, client_for, reader_user, editor_user):
    url = reverse("diagnostics:survey-invitation-delete", args=[survey["invitation"].pk])
    assert client_for(reader_user).post(url).status_code == 403
    assert client_for(editor_user).post(url).status_code == 302
    assert not survey["survey"].invitations.exists()


def test_deleting_a_survey_is_for_editors(survey, client_for, reader_user, editor_user):
    url = reverse("diagnostics:survey-delete", args=[survey["survey"].pk])
    assert client_for(reader_user).post(url).status_code == 403
    assert client_for(editor_user).post(url).status_code == 302
    assert not type(survey["survey"]).objects.exists()


def test_public_pages_need_no_account(survey, client):
    from diagnostics.surveys import tokens

    invitation = survey["invitation"]
    token = tokens.token_of(invitation.nonce, invitation.token_hash)
    assert client.get(reverse("diagnostics:survey-answer", args=[token])).status_code == 200
