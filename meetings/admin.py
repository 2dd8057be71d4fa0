from django.contrib import admin

from .models import Meeting


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["body", "starts_at", "kind", "status", "held_in_public"]
    list_filter = ["body", "status", "kind", "held_in_public"]
    list_select_related = ["body"]
    date_hierarchy = "starts_at"
