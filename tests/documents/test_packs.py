"""Agenda packs and minutes as PDFs, read back with pypdf: page numbers continuous and right
in the index, bookmarks item > paper, no Part B words in the public pack, a damaged or
locked paper replaced by a sheet without breaking the pack, tagged PDF/UA minutes, a DRAFT
mark until confirmed, and nothing out of date or not entitled ever served."""

from __future__ import annotations

import datetime
import io
import re

import pytest
import time_machine
from django.test import Client
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML

from documents.models import Document
from documents.services import document_request
from governance.rules.words import LONDON
from meetings.services.papers import paper_add
from tests.factories import UserFactory
from tests.meetings.workspace import publish, seed_body, signed_in, upload

from .conftest import renders_held_back

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 1, 4, 10, 0, tzinfo=LONDON)
MEETING = datetime.datetime(2027, 1, 28, 14, 0, tzinfo=LONDON)
SECRET = "ZEBRASECRET"


def pdf(*pages: str) -> bytes:
    body = "".join(f'<p style="break-before: page">{text}</p>' for text in pages)
    return HTML(string=f'<html lang="en"><title>Paper</title>{body}').write_pdf()


def locked_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf("LOCKEDWORDS"))))
    writer.encrypt("open-sesame")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def pack_meeting():
    with time_machine.travel(NOW, tick=True):
        setting = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
        meeting = setting.meeting
        from meetings.services.agenda import agenda_item_add

        finance = agenda_item_add(meeting=meeting, rules=setting.rules, title="Finance report")
        estates = agenda_item_add(
            meeting=meeting,
            rules=setting.rules,
            title="Estates contract",
            part="B",
            exempt_paragraph=3,
        )
        papers = [
            (finance, "Budget", pdf("BUDGETONE", "BUDGETTWO", "BUDGETTHREE")),
            (finance, "Risks", pdf("RISKSONE")),
            (finance, "Damaged", b"%PDF-1.4\nthis is not really a PDF\n%%EOF\n"),
            (finance, "Locked", locked_pdf()),
            (estates, "Contract award", pdf(f"{SECRET} the preferred bidder", "SECRETPAGETWO")),
        ]
        for item, title, content in papers:
            paper_add(
                item=item,
                upload=upload(f"{title.lower()}.pdf", content),
                title=title,
                author="Director of Finance",
                user=setting.clerk,
                now=NOW,
            )
        with renders_held_back():
            publish(setting, NOW)
        yield setting


def read(document: Document) -> PdfReader:
    document.refresh_from_db()
    assert document.status == Document.Status.READY, document.reason
    with document.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def outline(reader: PdfReader) -> list:
    def walk(entries):
        result = []
        for entry in entries:
            if isinstance(entry, list):
                result.append(walk(entry))
            else:
                result.append(entry.title)
        return result

    return walk(reader.outline)


def test_the_members_pack_is_numbered_indexed_and_bookmarked(pack_meeting):
    reader = read(document_request(meeting=pack_meeting.meeting, kind=Document.Kind.PACK))
    pages = texts(reader)
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
        assert "South East London Integrated Care Partnership: 28 January 2027" in text
    front = "\n".join(pages[:2])  # the front sheet and the agenda
    starts = {
        title: int(re.search(rf"{title}.*?(\d+)\s*$", front, re.MULTILINE).group(1))
        for title in ("Budget", "Risks", "Contract award")
    }
    assert "BUDGETONE" in pages[starts["Budget"] - 1]
    assert "BUDGETTHREE" in pages[starts["Budget"] + 1]
    assert "RISKSONE" in pages[starts["Risks"] - 1]
    assert SECRET in pages[starts["Contract award"] - 1]
    assert outline(reader) == [
        "Front sheet and agenda",
        "1. Finance report",
        ["Budget", "Risks", "Damaged", "Locked"],
        "2. Estates contract",
        ["Contract award"],
    ]


def test_a_damaged_or_locked_paper_gets_a_sheet_and_an_index_entry(pack_meeting):
    reader = read(document_request(meeting=pack_meeting.meeting, kind=Document.Kind.PACK))
    pages = texts(reader)
    joined = " ".join(pages).replace("\n", " ")
    assert "Item 1: Damaged This paper could not be included in the pack: the file is damaged" in (
        joined
    )
    assert "Item 1: Locked This paper could not be included in the pack: it is protected by a" in (
        joined
    )
    assert "LOCKEDWORDS" not in joined
    assert "Damaged (not in this pack: the file is damaged" in joined


def test_the_public_pack_has_no_part_b_words(pack_meeting):
    reader = read(document_request(meeting=pack_meeting.meeting, kind=Document.Kind.PUBLIC_PACK))
    joined = " ".join(texts(reader))
    assert SECRET not in joined and "SECRETPAGETWO" not in joined
    assert "Contract award" not in joined
    assert "paragraph 3 of Schedule 12A" in joined
    assert "BUDGETONE" in joined


def test_who_may_download_which_pack(pack_meeting, world):
    meeting = pack_meeting.meeting
    document_request(meeting=meeting, kind=Document.Kind.PACK)
    document_request(meeting=meeting, kind=Document.Kind.PUBLIC_PACK)
    members = f"/meetings/{meeting.pk}/documents/pack.pdf"
    public = f"/meetings/{meeting.pk}/documents/public_pack.pdf"
    anonymous = Client()
    assert anonymous.get(members).status_code == 404
    response = anonymous.get(public)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert SECRET.encode() not in b"".join(response.streaming_content)
    outsider = signed_in(world.users["other_member"])
    assert outsider.get(members).status_code == 404
    member = UserFactory(username="sel-vcse")
    pack_meeting.holders["vcse"].user = member
    pack_meeting.holders["vcse"].save(update_fields=["user"])
    assert signed_in(member).get(members).status_code == 200
    assert signed_in(pack_meeting.clerk).get(members).status_code == 200


