"""A meeting's and a body's documents: their state, the secretariat's request to prepare
them, and the download, each after the access check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from config import clock
from meetings.models import Meeting
from meetings.storage import signed_link
from meetings.views.common import get_meeting_for_secretariat, get_meeting_for_user
from members.access import get_body_for_secretariat, get_body_for_user, roles_for

from .access import readable_body_kinds, readable_kinds
from .models import Document
from .services import current, document_request


def _rows(documents, kinds, name: str, *args) -> list[dict]:
    """Each document the reader may have, its state, and where to get or prepare it."""
    held = {d.kind: d for d in documents.filter(kind__in=kinds)}
    return [
        {
            "label": Document.Kind(kind).label,
            "document": held.get(kind),
            "current": current(held.get(kind)),
            "download": reverse(f"documents:{name}-download", args=[*args, kind]),
            "prepare": reverse(f"documents:{name}-prepare", args=[*args, kind]),
        }
        for kind in kinds
    ]


def meeting_documents(request, pk):
    meeting = get_meeting_for_user(request, pk)
    kinds = readable_kinds(meeting, request.user)
    rows = _rows(meeting.documents, kinds, "document", meeting.pk)
    context = {
        "meeting": meeting,
        "rows": rows,
        "serves": roles_for(request.user).serves(meeting.body),
    }
    return render(request, "documents/meeting_documents.html", context)


def body_documents(request, slug):
    body = get_body_for_user(request, slug)
    kinds = readable_body_kinds(body, request.user)
    rows = _rows(body.documents.filter(meeting=None), kinds, "body-document", body.slug)
    context = {"body": body, "rows": rows, "serves": roles_for(request.user).serves(body)}
    return render(request, "documents/body_documents.html", context)


def _prepared(request, document: Document) -> None:
    document.refresh_from_db()
    label = document.get_kind_display()
    if document.status == Document.Status.FAILED:
        messages.error(request, f"{label} failed: {document.reason}")
    else:
        messages.success(request, f"{label}: {document.get_status_display()}.")


@login_required
@require_POST
def document_prepare(request, pk, kind):
    meeting = get_meeting_for_secretariat(request, pk)
    if kind not in readable_kinds(meeting, request.user):
        raise Http404("Nothing to prepare.")
    _prepared(request, document_request(meeting=meeting, kind=kind))
    return redirect("documents:meeting-documents", meeting.pk)


@login_required
@require_POST
def body_document_prepare(request, slug, kind):
    body = get_body_for_secretariat(request, slug)
    if kind not in readable_body_kinds(body, request.user):
        raise Http404("Nothing to prepare.")
    _prepared(request, document_request(body=body, kind=kind))
    return redirect("documents:body-documents", body.slug)


def _download(document: Document | None, filename: str):
    """The PDF, only when it is current; the same 404 otherwise."""
    if not current(document):
        raise Http404("The document is not ready.")
    link = signed_link(document.file.name, filename, "application/pdf")
    if link:
        response = HttpResponseRedirect(link)
    else:
        response = FileResponse(
            document.file.open("rb"), filename=filename, content_type="application/pdf"
        )
        response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def document_download(request, pk, kind):
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not roles_for(request.user).can_view_meeting(meeting):
        raise Http404("No such document.")
    if kind not in readable_kinds(meeting, request.user):
        raise Http404("No such document.")
    filename = f"{meeting.body.short_name} {meeting.day:%Y-%m-%d} {kind.replace('_', ' ')}.pdf"
    return _download(meeting.documents.filter(kind=kind).first(), filename)


def body_document_download(request, slug, kind):
    body = get_body_for_user(request, slug)
    if kind not in readable_body_kinds(body, request.user):
        raise Http404("No such document.")
    document = body.documents.filter(meeting=None, kind=kind).first()
    filename = f"{body.short_name} {kind.replace('_', ' ')} {clock.today():%Y-%m-%d}.pdf"
    return _download(document, filename)
