"""A body's register of decisions as PDF, rendered in the PDF task: a tagged PDF/UA
document; the members' copy with Part B decisions, the public copy without, each only to its
readers; never offered once a decision changes. And its terms of reference as a PDF."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from documents.models import Document
from meetings.models import Decision
from tests.meetings.test_minutes import SECRET
from tests.meetings.workspace import signed_in

pytestmark = pytest.mark.django_db


def pdf_text(response) -> tuple[PdfReader, str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    return reader, " ".join(page.extract_text() for page in reader.pages).replace("\n", " ")


def test_the_register_pdf_for_members_and_for_the_public(held, world):
    slug = held.body.slug
    clerk = signed_in(held.clerk)
    for kind in ("register", "public_register"):
        prepared = clerk.post(f"/bodies/{slug}/documents/{kind}/prepare/", follow=True)
        assert "Ready." in prepared.content.decode()
    registers = Document.objects.filter(body=held.body, kind__in=["register", "public_register"])
    assert registers.filter(status="ready").count() == 2

    reader, members = pdf_text(clerk.get(f"/bodies/{slug}/documents/register.pdf"))
    assert "Invest in community diagnostics hubs." in members and SECRET in members
    assert "Best value for residents." in members  # the reasons
    assert b'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data()
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.metadata.title.endswith("register of decisions")

    _, public = pdf_text(Client().get(f"/bodies/{slug}/documents/public_register.pdf"))
    assert "Invest in community diagnostics hubs." in public and SECRET not in public
    assert Client().get(f"/bodies/{slug}/documents/register.pdf").status_code == 404
    page = Client().get(f"/bodies/{slug}/documents/").content.decode()
    assert "Register of decisions, public copy" in page and "with confidential" not in page
    assert (
        signed_in(world.users["member"])
        .post(f"/bodies/{slug}/documents/register/prepare/")
        .status_code
        == 404
    )  # a member of another body

    # A decision changed since: the register is out of date and never offered.
    decision = Decision.objects.get(text__startswith="Invest")
    Decision.objects.filter(pk=decision.pk).update(revision=decision.revision + 1)
    assert Client().get(f"/bodies/{slug}/documents/public_register.pdf").status_code == 404
    assert "Out of date" in Client().get(f"/bodies/{slug}/documents/").content.decode()


def test_the_terms_of_reference_as_a_pdf_with_their_version_history(held):
    slug = held.body.slug
    prepared = signed_in(held.clerk).post(f"/bodies/{slug}/documents/terms/prepare/", follow=True)
    assert "Ready." in prepared.content.decode()
    # The public may read it, since the body meets in public.
    _, text = pdf_text(Client().get(f"/bodies/{slug}/documents/terms.pdf"))
    assert "Terms of reference" in text and "Version history" in text and "Quorum" in text
    assert (
        "The terms of reference as a PDF" in Client().get(f"/bodies/{slug}/terms/").content.decode()
    )
