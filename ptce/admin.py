"""Staff views of the PTCE, for support: the pages of the app are where people work."""

from django.contrib import admin

from ptce.models import (
    AnimationYear,
    CooperationProject,
    FundingLine,
    Member,
    Mutualisation,
    Ptce,
)


class MemberInline(admin.TabularInline):
    model = Member
    extra = 0
    raw_id_fields = ["actor"]


class AnimationYearInline(admin.TabularInline):
    model = AnimationYear
    extra = 0


class FundingLineInline(admin.TabularInline):
    model = FundingLine
    extra = 0
    raw_id_fields = ["funder_actor"]


@admin.register(Ptce)
class PtceAdmin(admin.ModelAdmin):
    list_display = ["name", "workspace", "stage", "legal_form", "created_on"]
    list_filter = ["stage", "legal_form", "workspace"]
    search_fields = ["name", "description"]
    raw_id_fields = ["perimeter", "pilot", "communes", "diagnostics", "created_by"]
    inlines = [MemberInline, AnimationYearInline, FundingLineInline]


@admin.register(Mutualisation)
class MutualisationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "ptce", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["ptce", "members"]


@admin.register(CooperationProject)
class CooperationProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "ptce", "status", "start_on", "end_on"]
    list_filter = ["status"]
    raw_id_fields = ["ptce", "members"]
