"""Which kind of file a paper is, decided by its content, never by its name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

PDF, WORD, EXCEL = "pdf", "word", "excel"
NAMES = {PDF: "a PDF", WORD: "a Word document", EXCEL: "an Excel workbook"}
EXTENSIONS = {PDF: {"pdf"}, WORD: {"docx", "doc"}, EXCEL: {"xlsx", "xls"}}
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A Word or Excel file is a zip archive; one that unpacks to far more than it weighs is a
# "zip bomb", meant to exhaust the machine that opens it (here, or a member's).
MAX_ENTRIES = 5000
MAX_RATIO = 200


class ZipBomb(ValueError):
    pass


def unpacked_names(archive: zipfile.ZipFile, packed: int) -> set[str]:
    """The archive's names, after checking what it would unpack to."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise ZipBomb(f"it holds {len(entries):,} parts")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > settings.PAPER_MAX_UNPACKED_BYTES or unpacked > packed * MAX_RATIO:
        raise ZipBomb(f"it would unpack to {filesizeformat(unpacked)}")
    return {entry.filename for entry in entries}


def detect(upload) -> str | None:
    """PDF, Word or Excel by their content; None for anything else."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = unpacked_names(archive, upload.size)
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return WORD
        if "xl/workbook.xml" in names:
            return EXCEL
        return None
    if head == OLE2:
        # Legacy .doc and .xls share a container; the name's extension tells them apart
        # once the content has shown it is an Office file.
        extension = upload.name.rsplit(".", 1)[-1].lower()
        return EXCEL if extension == "xls" else WORD
    return None


def check(upload) -> str:
    """The paper's format, or a ValidationError that says what is wrong with the file."""
    if upload.size == 0:
        raise ValidationError("The file is empty. Choose the paper again.")
    limit = settings.PAPER_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"The file is {filesizeformat(upload.size)}; papers can be at most "
            f"{filesizeformat(limit)}. Reduce its size, for example by saving images at a "
            "lower resolution, or split it into appendices."
        )
    try:
        kind = detect(upload)
    except ZipBomb as bomb:
        raise ValidationError(
            f"The file cannot be taken: {bomb}, far more than a paper does. Save it again "
            "from Word or Excel, or as a PDF, and upload that."
        ) from bomb
    if kind is None:
        raise ValidationError(
            "The file is not a PDF, Word document or Excel workbook, whatever its name says. "
            "Save it in one of those formats and upload it again."
        )
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in EXTENSIONS[kind]:
        raise ValidationError(
            f"The file is named .{extension or '(none)'} but is {NAMES[kind]}. Rename it to "
            f"match its content and upload it again."
        )
    return kind
