from django.urls import path

from diagnostics.views import interviews, interviews_excerpts, interviews_guide

urlpatterns = [
    path("<int:pk>/entretiens/", interviews.interview_list, name="interview-list"),
    path("<int:pk>/entretiens/nouveau/", interviews.interview_create, name="interview-create"),
    path("entretiens/<int:pk>/", interviews.interview_detail, name="interview-detail"),
    path("entretiens/<int:pk>/modifier/", interviews.interview_edit, name="interview-edit"),
    path("entretiens/<int:pk>/supprimer/", interviews.interview_delete, name="interview-delete"),
    path(
        "entretiens/<int:pk>/extraits/ajouter/",
        interviews_excerpts.excerpt_add,
        name="excerpt-add",
    ),
    path(
        "extraits/<int:pk>/modifier/",
        interviews_excerpts.excerpt_edit,
        name="excerpt-edit",
    ),
    path(
        "extraits/<int:pk>/supprimer/",
        interviews_excerpts.excerpt_delete,
        name="excerpt-delete",
    ),
    path(
        "extraits/<int:pk>/vers-afom/",
        interviews_excerpts.excerpt_to_afom,
        name="excerpt-to-afom",
    ),
    path("<int:pk>/guide-entretien/", interviews_guide.interview_guide, name="interview-guide"),
    path(
        "<int:pk>/guide-entretien/imprimer/",
        interviews_guide.interview_guide_print,
        name="interview-guide-print",
    ),
    path(
        "<int:pk>/guide-entretien/ajouter/",
        interviews_guide.guide_question_add,
        name="guide-question-add",
    ),
    path(
        "guide-entretien/questions/<int:pk>/modifier/",
        interviews_guide.guide_question_edit,
        name="guide-question-edit",
    ),
    path(
        "guide-entretien/questions/<int:pk>/deplacer/",
        interviews_guide.guide_question_move,
        name="guide-question-move",
    ),
    path(
        "guide-entretien/questions/<int:pk>/supprimer/",
        interviews_guide.guide_question_delete,
        name="guide-question-delete",
    ),
]
