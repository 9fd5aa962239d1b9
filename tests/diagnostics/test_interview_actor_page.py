import pytest
from django.urls import reverse

from tests.actors.factories import ActorFactory
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_afom import InterviewFactory

pytestmark = pytest.mark.django_db


def test_the_actor_page_lists_the_actors_interviews(client_for, reader_user, workspace):
    actor = ActorFactory(workspace=workspace, name="Ressourcerie")
    diagnostic = DiagnosticFactory(workspace=workspace, title="Diagnostic ESS")
    interview = InterviewFactory(diagnostic=diagnostic)
    interview.actors.add(actor)
    page = client_for(reader_user).get(reverse("actors:actor-detail", args=[actor.pk]))
    html = page.content.decode()
    assert "Entretiens" in html
    assert reverse("diagnostics:interview-detail", args=[interview.pk]) in html


def test_interviews_of_another_workspace_never_show(client_for, other_user, other_workspace):
    from tests.factories import WorkspaceFactory

    foreign = DiagnosticFactory(workspace=WorkspaceFactory())
    actor = ActorFactory(workspace=other_workspace)
    interview = InterviewFactory(diagnostic=foreign)
    interview.actors.add(actor)
    page = client_for(other_user).get(reverse("actors:actor-detail", args=[actor.pk]))
    assert reverse("diagnostics:interview-detail", args=[interview.pk]) not in (
        page.content.decode()
    )
    assert "Aucun entretien avec cet acteur" in page.content.decode()
