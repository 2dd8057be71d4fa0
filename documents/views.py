"""A meeting's documents: their state, the secretariat's request to prepare them, and the
download, each after the access check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from meetings.models import Meeting
from meetings.storage import signed_link
from meetings.views.common import get_meeting_for_secretariat, get_meeting_for_user
from members.access import roles_for

from .access import readable_kinds
from .models import Document
from .services import current, document_request


def meeting_documents(request, pk):
    meeting = get_meeting_for_user(request, pk)
    kinds = readable_kinds(meeting, request.user)
    serves = roles_for(request.user).serves(meeting.body)
    held = {d.kind: d for d in meeting.documents.filter(kind__in=kinds)}
    rows = [
        {
            "kind": kind,
            "label": Document.Kind(kind).label,
            "document": held.get(kind),
            "current": current(held.get(kind)),
        }
        for kind in kinds
    ]
    context = {"meeting": meeting, "rows": rows, "serves": serves}
    return render(request, "documents/meeting_documents.html", context)


@login_required
@require_POST
def document_prepare(request, pk, kind):
    meeting = get_meeting_for_secretariat(request, pk)
    if kind not in readable_kinds(meeting, request.user):
        raise Http404("Nothing to prepare.")
    document = document_request(meeting=meeting, kind=kind)
    document.refresh_from_db()
    if document.status == Document.Status.FAILED:
        messages.error(request, f"{document.get_kind_display()} failed: {document.reason}")
    else:
        messages.success(
            request, f"{document.get_kind_display()}: {document.get_status_display()}."
        )
    return redirect("documents:meeting-documents", meeting.pk)


def document_download(request, pk, kind):
    """The PDF, only when it is current and the reader may have it; the same 404 otherwise."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not roles_for(request.user).can_view_meeting(meeting):
        raise Http404("No such document.")
    if kind not in readable_kinds(meeting, request.user):
        raise Http404("No such document.")
    document = meeting.documents.filter(kind=kind).first()
    if not current(document):
        raise Http404("The document is not ready.")
    filename = f"{meeting.body.short_name} {meeting.day:%Y-%m-%d} {kind.replace('_', ' ')}.pdf"
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
