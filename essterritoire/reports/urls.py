from django.urls import path

from essterritoire.reports import views

app_name = "reports"

# The snapshot routes come first: "instantanes/<pk>/" would otherwise read as a kind's object.
urlpatterns = [
    path("", views.report_list, name="report-list"),
    path("instantanes/<int:pk>/", views.snapshot_detail, name="snapshot-detail"),
    path("instantanes/<int:pk>/telecharger/", views.snapshot_download, name="snapshot-download"),
    path("instantanes/<int:pk>/regenerer/", views.snapshot_regenerate, name="snapshot-regenerate"),
    path("instantanes/<int:pk>/supprimer/", views.snapshot_delete, name="snapshot-delete"),
    path("<slug:kind>/<int:pk>/", views.object_reports, name="object-reports"),
    path("<slug:kind>/<int:pk>/generer/", views.snapshot_create, name="snapshot-create"),
    path("<slug:kind>/<int:pk>/apercu/", views.preview, name="preview"),
    path("<slug:kind>/<int:pk>/fraicheur/", views.freshness, name="freshness"),
]
