from django.urls import path

from diagnostics.views import diagnostic, history, methods, phases, portfolio

urlpatterns = [
    path("", diagnostic.diagnostic_list, name="diagnostic-list"),
    path("nouveau/", diagnostic.diagnostic_create, name="diagnostic-create"),
    path("territoires/", diagnostic.territory_options, name="territory-options"),
    path("portefeuille/", portfolio.portfolio, name="portfolio"),
    path("<int:pk>/", diagnostic.diagnostic_detail, name="diagnostic-detail"),
    path("<int:pk>/modifier/", diagnostic.diagnostic_edit, name="diagnostic-edit"),
    path("<int:pk>/supprimer/", diagnostic.diagnostic_delete, name="diagnostic-delete"),
    path("<int:pk>/historique/", history.diagnostic_history, name="diagnostic-history"),
    path("<int:pk>/comparaisons/", diagnostic.comparison_add, name="comparison-add"),
    path("comparaisons/<int:pk>/retirer/", diagnostic.comparison_remove, name="comparison-remove"),
    path("<int:pk>/phase-suivante/", phases.phase_advance, name="phase-advance"),
    path("phases/<int:pk>/modifier/", phases.phase_edit, name="phase-edit"),
    path("phases/<int:pk>/livrables/", phases.deliverable_add, name="deliverable-add"),
    path("livrables/<int:pk>/cocher/", phases.deliverable_toggle, name="deliverable-toggle"),
    path("livrables/<int:pk>/retirer/", phases.deliverable_delete, name="deliverable-delete"),
    path("methodes/", methods.method_list, name="method-list"),
    path("methodes/<int:pk>/copier/", methods.method_copy, name="method-copy"),
    path("methodes/<int:pk>/modifier/", methods.method_edit, name="method-edit"),
    path("methodes/<int:pk>/supprimer/", methods.method_delete, name="method-delete"),
]
