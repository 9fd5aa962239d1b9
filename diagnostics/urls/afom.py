from django.urls import path

from diagnostics.views import afom, afom_evidence, afom_items, workshops

urlpatterns = [
    path("<int:pk>/afom/", afom.afom_board, name="afom-board"),
    path("<int:pk>/afom/imprimer/", afom.afom_print, name="afom-print"),
    path("<int:pk>/afom/export/", afom.afom_export, name="afom-export"),
    path(
        "<int:pk>/afom/ajouter/<str:quadrant>/",
        afom_items.afom_item_add,
        name="afom-item-add",
    ),
    path("afom/elements/<int:pk>/", afom_evidence.afom_item_detail, name="afom-item-detail"),
    path(
        "afom/elements/<int:pk>/modifier/",
        afom_items.afom_item_edit,
        name="afom-item-edit",
    ),
    path(
        "afom/elements/<int:pk>/deplacer/",
        afom_items.afom_item_move,
        name="afom-item-move",
    ),
    path(
        "afom/elements/<int:pk>/supprimer/",
        afom_items.afom_item_delete,
        name="afom-item-delete",
    ),
    path("afom/restaurer/<int:pk>/", afom_items.afom_restore, name="afom-restore"),
    path(
        "afom/elements/<int:pk>/preuves/ajouter/",
        afom_evidence.afom_evidence_add,
        name="afom-evidence-add",
    ),
    path(
        "afom/preuves/<int:pk>/supprimer/",
        afom_evidence.afom_evidence_delete,
        name="afom-evidence-delete",
    ),
    path("<int:pk>/ateliers/", workshops.workshop_list, name="workshop-list"),
    path("<int:pk>/ateliers/nouveau/", workshops.workshop_create, name="workshop-create"),
    path("ateliers/<int:pk>/", workshops.workshop_detail, name="workshop-detail"),
    path("ateliers/<int:pk>/points/", workshops.workshop_votes, name="workshop-votes"),
    path("ateliers/<int:pk>/supprimer/", workshops.workshop_delete, name="workshop-delete"),
]
