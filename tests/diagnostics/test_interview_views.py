"""Interviews of a diagnostic: list (filters, export), create, detail, edit, delete."""

import pytest
from django.urls import reverse

from diagnostics.enums import EvidenceKind, InterviewFormat
from diagnostics.models import Evidence, Excerpt, Interview
from tests.actors.factories import ActorFactory, ThemeFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import (
    AfomItemFactory,
    EvidenceFactory,
    ExcerptFactory,
    InterviewFactory,
)
from tests.roles import check_role_matrix

pytestmark = pytest.mark.django_db

READ = {"anonymous": 302, "other": 404, "reader": 200, "editor": 200, "admin": 200}
CHANGE_PAGE = {"anonymous": 302, "other": 404, "reader": 403, "editor": 200, "admin": 200}


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


def url(name, *args):
    return reverse(f"diagnostics:{name}", args=args)


def form_data(actors, **extra):
    data = {
        "date": "2026-03-12",
        "format": InterviewFormat.INDIVIDUAL,
        "mode": "on_site",
        "actors": [actor.pk for actor in actors],
        "vision": "Un territoire où l'ESS pèse plus que chez ses voisins.",
    }
    return {**data, **extra}


def test_role_matrix_of_the_interview_pages(client_for, role_users, diagnostic):
    interview = InterviewFactory(diagnostic=diagnostic)
    check_role_matrix(client_for, role_users, url("interview-list", diagnostic.pk), READ)
    check_role_matrix(client_for, role_users, url("interview-detail", interview.pk), READ)
    check_role_matrix(client_for, role_users, url("interview-create", diagnostic.pk), CHANGE_PAGE)
    check_role_matrix(client_for, role_users, url("interview-edit", interview.pk), CHANGE_PAGE)
    check_role_matrix(client_for, role_users, url("interview-delete", interview.pk), CHANGE_PAGE)


def test_an_editor_records_an_interview(client_for, editor_user, diagnostic):
    actors = ActorFactory.create_batch(2, workspace=diagnostic.workspace)
    theme = ThemeFactory(workspace=diagnostic.workspace, name="Mobilité")
    data = form_data(
        actors,
        interviewers=[editor_user.pk],
        other_interviewers="Claire, CRESS",
        themes=[theme.pk],
        needs="Des locaux",
    )
    response = client_for(editor_user).post(url("interview-create", diagnostic.pk), data)
    interview = diagnostic.interviews.get()
    assert response["Location"] == url("interview-detail", interview.pk)
    assert set(interview.actors.all()) == set(actors)
    assert list(interview.interviewers.all()) == [editor_user]
    assert list(interview.themes.all()) == [theme]
    assert (interview.needs, interview.created_by) == ("Des locaux", editor_user)


def test_actors_of_another_workspace_are_refused(client_for, editor_user, diagnostic):
    mine = ActorFactory(workspace=diagnostic.workspace)
    foreign = ActorFactory(name="Ressourcerie d'ailleurs")
    response = client_for(editor_user).post(
        url("interview-create", diagnostic.pk), form_data([mine, foreign])
    )
    assert response.status_code == 200
    assert "choix valide" in response.content.decode()
    assert not Interview.objects.exists()


def test_an_interview_needs_an_actor_and_a_valid_date(client_for, editor_user, diagnostic):
    data = form_data([], date="31/02/2026")
    response = client_for(editor_user).post(url("interview-create", diagnostic.pk), data)
    html = response.content.decode()
    assert "Choisissez au moins un acteur" in html and "date valide" in html
    assert not Interview.objects.exists()


def test_interviewers_are_members_of_the_workspace(client_for, editor_user, other_user, diagnostic):
    actor = ActorFactory(workspace=diagnostic.workspace)
    data = form_data([actor], interviewers=[other_user.pk])
    response = client_for(editor_user).post(url("interview-create", diagnostic.pk), data)
    assert response.status_code == 200 and not Interview.objects.exists()


def test_an_editor_edits_an_interview(client_for, editor_user, diagnostic):
    interview = InterviewFactory(diagnostic=diagnostic)
    actor = ActorFactory(workspace=diagnostic.workspace)
    data = form_data([actor], format=InterviewFormat.COLLECTIVE, levers="Un PTCE")
    response = client_for(editor_user).post(url("interview-edit", interview.pk), data)
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.format, interview.levers) == (InterviewFormat.COLLECTIVE, "Un PTCE")
    assert list(interview.actors.all()) == [actor]


