from django.urls import path

from diagnostics.views import exchange

urlpatterns = [
    path("<int:pk>/export.json", exchange.export_document, name="diagnostic-export-json"),
    path("importer/", exchange.import_document, name="diagnostic-import"),
]
