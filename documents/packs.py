"""The agenda and the agenda pack. The agenda: a front sheet with the body, date, place,
membership and the exempt paragraphs, and the agenda. The pack: that front sheet, whose index
gives the page each paper starts on; then every paper in agenda order, bookmarked item >
paper, and every page stamped "Page n of N". A supplementary pack does the same for what one
supplement published. The public pack puts, in place of each Part B item's papers, a sheet
stating the paragraph of Schedule 12A that excludes the public. A paper that cannot be read
(corrupt, encrypted, or not a PDF) gets a sheet saying so, and an index entry, without
breaking the pack."""

from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from meetings.models import AgendaItem, Meeting, Paper, Publication
from meetings.queries import agenda_items
from meetings.services.agenda import numbering
from members.models import Appointment

from .rendering import html_pdf, page_count, running_head, stamp_pages

UNREADABLE = "could not be included in the pack"


@dataclass
class Entry:
    item: AgendaItem
    number: str
    title: str
    pdf: bytes
    paper: Paper | None = None
    note: str = ""  # why a sheet stands in for the paper
    first_page: int = 0
    pages: int = 0

    def __post_init__(self):
        self.pages = page_count(self.pdf)


def agenda_pdf(meeting: Meeting, *, public: bool) -> bytes:
    """The agenda on its own: a tagged, accessible PDF with its own page numbers."""
    items = [i for i in agenda_items(meeting) if i.published_id]
    context = _front_context(meeting, items, numbering(items), [], public)
    return html_pdf("documents/pdf/pack_front.html", {**context, "in_pack": False})


def pack_pdf(meeting: Meeting, *, public: bool, supplement: Publication | None = None) -> bytes:
    """The pack of everything published, or of what ``supplement`` published."""
    published = [i for i in agenda_items(meeting) if i.published_id]
    numbers = numbering(published)
    items = published
    if supplement is not None:
        items = [
            i
            for i in published
            if i.published_id == supplement.pk
            or any(p.published_id == supplement.pk for p in i.current_papers)
        ]
    entries: list[Entry] = []
    for item in items:
        if public and item.part == AgendaItem.Part.B:
            sheet = html_pdf("documents/pdf/exempt_sheet.html", _sheet(meeting, item, numbers))
            entries.append(Entry(item, numbers[item.pk], "Exempt item", sheet))
            continue
        for paper in item.current_papers:
            if paper.published_id is None:
                continue
            if supplement is not None and paper.published_id != supplement.pk:
                continue
            pdf, note = _readable(paper)
            if note:
                context = {**_sheet(meeting, item, numbers), "paper": paper, "note": note}
                pdf = html_pdf("documents/pdf/missing_paper_sheet.html", context)
            entries.append(Entry(item, numbers[item.pk], paper.title, pdf, paper, note))
    context = _front_context(meeting, items, numbers, entries, public)
    front = _front({**context, "supplement": supplement})
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)), import_outline=False)
    writer.add_outline_item("Front sheet and agenda", 0)
    parents = {}
    for entry in entries:
        start = len(writer.pages)
        writer.append(PdfReader(io.BytesIO(entry.pdf)), import_outline=False)
        if entry.item.pk not in parents:
            title = "Exempt item" if entry.paper is None else entry.item.title
            parents[entry.item.pk] = writer.add_outline_item(f"{entry.number}. {title}", start)
        if entry.paper is not None:
            writer.add_outline_item(entry.title, start, parent=parents[entry.item.pk])
    stamp_pages(writer, running_head(meeting))
    what = "supplementary agenda pack" if supplement else "agenda pack"
    writer.add_metadata({"/Title": f"{meeting.body.name}: {what}, {meeting.day:%-d %B %Y}"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _readable(paper: Paper) -> tuple[bytes, str]:
    """The paper's PDF, or why it cannot go into the pack."""
    if paper.file_format != Paper.Format.PDF:
        return b"", f"it is a {paper.get_file_format_display()}; download it from the meeting page"
    try:
        with paper.file.open("rb") as handle:
            data = handle.read()
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return b"", "it is protected by a password"
        if not reader.pages:
            return b"", "it has no pages"
        if reader.is_encrypted:  # opens without a password, but pypdf cannot copy it out
            writer = PdfWriter(clone_from=reader)
            out = io.BytesIO()
            writer.write(out)
            data = out.getvalue()
        return data, ""
    except (PdfReadError, ValueError, KeyError, OSError) as error:
        return b"", f"the file is damaged ({type(error).__name__})"


def _sheet(meeting: Meeting, item: AgendaItem, numbers: dict) -> dict:
    return {"meeting": meeting, "item": item, "number": numbers[item.pk], "in_pack": True}


def _front_context(meeting, items, numbers, entries, public) -> dict:
    membership = (
        Appointment.objects.current(meeting.day)
        .filter(seat__body=meeting.body)
        .select_related("person", "seat")
        .order_by("seat__position", "place")
    )
    return {
        "meeting": meeting,
        "items": [i for i in items if not (public and i.part == "B")],
        "withheld": [i for i in items if public and i.part == "B"],
        "numbers": numbers,
        "entries": entries,
        "membership": list(membership),
        "public": public,
        "in_pack": True,
        "exempt_paragraphs": sorted(
            {i.exempt_paragraph for i in items if i.part == "B" and i.exempt_paragraph}
        ),
    }


def _front(context: dict) -> bytes:
    """The front sheet and agenda, with each paper's first page: rendered once to learn its
    own length, then again with the numbers (and once more should they lengthen it)."""
    entries = context["entries"]
    front = html_pdf("documents/pdf/pack_front.html", context)
    for _ in range(3):
        start = page_count(front) + 1
        for entry in entries:
            entry.first_page, start = start, start + entry.pages
        again = html_pdf("documents/pdf/pack_front.html", context)
        if page_count(again) == page_count(front):
            return again
        front = again
    return front