def test_the_list_filters_by_theme_actor_and_format(client_for, reader_user, diagnostic):
    theme = ThemeFactory(workspace=diagnostic.workspace, name="Mobilité")
    actor = ActorFactory(workspace=diagnostic.workspace, name="Garage solidaire")
    mobility = InterviewFactory(diagnostic=diagnostic, actors=[actor], vision="")
    mobility.themes.add(theme)
    InterviewFactory(diagnostic=diagnostic, format=InterviewFormat.COLLECTIVE)
    client = client_for(reader_user)
    list_url = url("interview-list", diagnostic.pk)
    for params, count in [
        ({}, 2),
        ({"theme": theme.pk}, 1),
        ({"actor": actor.pk}, 1),
        ({"format": "collective"}, 1),
        ({"theme": theme.pk, "format": "collective"}, 0),
    ]:
        response = client.get(list_url, params)
        assert response.context["page"].paginator.count == count, params


def test_bad_filters_are_ignored_with_a_message(client_for, reader_user, diagnostic):
    InterviewFactory(diagnostic=diagnostic)
    foreign_theme = ThemeFactory(name="Habitat")
    response = client_for(reader_user).get(
        url("interview-list", diagnostic.pk),
        {"theme": foreign_theme.pk, "format": "x", "page": "z"},
    )
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
    assert "filtre ignoré" in response.content.decode()


def test_the_list_answers_htmx_with_its_results_alone(client_for, reader_user, diagnostic):
    InterviewFactory(diagnostic=diagnostic)
    response = client_for(reader_user).get(
        url("interview-list", diagnostic.pk), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<table" in html and "<h1" not in html


def test_the_list_query_count_does_not_grow(
    client_for, editor_user, diagnostic, django_assert_max_num_queries
):
    client = client_for(editor_user)
    theme = ThemeFactory(workspace=diagnostic.workspace, name="Mobilité")

    def add(count):
        for _ in range(count):
            interview = InterviewFactory(diagnostic=diagnostic)
            interview.themes.add(theme)
            interview.interviewers.add(editor_user)
            ExcerptFactory(interview=interview)

    add(5)
    with django_assert_max_num_queries(30) as small:
        client.get(url("interview-list", diagnostic.pk), {"par_page": 50})
    add(45)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url("interview-list", diagnostic.pk), {"par_page": 50})
    assert len(response.context["page"].object_list) == 50


def test_the_export_lists_every_filtered_interview(client_for, reader_user, diagnostic):
    actor = ActorFactory(workspace=diagnostic.workspace, name="=Ressourcerie")
    interview = InterviewFactory(diagnostic=diagnostic, actors=[actor], other_interviewers="Claire")
    ExcerptFactory(interview=interview)
    response = client_for(reader_user).get(url("interview-list", diagnostic.pk), {"export": "csv"})
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Date;Format;Modalité;Acteurs rencontrés")
    assert "12/03/2026;Entretien individuel;Sur place;'=Ressourcerie;Claire;;1;" in text
    xlsx = client_for(reader_user).get(url("interview-list", diagnostic.pk), {"export": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


def test_deleting_an_interview_keeps_the_quotes_of_afom_items(client_for, editor_user, diagnostic):
    interview = InterviewFactory(diagnostic=diagnostic)
    excerpt = ExcerptFactory(interview=interview, text="Il manque un lieu pour se réunir.")
    item = AfomItemFactory(diagnostic=diagnostic)
    EvidenceFactory(item=item, kind=EvidenceKind.EXCERPT, excerpt=excerpt, title="")
    client = client_for(editor_user)
    page = client.get(url("interview-delete", interview.pk)).content.decode()
    assert "1 élément de la matrice AFOM" in page
    response = client.post(url("interview-delete", interview.pk))
    assert response["Location"] == url("interview-list", diagnostic.pk)
    assert not Interview.objects.exists() and not Excerpt.objects.exists()
    evidence = Evidence.objects.get(item=item)
    assert evidence.kind == EvidenceKind.REFERENCE
    assert evidence.citation == "Il manque un lieu pour se réunir."
    assert "12/03/2026" in evidence.title


def test_a_reader_cannot_delete_an_interview(client_for, reader_user, diagnostic):
    interview = InterviewFactory(diagnostic=diagnostic)
    assert client_for(reader_user).post(url("interview-delete", interview.pk)).status_code == 403
    assert Interview.objects.filter(pk=interview.pk).exists()
