from django.contrib import admin, messages

from actors.models import (
    ClassificationRule,
    Establishment,
    ImportBatch,
    LegalCategory,
    LegalUnit,
    NafCode,
)
from actors.sirene.services import establishments_reclassify
from actors.sirene.text import typo


@admin.register(LegalCategory)
class LegalCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "label"]
    search_fields = ["code", "label"]


@admin.register(NafCode)
class NafCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "label", "section", "level"]
    list_filter = ["level", "section"]
    search_fields = ["code", "label"]


@admin.register(ClassificationRule)
class ClassificationRuleAdmin(admin.ModelAdmin):
    """Rules changed here reclassify the establishments too (as on the rules page)."""

    list_display = ["kind", "value", "family", "note", "updated_at"]
    list_filter = ["kind", "family"]
    search_fields = ["value", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        self._reclassify(request)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._reclassify(request)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        self._reclassify(request)

    def _reclassify(self, request):
        changed = establishments_reclassify()
        self.message_user(request, typo(f"Établissements reclassés : {changed}."), messages.INFO)


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "source", "files", "status", "progress", "dry_run"]
    list_filter = ["status", "source", "dry_run"]
    readonly_fields = ["created_at", "finished_at"]


@admin.register(LegalUnit)
class LegalUnitAdmin(admin.ModelAdmin):
    list_display = ["siren", "name", "legal_category", "ess_flag"]
    search_fields = ["siren", "name"]
    list_filter = ["ess_flag"]
    raw_id_fields = ["batch"]


@admin.register(Establishment)
class EstablishmentAdmin(admin.ModelAdmin):
    list_display = ["siret", "name", "commune_code", "naf_code", "family", "employer", "active"]
    list_filter = ["family", "active", "employer", "region_code"]
    search_fields = ["siret", "name"]
    raw_id_fields = ["batch"]
    show_full_result_count = False
