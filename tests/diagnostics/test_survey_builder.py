"""The builder: creation from the template or a copy, questions (add, edit, conditions,
move, duplicate, delete), settings, closing, preview."""

import pytest
from django.urls import reverse

from diagnostics.models import Survey, SurveyOption, SurveyQuestion
from diagnostics.surveys import services
from diagnostics.surveys.template_data import TEMPLATE_QUESTIONS
from tests.diagnostics.factories import DiagnosticFactory
from tests.diagnostics.factories_surveys import option, sample_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def diagnostic(workspace):
    return DiagnosticFactory(workspace=workspace)


def test_editor_creates_a_survey_from_the_template(client_for, editor_user, diagnostic):
    url = reverse("diagnostics:survey-create", args=[diagnostic.pk])
    response = client_for(editor_user).post(url, {"title": "Enquête 2026", "source": "modele"})
    survey = Survey.objects.get(title="Enquête 2026")
    assert response.status_code == 302
    assert survey.questions.count() == len(TEMPLATE_QUESTIONS)
    assert survey.questions.filter(condition_question__isnull=False).count() == 3
    assert survey.privacy_controller == diagnostic.workspace.name
    assert diagnostic.history.filter(object_type="survey").exists()


def test_a_survey_starts_from_a_copy_of_another(client_for, editor_user, diagnostic):
    source, _q = sample_survey(diagnostic=diagnostic)
    url = reverse("diagnostics:survey-create", args=[diagnostic.pk])
    data = {"title": "Copie", "source": "copie", "copy_of": source.pk}
    client_for(editor_user).post(url, data)
    copy = Survey.objects.get(title="Copie")
    assert list(copy.questions.values_list("text", flat=True)) == list(
        source.questions.values_list("text", flat=True)
    )
    conditional = copy.questions.get(condition_question__isnull=False)
    assert conditional.condition_option.question.survey == copy


def test_a_survey_of_another_workspace_cannot_be_copied(
    client_for, editor_user, diagnostic, other_workspace
):
    foreign, _q = sample_survey(diagnostic__workspace=other_workspace)
    url = reverse("diagnostics:survey-create", args=[diagnostic.pk])
    data = {"title": "Vol", "source": "copie", "copy_of": foreign.pk}
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 200
    assert not Survey.objects.filter(title="Vol").exists()


def test_editor_adds_a_choice_question_with_a_condition(client_for, editor_user, diagnostic):
    survey, q = sample_survey(diagnostic=diagnostic)
    url = reverse("diagnostics:survey-question-add", args=[survey.pk])
    yes = f"{q['q4'].pk}:oui"
    data = {
        "kind": "multiple",
        "text": "Avec qui ?",
        "choices": "Asso\nCollectivité\n",
        "condition": yes,
    }
    response = client_for(editor_user).post(url, data)
    assert response.status_code == 302
    question = SurveyQuestion.objects.get(text="Avec qui ?")
    assert [o.label for o in question.options.all()] == ["Asso", "Collectivité"]
    assert question.condition_question == q["q4"] and question.condition_value == "oui"


def test_a_choice_question_needs_two_choices(client_for, editor_user, diagnostic):
    survey, _q = sample_survey(diagnostic=diagnostic)
    url = reverse("diagnostics:survey-question-add", args=[survey.pk])
    response = client_for(editor_user).post(
        url, {"kind": "single", "text": "Forme", "choices": "Une"}
    )
    assert "Proposez au moins deux choix" in response.content.decode()


def test_editing_choices_keeps_the_answers_of_kept_labels(client_for, editor_user, diagnostic):
    survey, q = sample_survey(diagnostic=diagnostic)
    kept = option(q["q1"], "Association")
    url = reverse("diagnostics:survey-question-edit", args=[q["q1"].pk])
    data = {
        "kind": "single",
        "text": "Forme",
        "choices": "Association\nFondation",
        "required": "on",
    }
    assert client_for(editor_user).post(url, data).status_code == 302
    labels = list(q["q1"].options.values_list("label", flat=True))
    assert labels == ["Association", "Fondation"]
    assert SurveyOption.objects.filter(pk=kept.pk).exists()


