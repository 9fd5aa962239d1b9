from django.contrib import admin

from essterritoire.reports.models import ReportSnapshot


@admin.register(ReportSnapshot)
class ReportSnapshotAdmin(admin.ModelAdmin):
    """Read-only: snapshots are made and deleted from the report pages."""

    list_display = ("title", "kind", "workspace", "status", "created_at", "author", "pages", "size")
    list_filter = ("status", "kind", "workspace")
    search_fields = ("title",)
    date_hierarchy = "created_at"
    list_select_related = ("workspace", "author")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
