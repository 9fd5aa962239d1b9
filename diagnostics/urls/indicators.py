from django.urls import path

from diagnostics.views import indicators, indicators_import

urlpatterns = [
    path("<int:pk>/indicateurs/", indicators.indicator_dashboard, name="indicator-dashboard"),
    path(
        "<int:pk>/indicateurs/suggestions/accepter/",
        indicators.suggestion_accept,
        name="indicator-suggestion-accept",
    ),
    path(
        "<int:pk>/indicateurs/suggestions/ecarter/",
        indicators.suggestion_reject,
        name="indicator-suggestion-reject",
    ),
    path(
        "donnees-regionales/",
        indicators_import.indicator_import_list,
        name="indicator-import-list",
    ),
    path(
        "donnees-regionales/importer/",
        indicators_import.indicator_import,
        name="indicator-import",
    ),
    path(
        "donnees-regionales/imports/<int:pk>/",
        indicators_import.indicator_import_detail,
        name="indicator-import-detail",
    ),
    path(
        "donnees-regionales/imports/<int:pk>/confirmer/",
        indicators_import.indicator_import_confirm,
        name="indicator-import-confirm",
    ),
    path(
        "donnees-regionales/imports/<int:pk>/abandonner/",
        indicators_import.indicator_import_cancel,
        name="indicator-import-cancel",
    ),
]
