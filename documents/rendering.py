"""HTML to PDF with WeasyPrint, as tagged PDF/UA with a title and language, and the stamps
a pack needs ("Page 57 of 212") laid over pages of any size with pypdf. WeasyPrint is loaded
when the first PDF is made, not with the app: it takes most of a second, which every command,
web process and test process would otherwise spend at start."""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter


def _document(**source):
    """WeasyPrint's HTML document."""
    from weasyprint import HTML

    return HTML(**source)


def html_pdf(template: str, context: dict) -> bytes:
    """A template rendered to a tagged, accessible PDF (PDF/UA-1): the template's <title>
    and <html lang> become the document's title and language."""
    meeting = context.get("meeting")
    if meeting is not None:
        context = {"running_head": css_string(running_head(meeting)), **context}
    source = render_to_string(template, context)
    document = _document(string=source, base_url=str(settings.BASE_DIR))
    return document.write_pdf(pdf_variant="pdf/ua-1")


def running_head(meeting) -> str:
    """The line at the top of every printed page: the body, and the meeting's date."""
    return f"{meeting.body.name}: {meeting.day:%-d %B %Y}"


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def stamp_pages(writer: PdfWriter, running_head: str) -> None:
    """Number every page of the pack "Page n of N", with the body's name at the top: one
    WeasyPrint render gives a stamp for each page, sized to that page."""
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in writer.pages]
    kinds = sorted(set(sizes))
    stamps = PdfReader(
        io.BytesIO(
            _document(
                string=render_to_string(
                    "documents/pdf/stamps.html",
                    {
                        "head": css_string(running_head),
                        "sizes": [(n, w, h) for n, (w, h) in enumerate(kinds)],
                        "pages": [(n + 1, kinds.index(size)) for n, size in enumerate(sizes)],
                        "total": len(sizes),
                    },
                )
            ).write_pdf()
        )
    )
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        page.merge_page(stamp)


def css_string(text: str) -> str:
    """Text made safe inside a CSS string ("…")."""
    return "".join(ch if ch.isalnum() or ch in " .,:;-()/&'" else f"\\{ord(ch):x} " for ch in text)
