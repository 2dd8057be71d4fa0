"""What a paper says and whether a screen reader can read it, read once on upload: its text
for the search, and for a PDF whether it is tagged and gives a title and a language (the
document catalogue, read with pypdf). A paper that cannot be read is kept as it is."""

from __future__ import annotations

import html
import logging
import re
import zipfile
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from . import paperfiles
from .models import Paper
from .searchindex import reindex

logger = logging.getLogger(__name__)

MAX_TEXT = 300_000  # characters kept for the search: some hundred pages
MAX_PAGES = 300
# The parts of a Word or Excel file that hold its words.
OFFICE_PARTS = {paperfiles.WORD: "word/document.xml", paperfiles.EXCEL: "xl/sharedStrings.xml"}
OFFICE_TEXT = re.compile(r"<(?:w:)?t(?:\s[^>]*)?>([^<]*)</(?:w:)?t>|</(?:w:p|si)>")


@dataclass(frozen=True)
class Reading:
    text: str = ""
    tagged: bool | None = None  # None: not a PDF, or one that could not be read
    title: str = ""
    language: str = ""


def read(file, file_format: str) -> Reading:
    try:
        file.seek(0)
        if file_format == paperfiles.PDF:
            return _pdf(file)
        if file_format in OFFICE_PARTS:
            return Reading(text=_office(file, OFFICE_PARTS[file_format]))
    except (PyPdfError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        logger.info("A paper could not be read: %s", error)
    return Reading()


def _pdf(file) -> Reading:
    reader = PdfReader(file)
    if reader.is_encrypted:
        return Reading()
    catalogue = reader.trailer["/Root"]
    marked = catalogue.get("/MarkInfo", {}).get("/Marked", False)
    tagged = bool(marked) and "/StructTreeRoot" in catalogue
    title = (reader.metadata.title if reader.metadata else "") or ""
    parts, length = [], 0
    for page in reader.pages[:MAX_PAGES]:
        words = page.extract_text() or ""
        parts.append(words)
        length += len(words)
        if length >= MAX_TEXT:
            break
    return Reading(
        text=_tidy(" ".join(parts)),
        tagged=tagged,
        title=str(title).strip(),
        language=str(catalogue.get("/Lang", "")).strip(),
    )


def _office(file, part: str) -> str:
    with zipfile.ZipFile(file) as archive:
        paperfiles.unpacked_names(archive, file.size)  # the upload check's limits, again
        xml = archive.read(part).decode("utf-8", "replace")
    words = (
        html.unescape(m.group(1)) if m.group(1) is not None else "\n"
        for m in OFFICE_TEXT.finditer(xml)
    )
    return _tidy("".join(words))


def _tidy(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", re.sub(r"\n\s*\n+", "\n", text)).strip()[:MAX_TEXT]


def paper_read(paper_id: int) -> None:
    """Read the paper's words for the search and, for a PDF, whether it is tagged."""
    paper = Paper.objects.filter(pk=paper_id).first()
    if paper is None:
        return
    with paper.file.open("rb") as file:
        reading = read(file, paper.file_format)
    Paper.objects.filter(pk=paper_id).update(
        text=reading.text,
        pdf_tagged=reading.tagged,
        pdf_title=reading.title[:300],
        pdf_language=reading.language[:35],
    )
    reindex(Paper, [paper_id])
