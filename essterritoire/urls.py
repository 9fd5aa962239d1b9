from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "essterritoire — administration"
admin.site.site_title = "essterritoire"
admin.site.index_title = "Données de référence et espaces de travail"

urlpatterns = [
    path("", include("essterritoire.accounts.urls")),
    path("territoires/", include("essterritoire.territories.urls")),
    path("acteurs/", include("actors.urls")),
    path("diagnostics/", include("diagnostics.urls")),
    path("ptce/", include("ptce.urls")),
    path("rapports/", include("essterritoire.reports.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "essterritoire.accounts.views.errors.bad_request"
handler403 = "essterritoire.accounts.views.errors.permission_denied"
handler404 = "essterritoire.accounts.views.errors.page_not_found"
handler500 = "essterritoire.accounts.views.errors.server_error"
