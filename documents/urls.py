from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("meetings/<int:pk>/documents/", views.meeting_documents, name="meeting-documents"),
    path(
        "meetings/<int:pk>/documents/<slug:kind>/prepare/",
        views.document_prepare,
        name="document-prepare",
    ),
    path(
        "meetings/<int:pk>/documents/<slug:kind>.pdf",
        views.document_download,
        name="document-download",
    ),
]
