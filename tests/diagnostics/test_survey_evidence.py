"""A question's result as AFOM evidence, and the `survey` section of the JSON document."""

import json

import pytest
from django.urls import reverse

from diagnostics.enums import EvidenceKind
from diagnostics.exchange.documents import export_diagnostic, import_diagnostic
from diagnostics.exchange.schema import validate_document
from diagnostics.models import AfomItem, Evidence, Survey
from tests.actors.factories import ActorFactory, ContactFactory
from tests.diagnostics.factories_afom import AfomItemFactory
from tests.diagnostics.factories_surveys import choice, invite, option, sample_survey, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(workspace):
    survey, q = sample_survey(diagnostic__workspace=workspace, title="Enquête 2026")
    actor = ActorFactory(workspace=workspace, name="Ressourcerie d'Ancenis")
    ContactFactory(actor=actor, name="Camille Secret", email="camille.secret@exemple.fr")
    invitation = invite(survey, actor)[0]
    for needs in (("Financement", "Locaux"), ("Financement",)):
        values = {
            q["q2"].pk: choice(*[option(q["q2"], n) for n in needs]),
            q["q8"].pk: "Texte libre confidentiel",
        }
        submit(survey, values, invitation=invitation if len(needs) == 2 else None)
    return survey, q


def test_editor_attaches_a_result_to_an_existing_item(client_for, editor_user, answered):
    survey, q = answered
    item = AfomItemFactory(diagnostic=survey.diagnostic, quadrant="faiblesse", title="Locaux rares")
    url = reverse("diagnostics:survey-question-to-afom", args=[q["q2"].pk])
    data = {"mode": "existant", "existant-item": item.pk}
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 302
    evidence = Evidence.objects.get(item=item)
    assert evidence.kind == EvidenceKind.SURVEY
    assert "Locaux\u00a0: 1 (50,0\u00a0%)" in evidence.citation
    assert evidence.snapshot["respondents"] == 2
    assert evidence.snapshot["rows"][0] == {"label": "Financement", "count": 2, "percent": 100.0}
    assert "Enquête 2026" in evidence.title
    assert item.diagnostic.history.filter(object_id=item.pk).exists()


def test_editor_creates_an_item_from_a_result(client_for, editor_user, answered):
    survey, q = answered
    url = reverse("diagnostics:survey-question-to-afom", args=[q["q2"].pk])
    data = {"mode": "nouveau", "nouveau-quadrant": "faiblesse", "nouveau-title": "Besoin de locaux"}
    client_for(editor_user).post(url, data)
    item = AfomItem.objects.get(title="Besoin de locaux")
    assert item.evidence.get().kind == EvidenceKind.SURVEY


def test_an_item_of_another_diagnostic_is_refused(client_for, editor_user, answered):
    _survey, q = answered
    foreign = AfomItemFactory()
    url = reverse("diagnostics:survey-question-to-afom", args=[q["q2"].pk])
    response = client_for(editor_user).post(url, {"mode": "existant", "existant-item": foreign.pk})
    assert response.status_code == 200
    assert not Evidence.objects.exists()


def test_the_document_has_a_survey_section_without_personal_data(answered):
    survey, q = answered
    document = export_diagnostic(survey.diagnostic)
    section = document["survey"]
    assert section["title"] == "Enquête 2026"
    assert (section["invitations"], section["responses"], section["response_rate"]) == (1, 2, 1.0)
    assert section["questions"][1]["type"] == "single"
    assert section["questions"][1]["choices"] == ["Association", "Coopérative"]
    needs = next(r for r in section["results"] if r["question"] == "q3")
    assert needs["rows"][1] == {"label": "Locaux", "count": 1, "percent": 50.0}
    text = json.dumps(document, ensure_ascii=False)
    for secret in ("Camille", "camille.secret", "Ressourcerie", "confidentiel"):
        assert secret not in text
    token_hash = survey.invitations.get().token_hash
    assert token_hash not in text
    assert validate_document(document) == []


def test_a_diagnostic_without_survey_exports_null(workspace):
    from tests.diagnostics.factories import DiagnosticFactory

    diagnostic = DiagnosticFactory(workspace=workspace)
    assert export_diagnostic(diagnostic)["survey"] is None


def test_import_recreates_the_questionnaire(answered, other_workspace):
    survey, _q = answered
    document = export_diagnostic(survey.diagnostic)
    copy = import_diagnostic(document, workspace=other_workspace)
    recreated = Survey.objects.get(diagnostic=copy)
    assert recreated.questions.count() == survey.questions.count()
    assert recreated.questions.filter(condition_question__isnull=False).count() == 1
    assert not recreated.responses.exists() and recreated.opens_on is None
