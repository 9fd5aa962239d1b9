from django.urls import path

from ptce.views import poles, poles_members
from ptce.views import poles_parts as parts

urlpatterns = [
    path("", poles.ptce_list, name="ptce-list"),
    path("export/", poles.ptce_export, name="ptce-export"),
    path("nouveau/", poles.ptce_create, name="ptce-create"),
    path("<int:pk>/", poles.ptce_detail, name="ptce-detail"),
    path("<int:pk>/modifier/", poles.ptce_update, name="ptce-update"),
    path("<int:pk>/supprimer/", poles.ptce_delete, name="ptce-delete"),
    # Members
    path("<int:pk>/membres/", poles_members.member_add, name="member-add"),
    path("<int:pk>/membres/export/", poles_members.member_export, name="member-export"),
    path("membres/<int:pk>/modifier/", poles_members.member_update, name="member-update"),
    path("membres/<int:pk>/retirer/", poles_members.member_remove, name="member-remove"),
    # Animation cell, year by year
    path("<int:pk>/animation/nouveau/", parts.animation_create, name="animation-create"),
    path("animation/<int:pk>/modifier/", parts.animation_update, name="animation-update"),
    path("animation/<int:pk>/supprimer/", parts.animation_delete, name="animation-delete"),
    # Funding
    path("<int:pk>/financements/nouveau/", parts.funding_create, name="funding-create"),
    path("<int:pk>/financements/export/", poles_members.funding_export, name="funding-export"),
    path("financements/<int:pk>/modifier/", parts.funding_update, name="funding-update"),
    path("financements/<int:pk>/supprimer/", parts.funding_delete, name="funding-delete"),
    # Mutualisations
    path(
        "<int:pk>/mutualisations/nouveau/",
        parts.mutualisation_create,
        name="mutualisation-create",
    ),
    path(
        "mutualisations/<int:pk>/modifier/",
        parts.mutualisation_update,
        name="mutualisation-update",
    ),
    path(
        "mutualisations/<int:pk>/supprimer/",
        parts.mutualisation_delete,
        name="mutualisation-delete",
    ),
    # Cooperation projects
    path("<int:pk>/cooperations/nouveau/", parts.cooperation_create, name="cooperation-create"),
    path("cooperations/<int:pk>/modifier/", parts.cooperation_update, name="cooperation-update"),
    path("cooperations/<int:pk>/supprimer/", parts.cooperation_delete, name="cooperation-delete"),
]
