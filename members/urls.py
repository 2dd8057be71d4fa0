from django.urls import path

from . import interest_views, membership_views, views

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
    path("bodies/<slug:slug>/seats/<slug:key>/", membership_views.seat_detail, name="seat"),
    path(
        "bodies/<slug:slug>/seats/<slug:key>/appoint/",
        membership_views.appoint,
        name="seat-appoint",
    ),
    path(
        "bodies/<slug:slug>/seats/<slug:key>/nominate/",
        membership_views.nominate,
        name="seat-nominate",
    ),
    path("appointments/<int:pk>/end/", membership_views.appointment_end, name="appointment-end"),
    path("nominations/<int:pk>/end/", membership_views.nomination_end, name="nomination-end"),
    path("interests/mine/", interest_views.my_interests, name="my-interests"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:pk>/", views.person_detail, name="person-detail"),
    path("people/<int:pk>/edit/", membership_views.person_edit, name="person-edit"),
    path("people/<int:pk>/sign-in/", membership_views.sign_in_give, name="person-sign-in"),
    path("organisations/", views.organisation_list, name="organisation-list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("outbox/", views.outbox, name="outbox"),
]
