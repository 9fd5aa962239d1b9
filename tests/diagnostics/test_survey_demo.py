"""The demo survey: the template sent to the actors, about sixty answers, idempotent."""

import pytest

from diagnostics.surveys.demo import seed_survey
from diagnostics.surveys.results import survey_results
from tests.actors.factories import ActorFactory, ContactFactory
from tests.diagnostics.factories import DiagnosticFactory

pytestmark = pytest.mark.django_db

KINDS = ["association"] * 12 + ["cooperative"] * 5 + ["mutuelle", "fondation", "collectivite"]


@pytest.fixture
def actors(workspace):
    actors = [ActorFactory(workspace=workspace, kind=kind) for kind in KINDS]
    for actor in actors[:15]:
        ContactFactory(actor=actor)
    return actors


def test_it_seeds_sixty_answers_once(workspace, actors):
    diagnostic = DiagnosticFactory(workspace=workspace)
    survey = seed_survey(diagnostic, actors)
    assert survey.invitations.count() == len(actors)
    assert survey.invitations.filter(sent_at__isnull=False).count() == 15
    assert survey.responses.filter(submitted_at__isnull=False).count() == 60
    assert survey.responses.filter(submitted_at__isnull=True).exists()
    again = seed_survey(diagnostic, actors)
    assert again.pk == survey.pk
    assert survey.responses.count() == 60 + survey.responses.filter(submitted_at=None).count()


def test_answers_are_deterministic_and_realistic(workspace, actors, other_workspace):
    first = survey_results(seed_survey(DiagnosticFactory(workspace=workspace), actors))
    assert 0.5 < first.rate < 0.8
    needs = next(r for r in first.questions if r.question.text.startswith("Quels sont vos"))
    counts = {row.label: row.count for row in needs.rows}
    assert counts["Financement"] > counts["Mutualisation"] > 0
    conditional = next(r for r in first.questions if r.question.text.startswith("Précisez"))
    assert 0 < conditional.respondents <= counts["Locaux"]
    twin_actors = [ActorFactory(workspace=other_workspace, kind=kind) for kind in KINDS]
    second = survey_results(seed_survey(DiagnosticFactory(workspace=other_workspace), twin_actors))
    assert [r.respondents for r in second.questions] == [r.respondents for r in first.questions]