def test_a_question_cannot_move_above_its_condition(client_for, editor_user, diagnostic):
    survey, q = sample_survey(diagnostic=diagnostic)
    url = reverse("diagnostics:survey-question-move", args=[q["q3"].pk])
    response = client_for(editor_user).post(url, {"sens": "up"}, follow=True)
    assert "Impossible" in response.content.decode()
    q["q3"].refresh_from_db()
    q["q2"].refresh_from_db()
    assert q["q3"].order > q["q2"].order


def test_questions_move_and_duplicate(client_for, editor_user, diagnostic):
    survey, q = sample_survey(diagnostic=diagnostic)
    client = client_for(editor_user)
    client.post(reverse("diagnostics:survey-question-move", args=[q["q8"].pk]), {"sens": "up"})
    texts = list(survey.questions.values_list("text", flat=True))
    assert texts[-2:] == ["Un mot", "Urgence"]
    client.post(reverse("diagnostics:survey-question-duplicate", args=[q["q7"].pk]))
    copy = survey.questions.get(text="Urgence (copie)")
    assert copy.options.count() == 2
    assert list(survey.questions.values_list("text", flat=True))[-2:] == [
        "Urgence",
        "Urgence (copie)",
    ]


def test_deleting_a_question_frees_its_dependents(client_for, editor_user, diagnostic):
    survey, q = sample_survey(diagnostic=diagnostic)
    url = reverse("diagnostics:survey-question-delete", args=[q["q2"].pk])
    assert "dépend" in client_for(editor_user).get(url).content.decode()
    client_for(editor_user).post(url)
    q["q3"].refresh_from_db()
    assert q["q3"].condition_question is None


def test_closing_and_reopening(client_for, editor_user, diagnostic):
    survey, _q = sample_survey(diagnostic=diagnostic)
    url = reverse("diagnostics:survey-close", args=[survey.pk])
    client_for(editor_user).post(url)
    survey.refresh_from_db()
    assert survey.state() == "closed"
    client_for(editor_user).post(url, {"action": "rouvrir"})
    survey.refresh_from_db()
    assert survey.state() == "open"


def test_settings_refuse_a_closing_before_the_opening(client_for, editor_user, diagnostic):
    survey, _q = sample_survey(diagnostic=diagnostic)
    data = {
        "title": "T",
        "opens_on": "2026-05-10",
        "closes_on": "2026-05-01",
        "privacy_controller": "CC",
        "privacy_purpose": "Diagnostic",
        "privacy_retention": "2 ans",
        "privacy_contact": "ess@exemple.fr",
    }
    url = reverse("diagnostics:survey-edit", args=[survey.pk])
    response = client_for(editor_user).post(url, data)
    assert "La clôture doit suivre" in response.content.decode()


def test_preview_renders_the_respondent_form_sending_nothing(client_for, reader_user, diagnostic):
    survey, _q = sample_survey(diagnostic=diagnostic)
    url = reverse("diagnostics:survey-preview", args=[survey.pk])
    html = client_for(reader_user).get(url).content.decode()
    assert "Aperçu" in html and 'name="action"' not in html


def test_builder_page_lists_questions_in_few_queries(
    client_for, editor_user, diagnostic, django_assert_max_num_queries
):
    survey = services.survey_create(
        diagnostic=diagnostic, user=editor_user, data={"title": "T"}, source=services.TEMPLATE
    )
    client = client_for(editor_user)
    url = reverse("diagnostics:survey-detail", args=[survey.pk])
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_survey_changes_show_in_the_diagnostic_history(client_for, editor_user, diagnostic):
    survey = services.survey_create(
        diagnostic=diagnostic, user=editor_user, data={"title": "Enquête tracée"}
    )
    services.survey_close(survey=survey, user=editor_user)
    services.survey_delete(survey=survey, user=editor_user)
    url = reverse("diagnostics:diagnostic-history", args=[diagnostic.pk])
    response = client_for(editor_user).get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Enquête tracée") >= 3
