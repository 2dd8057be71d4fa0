"""Benchmark the agenda pack. Prints its figures; asserts nothing.

    .venv/bin/python benchmarks/pack.py

A 30-item agenda with one ten-page paper on each item: a 300-page pack, plus its front sheet
and agenda. The papers are made first (not timed); then the members' pack is rendered as the
PDF worker renders it, in a child process, and the wall time and the child's peak memory
(resident set, which includes Django itself) are printed. Target: under 30 s and 500 MB.
Runs on a throwaway test database (SQLite unless DATABASE_URL says otherwise).
"""

from __future__ import annotations

import datetime
import multiprocessing
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402
from weasyprint import HTML  # noqa: E402

from documents.models import Document  # noqa: E402
from documents.services import document_render  # noqa: E402
from governance import bodyfile  # noqa: E402
from governance.models import Body  # noqa: E402
from governance.rules.words import LONDON  # noqa: E402
from governance.services import body_import  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from meetings.services.agenda import agenda_item_add  # noqa: E402
from meetings.services.papers import paper_add  # noqa: E402
from meetings.services.publication import agenda_publish, agreement_record  # noqa: E402
from members.models import User  # noqa: E402
from members.snapshots import snapshot  # noqa: E402

ITEMS, PAGES = 30, 10
STARTS = datetime.datetime(2030, 6, 13, 14, 0, tzinfo=LONDON)
NOW = STARTS - datetime.timedelta(days=20)
PARAGRAPH = (
    "The board is asked to note the position set out in this report, the risks to delivery "
    "and the mitigations proposed, and to agree the recommendations in section 4. "
) * 6


def paper(n: int) -> bytes:
    pages = "".join(
        f'<section style="break-before: page"><h1>Report {n}, page {p}</h1>'
        f"<p>{PARAGRAPH}</p><table>"
        + "".join(f"<tr><td>Line {r}</td><td>£{r * 1250:,}</td></tr>" for r in range(20))
        + "</table></section>"
        for p in range(1, PAGES + 1)
    )
    return HTML(string=f'<html lang="en"><title>Report {n}</title>{pages}').write_pdf()


def build() -> Document:
    body_import(body_file=bodyfile.read(bodyfile.SHIPPED_DIR / "south-east-london-icp.yaml"))
    body = Body.objects.get(slug="south-east-london-icp")
    clerk = User.objects.create(username="bench-clerk", serves_all_bodies=True)
    meeting = Meeting.objects.create(
        body=body,
        starts_at=STARTS,
        ends_at=STARTS + datetime.timedelta(hours=3),
        location="Civic Centre",
    )
    rules = snapshot(body, NOW.date()).rules_on(STARTS.date())
    content = paper(0)
    for n in range(1, ITEMS + 1):
        item = agenda_item_add(meeting=meeting, rules=rules, title=f"Report {n}")
        paper_add(
            item=item,
            upload=SimpleUploadedFile(f"report-{n}.pdf", content),
            title=f"Report {n}",
            author="Director",
            user=clerk,
            now=NOW,
        )
    if rules.agenda.agreed_by:
        agreement_record(
            meeting=meeting, agreed_by="The co-chairs", agreed_at=NOW, user=clerk, now=NOW
        )
    agenda_publish(meeting=meeting, rules=rules, user=clerk, now=NOW, authorisation=None)
    return Document.objects.create(
        meeting=meeting, kind=Document.Kind.PACK, fingerprint="", requested_at=NOW
    )


def render(document_id: int) -> None:
    connection.close()  # the child opens its own connection
    document = document_render(document_id)
    print(f"   {document.get_status_display()}: {document.pages} pages, {document.size:,} bytes")


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        started = time.perf_counter()
        document = build()
        made = time.perf_counter() - started
        print(f"{ITEMS} items, one {PAGES}-page paper each: made in {made:.1f} s")
        connection.close()
        child = multiprocessing.get_context("fork").Process(target=render, args=(document.pk,))
        started = time.perf_counter()
        child.start()
        child.join()
        wall = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"Members' pack: {wall:.1f} s wall time, worker peak memory {peak_kb / 1024:.0f} MB")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
