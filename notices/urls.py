from django.urls import path

from . import views

app_name = "notices"

urlpatterns = [
    path("notices/", views.my_notices, name="mine"),
    path("notices/log/", views.notice_log, name="log"),
    path("notices/<int:pk>/", views.notice_detail, name="detail"),
    path("notices/<int:pk>/resend/", views.notice_resend_view, name="resend"),
]
