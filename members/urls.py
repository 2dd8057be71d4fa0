from django.urls import path

from . import views

app_name = "members"

urlpatterns = [
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/<slug:slug>/terms/", views.body_terms, name="body-terms"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("outbox/", views.outbox, name="outbox"),
]
