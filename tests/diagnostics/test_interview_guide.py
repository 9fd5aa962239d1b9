"""The interview guide of a diagnostic: seeded on the first visit, edited, reordered, printed."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from diagnostics import selectors
from diagnostics.models import GuideQuestion
from diagnostics.services_interviews import DEFAULT_GUIDE
from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import InterviewFactory
from tests.factories import WorkspaceFactory
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
CHANGE_PAGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}
CHANGE_POST = {"anonymous": 302, "other": 404, "reader": 403, "editor": 302, "admin": 302}


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


def url(name, *args):
    return reverse(f"diagnostics:{name}", args=args)


def texts(diagnostic):
    return list(diagnostic.guide_questions.order_by("order", "pk").values_list("text", flat=True))


def test_role_matrix_of_the_guide(client_for, role_users, diagnostic):
    check_role_matrix(client_for, role_users, url("interview-guide", diagnostic.pk), READ)
    check_role_matrix(client_for, role_users, url("interview-guide-print", diagnostic.pk), READ)
    question = diagnostic.guide_questions.first()
    check_role_matrix(client_for, role_users, url("guide-question-edit", question.pk), CHANGE_PAGE)
    data = {"question-section": "Besoins", "question-text": "Et demain ?"}
    add = url("guide-question-add", diagnostic.pk)
    check_role_matrix(client_for, role_users, add, CHANGE_POST, "post", data)
    move = url("guide-question-move", question.pk)
    check_role_matrix(client_for, role_users, move, CHANGE_POST, "post", {"direction": "down"})
    delete = url("guide-question-delete", question.pk)
    expected = {**CHANGE_POST, "admin": 404}  # the editor deleted it first
    check_role_matrix(client_for, role_users, delete, expected, "post")


def test_the_first_visit_seeds_the_default_guide_once(client_for, reader_user, diagnostic):
    client = client_for(reader_user)
    html = client.get(url("interview-guide", diagnostic.pk)).content.decode()
    sections = [section for section, _ in DEFAULT_GUIDE]
    assert sections == ["Vision du territoire", "Besoins", "Freins", "Leviers", "Coopérations"]
    for section in sections:
        assert section in html
    count = sum(len(questions) for _, questions in DEFAULT_GUIDE)
    client.get(url("interview-guide", diagnostic.pk))
    assert diagnostic.guide_questions.count() == count
    assert "Monter" not in html and "Ajouter une question" not in html


def test_an_editor_adds_edits_and_reorders_questions(client_for, editor_user, diagnostic):
    client = client_for(editor_user)
    client.get(url("interview-guide", diagnostic.pk))
    data = {"question-section": "Besoins", "question-text": "Quels besoins en formation ?"}
    response = client.post(url("guide-question-add", diagnostic.pk), data)
    question = GuideQuestion.objects.get(text="Quels besoins en formation ?")
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert texts(diagnostic)[-1] == "Quels besoins en formation ?"
    client.post(url("guide-question-move", question.pk), {"direction": "up"})
    assert texts(diagnostic)[-2] == "Quels besoins en formation ?"
    edit = {"question-section": "Besoins", "question-text": "Quels besoins de formation ?"}
    client.post(url("guide-question-edit", question.pk), edit)
    question.refresh_from_db()
    assert question.text == "Quels besoins de formation ?"


def test_a_bad_question_or_direction_changes_nothing(client_for, editor_user, diagnostic):
    client = client_for(editor_user)
    client.get(url("interview-guide", diagnostic.pk))
    before = texts(diagnostic)
    response = client.post(url("guide-question-add", diagnostic.pk), {"question-section": "x"})
    assert response.status_code == 200 and "pas été ajoutée" in response.content.decode()
    first = diagnostic.guide_questions.order_by("order").first()
    response = client.post(url("guide-question-move", first.pk), {"direction": "x"}, follow=True)
    assert "Sens de déplacement inconnu" in response.content.decode()
    client.post(url("guide-question-move", first.pk), {"direction": "up"})  # already first
    assert texts(diagnostic) == before


def test_the_last_question_cannot_be_deleted(client_for, editor_user, diagnostic):
    client = client_for(editor_user)
    client.get(url("interview-guide", diagnostic.pk))
    *others, last = diagnostic.guide_questions.all()
    GuideQuestion.objects.filter(pk__in=[q.pk for q in others]).delete()
    response = client.post(url("guide-question-delete", last.pk), follow=True)
    assert "au moins une question" in response.content.decode()
    assert diagnostic.guide_questions.count() == 1


def test_the_printable_guide_groups_the_questions(client_for, reader_user, diagnostic):
    html = client_for(reader_user).get(url("interview-guide-print", diagnostic.pk))
    html = html.content.decode()
    assert "guide-print" in html and html.count("<h1") == 1
    assert html.count('<h2 class="h5">') == len(DEFAULT_GUIDE)


def test_an_actors_interviews_are_those_the_user_may_see(editor_user, other_user, workspace):
    actor = ActorFactory(workspace=workspace)
    interview = InterviewFactory(diagnostic=DiagnosticFactory(workspace=workspace), actors=[actor])
    InterviewFactory(diagnostic=DiagnosticFactory(workspace=WorkspaceFactory()))
    assert list(selectors.interviews_for_actor(actor, editor_user)) == [interview]
    assert list(selectors.interviews_for_actor(actor, other_user)) == []
    request = RequestFactory().get("/")
    html = render_to_string(
        "diagnostics/interviews/_actor_interviews.html",
        {"section": {"interviews": selectors.interviews_for_actor(actor, editor_user)}},
        request=request,
    )
    assert url("interview-detail", interview.pk) in html
    assert escape(interview.diagnostic.title) in html
