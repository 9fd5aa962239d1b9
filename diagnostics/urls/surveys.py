from django.urls import path

from diagnostics.views import (
    surveys,
    surveys_builder,
    surveys_invitations,
    surveys_public,
    surveys_results,
)

urlpatterns = [
    path("<int:pk>/enquetes/", surveys.survey_list, name="survey-list"),
    path("<int:pk>/enquetes/nouvelle/", surveys.survey_create, name="survey-create"),
    path("enquetes/<int:pk>/", surveys.survey_detail, name="survey-detail"),
    path("enquetes/<int:pk>/modifier/", surveys.survey_edit, name="survey-edit"),
    path("enquetes/<int:pk>/supprimer/", surveys.survey_delete, name="survey-delete"),
    path("enquetes/<int:pk>/cloture/", surveys.survey_close, name="survey-close"),
    path("enquetes/<int:pk>/lien-public/", surveys.survey_public_link, name="survey-public-link"),
    path("enquetes/<int:pk>/apercu/", surveys.survey_preview, name="survey-preview"),
    path(
        "enquetes/<int:pk>/questions/ajouter/",
        surveys_builder.question_add,
        name="survey-question-add",
    ),
    path(
        "enquetes/questions/<int:pk>/modifier/",
        surveys_builder.question_edit,
        name="survey-question-edit",
    ),
    path(
        "enquetes/questions/<int:pk>/deplacer/",
        surveys_builder.question_move,
        name="survey-question-move",
    ),
    path(
        "enquetes/questions/<int:pk>/dupliquer/",
        surveys_builder.question_duplicate,
        name="survey-question-duplicate",
    ),
    path(
        "enquetes/questions/<int:pk>/supprimer/",
        surveys_builder.question_delete,
        name="survey-question-delete",
    ),
    path(
        "enquetes/<int:pk>/invitations/",
        surveys_invitations.invitation_list,
        name="survey-invitations",
    ),
    path(
        "enquetes/<int:pk>/invitations/ajouter/",
        surveys_invitations.invitation_create,
        name="survey-invitation-create",
    ),
    path(
        "enquetes/<int:pk>/invitations/envoyer/",
        surveys_invitations.mailing_create,
        name="survey-mailing-create",
    ),
    path(
        "enquetes/envois/<int:pk>/",
        surveys_invitations.mailing_status,
        name="survey-mailing-status",
    ),
    path(
        "enquetes/<int:pk>/invitations/liens/",
        surveys_invitations.invitation_links,
        name="survey-invitation-links",
    ),
    path(
        "enquetes/invitations/<int:pk>/retirer/",
        surveys_invitations.invitation_delete,
        name="survey-invitation-delete",
    ),
    path(
        "enquetes/<int:pk>/resultats/",
        surveys_results.survey_results_view,
        name="survey-results",
    ),
    path("enquetes/<int:pk>/export/", surveys_results.survey_export, name="survey-export"),
    path(
        "enquetes/questions/<int:pk>/graphique/",
        surveys_results.question_chart_view,
        name="survey-question-chart",
    ),
    path(
        "enquetes/questions/<int:pk>/textes/",
        surveys_results.question_texts,
        name="survey-question-texts",
    ),
    path(
        "enquetes/questions/<int:pk>/croisement/",
        surveys_results.question_crosstab,
        name="survey-question-crosstab",
    ),
    path(
        "enquetes/questions/<int:pk>/vers-afom/",
        surveys_results.question_to_afom,
        name="survey-question-to-afom",
    ),
    # The respondent's pages (public: the token is the key).
    path("enquete/r/<str:token>/", surveys_public.survey_answer, name="survey-answer"),
    path(
        "enquete/r/<str:token>/merci/",
        surveys_public.survey_answer_done,
        name="survey-answer-done",
    ),
    path("enquete/p/<str:token>/", surveys_public.survey_public, name="survey-public"),
    path(
        "enquete/p/<str:token>/merci/",
        surveys_public.survey_public_done,
        name="survey-public-done",
    ),
]
