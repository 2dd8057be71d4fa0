from django.contrib import admin
from django.urls import include, path

from . import views

admin.site.site_header = "Quorate administration"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("members.urls")),
    path("", include("meetings.urls")),
]
