from django.urls import path

from ptce.views import plans, plans_actions, plans_import, plans_lists

A = plans_actions

urlpatterns = [
    # The plan of a diagnostic, and its views
    path("plans/<int:diagnostic_pk>/", plans.plan_detail, name="plan-detail"),
    path("plans/<int:diagnostic_pk>/actions/", plans_lists.plan_table, name="plan-table"),
    path("plans/<int:diagnostic_pk>/actions/export/", plans_lists.plan_export, name="plan-export"),
    path("plans/<int:diagnostic_pk>/etats/", plans_lists.plan_board, name="plan-board"),
    path("plans/<int:diagnostic_pk>/calendrier/", plans_lists.plan_timeline, name="plan-timeline"),
    path("plans/<int:diagnostic_pk>/suivi/", plans_lists.plan_followup, name="plan-followup"),
    # Import from a workbook
    path("plans/<int:diagnostic_pk>/import/", plans_import.plan_import, name="plan-import"),
    path(
        "plans/<int:diagnostic_pk>/import/confirmer/",
        plans_import.plan_import_confirm,
        name="plan-import-confirm",
    ),
    path(
        "plans/<int:diagnostic_pk>/import/modele/",
        plans_import.plan_import_template,
        name="plan-import-template",
    ),
    # Axes and objectives
    path("plans/<int:diagnostic_pk>/axes/nouveau/", plans.axis_create, name="axis-create"),
    path("plans/axes/<int:pk>/modifier/", plans.axis_update, name="axis-update"),
    path("plans/axes/<int:pk>/deplacer/", plans.axis_move, name="axis-move"),
    path("plans/axes/<int:pk>/supprimer/", plans.axis_delete, name="axis-delete"),
    path("plans/axes/<int:pk>/objectifs/nouveau/", plans.objective_create, name="objective-create"),
    path("plans/objectifs/<int:pk>/modifier/", plans.objective_update, name="objective-update"),
    path("plans/objectifs/<int:pk>/deplacer/", plans.objective_move, name="objective-move"),
    path("plans/objectifs/<int:pk>/supprimer/", plans.objective_delete, name="objective-delete"),
    # Actions
    path("plans/objectifs/<int:pk>/actions/nouvelle/", A.action_create, name="action-create"),
    path("plans/actions/<int:pk>/", A.action_detail, name="action-detail"),
    path("plans/actions/<int:pk>/modifier/", A.action_update, name="action-update"),
    path("plans/actions/<int:pk>/deplacer/", A.action_move, name="action-move"),
    path("plans/actions/<int:pk>/etat/", A.action_status, name="action-status"),
    path("plans/actions/<int:pk>/supprimer/", A.action_delete, name="action-delete"),
    # Parts of an action
    path("plans/actions/<int:pk>/financements/", A.funding_add, name="action-funding-add"),
    path(
        "plans/financements/<int:pk>/supprimer/",
        A.funding_delete,
        name="action-funding-delete",
    ),
    path("plans/actions/<int:pk>/indicateurs/", A.indicator_create, name="indicator-create"),
    path("plans/indicateurs/<int:pk>/modifier/", A.indicator_update, name="indicator-update"),
    path("plans/indicateurs/<int:pk>/supprimer/", A.indicator_delete, name="indicator-delete"),
    path("plans/indicateurs/<int:pk>/valeurs/", A.indicator_value_add, name="indicator-value-add"),
    path(
        "plans/valeurs/<int:pk>/supprimer/",
        A.indicator_value_delete,
        name="indicator-value-delete",
    ),
    path("plans/actions/<int:pk>/journal/", A.update_add, name="action-log-add"),
    path("plans/journal/<int:pk>/supprimer/", A.update_delete, name="action-log-delete"),
]
