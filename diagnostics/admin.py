from django.contrib import admin

from diagnostics.models import (
    ComparisonTerritory,
    Deliverable,
    Diagnostic,
    HistoryEntry,
    MethodTemplate,
    Phase,
    PhaseTemplate,
)


class PhaseTemplateInline(admin.StackedInline):
    model = PhaseTemplate
    extra = 0


@admin.register(MethodTemplate)
class MethodTemplateAdmin(admin.ModelAdmin):
    list_display = ["name", "workspace"]
    list_filter = [("workspace", admin.EmptyFieldListFilter)]
    search_fields = ["name"]
    inlines = [PhaseTemplateInline]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["number", "name", "planned_start", "planned_end", "actual_start", "actual_end"]
    fields += ["status"]
    show_change_link = True


class ComparisonInline(admin.TabularInline):
    model = ComparisonTerritory
    extra = 0
    raw_id_fields = ["territory"]


@admin.register(Diagnostic)
class DiagnosticAdmin(admin.ModelAdmin):
    list_display = ["title", "workspace", "territory", "start_date", "status"]
    list_filter = ["status", "workspace"]
    search_fields = ["title", "territory__name"]
    raw_id_fields = ["territory", "steering_actors", "created_by"]
    inlines = [PhaseInline, ComparisonInline]


class DeliverableInline(admin.TabularInline):
    model = Deliverable
    extra = 0


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["diagnostic", "number", "name", "status", "planned_end", "actual_end"]
    list_filter = ["status"]
    raw_id_fields = ["diagnostic", "override_by"]
    inlines = [DeliverableInline]


@admin.register(HistoryEntry)
class HistoryEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "diagnostic", "user", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "diagnostic__title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
