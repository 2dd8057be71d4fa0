"""Minutes as PDF: a tagged PDF/UA document with its title and language, marked DRAFT until
confirmed; the members' copy with Part B, the public copy without, each only to its readers.
Each is rendered by itself when the minutes are circulated, and again when confirmed."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from documents.models import Document
from documents.services import current
from tests.meetings.test_minutes import SECRET, circulated, next_meeting
from tests.meetings.workspace import signed_in

pytestmark = pytest.mark.django_db


def rendered(meeting, kind) -> PdfReader:
    """The document the workflow itself had rendered: no one asked for it."""
    document = Document.objects.get(meeting=meeting, kind=kind)
    assert document.status == Document.Status.READY, document.reason
    assert current(document)
    with document.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def words(reader: PdfReader) -> str:
    return " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def test_draft_minutes_are_a_tagged_accessible_pdf_marked_draft(held):
    circulated(held)
    reader = rendered(held.meeting, Document.Kind.MINUTES)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
    assert reader.metadata.title.startswith("South East London Integrated Care Partnership")
    text = words(reader)
    assert "DRAFT" in text
    assert SECRET in text
    assert "Page 1 of" in text


def test_confirmed_public_minutes_leave_out_part_b_and_lose_the_draft_mark(held, clock):
    minutes = circulated(held)
    later = next_meeting(held, clock)
    signed_in(held.clerk).post(
        f"/meetings/{later.meeting.pk}/console/confirm-minutes/", {"confirm-minutes": minutes.pk}
    )
    text = words(rendered(held.meeting, Document.Kind.PUBLIC_MINUTES))
    assert SECRET not in text
    assert "DRAFT" not in text
    assert "Signed:" in text
    response = Client().get(f"/meetings/{held.meeting.pk}/documents/public_minutes.pdf")
    assert response.status_code == 200
    assert Client().get(f"/meetings/{held.meeting.pk}/documents/minutes.pdf").status_code == 404
