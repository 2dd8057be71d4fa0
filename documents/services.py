"""Asking for a document and rendering it: the request is recorded at once (queued), the
rendering runs in a Celery task on the PDF queue, and the outcome (ready, or failed with the
reason) is recorded on the document."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction

from config import clock
from governance.models import Body
from meetings.minutes_record import minutes_record
from meetings.models import Meeting, Minutes

from .fingerprints import fingerprint
from .models import Document
from .packs import agenda_pdf, pack_pdf
from .registers import register_pdf, terms_pdf
from .rendering import html_pdf, page_count

logger = logging.getLogger(__name__)
Kind = Document.Kind


def document_request(*, kind: str, meeting: Meeting | None = None, body: Body | None = None):
    """Queue the rendering of ``kind`` for the meeting, or for the body (again, if it is out
    of date)."""
    of = {"meeting": meeting} if meeting is not None else {"body": body, "meeting": None}
    with transaction.atomic():
        document, _ = Document.objects.select_for_update().get_or_create(
            kind=kind, **of, defaults={"requested_at": clock.now(), "fingerprint": ""}
        )
        document.status, document.reason = Document.Status.QUEUED, ""
        document.requested_at = clock.now()
        document.fingerprint = _fingerprint(document)
        document.save()
    from .tasks import render_document  # the task module imports this one

    transaction.on_commit(lambda: render_document.delay(document.pk))
    return document


def document_render(document_id: int) -> Document:
    """Render the document from its content as it is now."""
    document = Document.objects.select_related("meeting__body", "body").get(pk=document_id)
    document.status = Document.Status.RENDERING
    document.fingerprint = _fingerprint(document)
    document.save(update_fields=["status", "fingerprint"])
    try:
        pdf = _pdf(document)
    except Exception as error:  # any failure is the clerk's to see, with its reason
        document.status = Document.Status.FAILED
        document.reason = f"{type(error).__name__}: {error}"[:2000]
        document.finished_at = clock.now()
        document.save(update_fields=["status", "reason", "finished_at"])
        logger.exception("Rendering %s failed", document)
        return document
    old = document.file.name
    owner = f"m{document.meeting_id}" if document.meeting_id else f"b{document.body_id}"
    document.file.save(f"{owner}-{document.kind}.pdf", ContentFile(pdf), save=False)
    if old and old != document.file.name:
        document.file.storage.delete(old)
    document.status = Document.Status.READY
    document.pages, document.size = page_count(pdf), len(pdf)
    document.finished_at = clock.now()
    document.save()
    return document


def _pdf(document: Document) -> bytes:
    kind, meeting = document.kind, document.meeting
    public = kind.startswith("public_")
    if kind in (Kind.REGISTER, Kind.PUBLIC_REGISTER):
        return register_pdf(document.body, public=public)
    if kind == Kind.TERMS:
        return terms_pdf(document.body)
    if kind in (Kind.AGENDA, Kind.PUBLIC_AGENDA):
        return agenda_pdf(meeting, public=public)
    if kind in (Kind.PACK, Kind.PUBLIC_PACK):
        return pack_pdf(meeting, public=public)
    if kind in (Kind.SUPPLEMENT, Kind.PUBLIC_SUPPLEMENT):
        return pack_pdf(meeting, public=public, supplement=latest_supplement(meeting))
    minutes = Minutes.objects.get(meeting=meeting)
    context = {"meeting": meeting, "draft": not minutes.locked}
    if minutes.locked:
        context["signed"] = minutes.signed_public_text if public else minutes.signed_text
    else:
        context["record"] = minutes_record(meeting, minutes=minutes, public=public)
    return html_pdf("documents/pdf/minutes.html", context)


def latest_supplement(meeting: Meeting):
    return meeting.publications.filter(kind="supplement").order_by("-published_at").first()


def _fingerprint(document: Document) -> str:
    return fingerprint(document.kind, meeting=document.meeting, body=document.body)


def current(document: Document | None) -> bool:
    """Ready, and rendered from the content as it stands: only such a file is offered."""
    return (
        document is not None
        and document.status == Document.Status.READY
        and document.fingerprint == _fingerprint(document)
    )
