from django.urls import path

from . import interest_views, views

app_name = "members"

urlpatterns = [
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/<slug:slug>/terms/", views.body_terms, name="body-terms"),
    path("bodies/<slug:slug>/interests/", interest_views.body_register, name="interest-register"),
    path(
        "bodies/<slug:slug>/interests.csv",
        interest_views.body_register_csv,
        name="interest-register-csv",
    ),
    path("interests/mine/", interest_views.my_interests, name="my-interests"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("outbox/", views.outbox, name="outbox"),
]
