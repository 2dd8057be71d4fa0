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
    path("bodies/<slug:slug>/documents/", views.body_documents, name="body-documents"),
    path(
        "bodies/<slug:slug>/documents/<slug:kind>/prepare/",
        views.body_document_prepare,
        name="body-document-prepare",
    ),
    path(
        "bodies/<slug:slug>/documents/<slug:kind>.pdf",
        views.body_document_download,
        name="body-document-download",
    ),
]
