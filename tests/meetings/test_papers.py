"""Papers are checked by their content, never their name; empty and oversized files are
refused with a clear message."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from meetings import paperfiles as papers

from .workspace import DOCX, PDF, XLSX, office, upload


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("report.pdf", PDF, "pdf"),
        ("report.docx", DOCX, "word"),
        ("budget.xlsx", XLSX, "excel"),
        ("OLD.DOC", papers.OLE2 + b"rest", "word"),
        ("old.xls", papers.OLE2 + b"rest", "excel"),
    ],
    ids=["pdf", "docx", "xlsx", "old-doc", "old-xls"],
)
def test_papers_are_recognised_by_content(name, content, kind):
    assert papers.check(upload(name, content)) == kind


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("report.pdf", b"MZ\x90\x00 an executable", "not a PDF, Word document or Excel"),
        ("report.pdf", b"<html><script>alert(1)</script></html>", "not a PDF"),
        ("report.docx", office("payload.bin"), "not a PDF, Word document or Excel"),
        ("report.docx", b"PK\x03\x04 broken zip", "not a PDF, Word document or Excel"),
        ("report.pdf", DOCX, "named .pdf but is a Word document"),
        ("report", PDF, "named .(none) but is a PDF"),
        ("empty.pdf", b"", "The file is empty"),
    ],
    ids=[
        "executable",
        "html",
        "office-without-a-document",
        "broken-zip",
        "word-named-pdf",
        "pdf-without-extension",
        "empty",
    ],
)
def test_a_disguised_or_broken_file_is_refused(name, content, problem):
    with pytest.raises(ValidationError, match=problem.replace("(", r"\(").replace(")", r"\)")):
        papers.check(upload(name, content))


def test_an_oversized_file_is_refused_with_the_limit(settings):
    settings.PAPER_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as raised:
        papers.check(upload("big.pdf", PDF + b"0" * 2048))
    assert (
        raised.value.messages[0]
        .replace("\xa0", " ")
        .startswith("The file is 2.0 KB; papers can be at most 1.0 KB.")
    )


def test_a_zip_bomb_dressed_as_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))
    with pytest.raises(ValidationError, match=r"it would unpack to 50\.0"):
        papers.check(upload("report.docx", buffer.getvalue()))


def test_a_word_document_of_many_thousand_parts_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
        for n in range(papers.MAX_ENTRIES):
            archive.writestr(f"word/media/{n}.xml", "")
    with pytest.raises(ValidationError, match="it holds 5,001 parts"):
        papers.check(upload("report.docx", buffer.getvalue()))
