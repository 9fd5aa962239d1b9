from django.urls import path

from actors.views import sirene

urlpatterns = [
    path("sirene/etablissements/", sirene.establishment_list, name="establishment-list"),
    path(
        "sirene/etablissements/<str:pk>/",
        sirene.establishment_detail,
        name="establishment-detail",
    ),
    path("sirene/regles/", sirene.rule_list, name="sirene-rule-list"),
    path("sirene/regles/nouvelle/", sirene.rule_create, name="sirene-rule-create"),
    path("sirene/regles/<int:pk>/modifier/", sirene.rule_update, name="sirene-rule-update"),
    path("sirene/regles/<int:pk>/supprimer/", sirene.rule_delete, name="sirene-rule-delete"),
    path("sirene/imports/", sirene.import_list, name="sirene-import-list"),
    path("sirene/imports/nouveau/", sirene.import_create, name="sirene-import-create"),
    path("sirene/imports/<int:pk>/", sirene.import_detail, name="sirene-import-detail"),
]
