from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import Appointment, DeputyNomination, InterestDeclaration, OutboxMessage, Person, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Secretariat", {"fields": ("serves_all_bodies", "secretariat_bodies")}),
    )
    filter_horizontal = ("secretariat_bodies", "groups", "user_permissions")
    list_display = ["username", "email", "first_name", "last_name", "serves_all_bodies"]


class AppointmentInline(admin.TabularInline):
    model = Appointment
    extra = 0
    autocomplete_fields = ["seat"]


class InterestInline(admin.StackedInline):
    model = InterestDeclaration
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "job_title", "email"]
    search_fields = ["given_name", "family_name", "email", "job_title"]
    autocomplete_fields = ["user"]
    inlines = [AppointmentInline, InterestInline]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["person", "seat", "place", "tenure", "starts_on", "ends_on"]
    list_filter = ["seat__body", "tenure"]
    list_select_related = ["person", "seat__body"]
    autocomplete_fields = ["person", "seat"]


@admin.register(DeputyNomination)
class DeputyNominationAdmin(admin.ModelAdmin):
    list_display = ["person", "seat", "starts_on", "ends_on"]
    list_filter = ["seat__body"]
    list_select_related = ["person", "seat__body"]
    autocomplete_fields = ["person", "seat"]


@admin.register(InterestDeclaration)
class InterestDeclarationAdmin(admin.ModelAdmin):
    list_display = ["person", "category", "organisation", "declared_on", "ends_on"]
    list_filter = ["category"]
    list_select_related = ["person", "organisation"]
    autocomplete_fields = ["person", "organisation"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "to", "sent_at"]
    readonly_fields = ["to", "subject", "body", "html_body", "sent_at"]
