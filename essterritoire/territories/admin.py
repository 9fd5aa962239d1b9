from django.contrib import admin

from essterritoire.territories.models import FormerCode, Territory


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "population", "epci_kind", "workspace")
    list_filter = ("kind", "epci_kind")
    search_fields = ("name", "search_name", "code")
    list_select_related = ("workspace",)
    # 35,000 communes: id inputs instead of select boxes listing them all.
    raw_id_fields = ("departement", "region", "epci", "workspace", "members")
    readonly_fields = ("search_name", "created_at")
    show_full_result_count = False


@admin.register(FormerCode)
class FormerCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "commune")
    search_fields = ("code", "name", "commune__name", "commune__code")
    list_select_related = ("commune",)
    raw_id_fields = ("commune",)
