from django.contrib import admin

from .models import Body, ObligationDone, Organisation, Seat, SeatCategory, TermsOfReference


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}


class SeatInline(admin.TabularInline):
    model = Seat
    extra = 0
    fields = ["position", "key", "title", "organisation", "role", "voting", "max_holders"]
    autocomplete_fields = ["organisation"]


class TermsInline(admin.TabularInline):
    model = TermsOfReference
    extra = 0
    fields = ["version_label", "status", "approved_on", "approved_by", "effective_from"]
    show_change_link = True


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "meets_in_public", "reports_to"]
    list_filter = ["meets_in_public"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["reports_to", "secretariat_organisation"]
    inlines = [TermsInline, SeatInline]


@admin.register(TermsOfReference)
class TermsOfReferenceAdmin(admin.ModelAdmin):
    list_display = ["body", "version_label", "status", "approved_on", "effective_from"]
    list_filter = ["status", "body"]
    list_select_related = ["body"]


@admin.register(SeatCategory)
class SeatCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "body"]
    list_filter = ["body"]
    list_select_related = ["body"]


@admin.register(Seat)
class SeatAdmin(admin.ModelAdmin):
    list_display = ["title", "body", "organisation", "role", "voting", "max_holders"]
    list_filter = ["body", "role", "voting"]
    list_select_related = ["body", "organisation"]
    search_fields = ["title", "key"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["categories"]


@admin.register(ObligationDone)
class ObligationDoneAdmin(admin.ModelAdmin):
    list_display = ["body", "key", "due_on", "done_on", "recorded_by"]
    list_filter = ["body"]
    readonly_fields = ["recorded_at", "recorded_by"]
