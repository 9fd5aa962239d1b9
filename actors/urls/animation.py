from django.urls import path

from actors.views import animation_holders as holders
from actors.views import animation_meetings as meetings
from actors.views import animation_networks as networks

urlpatterns = [
    path("reseaux/", networks.network_list, name="network-list"),
    path("reseaux/export/", networks.network_export, name="network-export"),
    path("reseaux/nouveau/", networks.network_create, name="network-create"),
    path("reseaux/<int:pk>/", networks.network_detail, name="network-detail"),
    path("reseaux/<int:pk>/modifier/", networks.network_update, name="network-update"),
    path("reseaux/<int:pk>/supprimer/", networks.network_delete, name="network-delete"),
    path("reseaux/<int:pk>/membres/", networks.network_member_add, name="network-member-add"),
    path(
        "reseaux/<int:pk>/membres/<int:actor_pk>/retirer/",
        networks.network_member_remove,
        name="network-member-remove",
    ),
    path("rencontres/", meetings.meeting_list, name="meeting-list"),
    path("rencontres/export/", meetings.meeting_export, name="meeting-export"),
    path("rencontres/nouvelle/", meetings.meeting_create, name="meeting-create"),
    path("rencontres/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("rencontres/<int:pk>/modifier/", meetings.meeting_update, name="meeting-update"),
    path("rencontres/<int:pk>/supprimer/", meetings.meeting_delete, name="meeting-delete"),
    path("rencontres/<int:pk>/presences/", meetings.meeting_attendance, name="meeting-attendance"),
    path("porteurs/", holders.holder_list, name="holder-list"),
    path("porteurs/export/", holders.holder_export, name="holder-export"),
    path("porteurs/nouveau/", holders.holder_create, name="holder-create"),
    path("porteurs/<int:pk>/", holders.holder_detail, name="holder-detail"),
    path("porteurs/<int:pk>/modifier/", holders.holder_update, name="holder-update"),
    path("porteurs/<int:pk>/supprimer/", holders.holder_delete, name="holder-delete"),
    path("porteurs/<int:pk>/suivi/", holders.holder_status, name="holder-status"),
    path(
        "porteurs/<int:pk>/orientations/",
        holders.orientation_create,
        name="orientation-create",
    ),
    path(
        "porteurs/orientations/<int:pk>/modifier/",
        holders.orientation_update,
        name="orientation-update",
    ),
    path(
        "porteurs/orientations/<int:pk>/supprimer/",
        holders.orientation_delete,
        name="orientation-delete",
    ),
]
