from django.urls import path

from essterritoire.territories import views

app_name = "territories"

urlpatterns = [
    path("", views.search, name="search"),
    path("regroupements/", views.grouping_list, name="grouping-list"),
    path("regroupements/nouveau/", views.grouping_create, name="grouping-create"),
    path("regroupements/<int:pk>/modifier/", views.grouping_edit, name="grouping-edit"),
    path("regroupements/<int:pk>/supprimer/", views.grouping_delete, name="grouping-delete"),
    # Last: "<kind>/<code>/" would also match "regroupements/nouveau/".
    path("<str:kind>/<str:code>/", views.detail, name="detail"),
]