def test_a_pack_out_of_date_is_never_offered(pack_meeting):
    meeting = pack_meeting.meeting
    document_request(meeting=meeting, kind=Document.Kind.PUBLIC_PACK)
    item = meeting.items.get(title="Finance report")
    item.title = "Finance report, revised"
    item.revision += 1
    item.save()
    assert Client().get(f"/meetings/{meeting.pk}/documents/public_pack.pdf").status_code == 404
    page = signed_in(pack_meeting.clerk).get(f"/meetings/{meeting.pk}/documents/")
    assert "Out of date" in page.content.decode()
    response = signed_in(pack_meeting.clerk).post(
        f"/meetings/{meeting.pk}/documents/public_pack/prepare/"
    )
    assert response.status_code == 302
    assert Client().get(f"/meetings/{meeting.pk}/documents/public_pack.pdf").status_code == 200


def test_a_failure_is_shown_with_its_reason(pack_meeting, monkeypatch):
    def broken(meeting, *, public):
        raise RuntimeError("the renderer ran out of memory")

    monkeypatch.setattr("documents.services.pack_pdf", broken)
    client = signed_in(pack_meeting.clerk)
    response = client.post(
        f"/meetings/{pack_meeting.meeting.pk}/documents/pack/prepare/", follow=True
    )
    assert "the renderer ran out of memory" in response.content.decode()
    assert Document.objects.get(kind=Document.Kind.PACK).status == Document.Status.FAILED
    assert client.get(f"/meetings/{pack_meeting.meeting.pk}/documents/pack.pdf").status_code == 404


def test_only_the_secretariat_prepares_documents(pack_meeting, world):
    path = f"/meetings/{pack_meeting.meeting.pk}/documents/pack/prepare/"
    assert Client().post(path).status_code == 302  # to sign in
    assert signed_in(world.users["member"]).post(path).status_code == 404
    # Publication queued both packs; no one here had them rendered.
    assert {d.status for d in Document.objects.exclude(meeting=None)} == {Document.Status.QUEUED}


def test_publishing_renders_the_agenda_packs_and_supplementary_pack_by_itself(pack_meeting):
    from meetings.services.agenda import agenda_item_add

    # The fixture held back the renderings its publication queued.
    assert {d.status for d in Document.objects.exclude(meeting=None)} == {Document.Status.QUEUED}
    late = agenda_item_add(
        meeting=pack_meeting.meeting, rules=pack_meeting.rules, title="Late urgent item"
    )
    paper_add(
        item=late,
        upload=upload("urgent.pdf", pdf("URGENTONE", "URGENTTWO")),
        title="Urgent report",
        author="Director of Finance",
        user=pack_meeting.clerk,
        now=NOW,
    )
    later = NOW + datetime.timedelta(hours=1)
    with time_machine.travel(later, tick=True):
        publish(pack_meeting, later)  # a supplement
    documents = {d.kind: d for d in Document.objects.exclude(meeting=None)}
    kinds = Document.Kind
    assert set(documents) == {
        kinds.AGENDA,
        kinds.PUBLIC_AGENDA,
        kinds.PACK,
        kinds.PUBLIC_PACK,
        kinds.SUPPLEMENT,
        kinds.PUBLIC_SUPPLEMENT,
    }
    assert all(d.status == Document.Status.READY for d in documents.values())
    public = " ".join(texts(read(documents[kinds.PUBLIC_PACK])))
    assert "Late urgent item" in public and "URGENTONE" in public and SECRET not in public

    supplement = read(documents[kinds.SUPPLEMENT])
    words = texts(supplement)
    assert "Supplementary agenda pack" in words[0]
    assert "URGENTONE" in " ".join(words) and "BUDGETONE" not in " ".join(words)
    front, item, papers = outline(supplement)
    assert (front, papers) == ("Front sheet and agenda", ["Urgent report"])
    assert item.endswith(". Late urgent item")
    # its own page numbers: the front sheet, then the paper's two pages
    assert words[-1].endswith(f"Page {len(words)} of {len(words)}")
    assert words[-2].startswith("URGENTONE")


def test_the_agenda_is_a_tagged_pdf_with_the_front_sheet_and_no_papers(pack_meeting):
    from documents.services import document_render

    kinds = Document.Kind
    for kind in (kinds.AGENDA, kinds.PUBLIC_AGENDA):
        document_render(Document.objects.get(kind=kind).pk)
    members = read(Document.objects.get(kind=kinds.AGENDA))
    root = members.trailer["/Root"]
    assert root["/Lang"] == "en-GB" and "/StructTreeRoot" in root
    assert b'pdfuaid:part="1"' in members.xmp_metadata.stream.get_data()
    text = " ".join(texts(members))
    assert "Membership" in text and "Committee Room 1" in text
    assert "Estates contract" in text and "paragraph 3 of Schedule 12A" in text
    assert "BUDGETONE" not in text and "Page 1 of" in text
    public = " ".join(texts(read(Document.objects.get(kind=kinds.PUBLIC_AGENDA))))
    assert "Estates contract" not in public and "Exempt under paragraph 3" in public
