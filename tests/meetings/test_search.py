"""The public search finds agenda items, papers by the words inside them, decisions (also by
a word in their paper) and confirmed minutes; and never anything the public may not read.
Papers are read on upload: their words, and whether a PDF is tagged for screen readers."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
import weasyprint
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from governance.rules.words import LONDON
from meetings import search, searchindex
from meetings.models import AgendaItem, Decision, Meeting, Paper
from meetings.services.agenda import agenda_item_add, agenda_start
from tests.factories import MeetingFactory

from .workspace import DOCX, publish, seed_body, signed_in, upload

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
BEFORE = MEETING - datetime.timedelta(days=20)


def pdf(words: str, *, tagged=False) -> bytes:
    lang = " lang='en'" if tagged else ""  # an untagged paper also lacks a language
    document = weasyprint.HTML(string=f"<html{lang}><title>Paper</title><p>{words}</p>")
    return document.write_pdf(pdf_variant="pdf/ua-1" if tagged else None)


def add_paper(sel, item, name, content, title):
    response = signed_in(sel.clerk).post(
        f"/agenda-items/{item.pk}/papers/new/",
        {"title": title, "author": "Director of Finance", "file": upload(name, content)},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return Paper.objects.get(item=item, title=title)


@pytest.fixture
def sel(django_capture_on_commit_callbacks):
    with time_machine.travel(BEFORE, tick=False):
        setting = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
        agenda_start(meeting=setting.meeting, rules=setting.rules)
        rules, meeting = setting.rules, setting.meeting
        setting.winter = agenda_item_add(meeting=meeting, rules=rules, title="Winter resilience")
        lease = agenda_item_add(
            meeting=meeting, rules=rules, title="Tooley Street lease", part="B", exempt_paragraph=3
        )
        with django_capture_on_commit_callbacks(execute=True):
            setting.paper = add_paper(
                setting, setting.winter, "winter.pdf",
                pdf("Gritting routes &lt;script&gt;alert(1)&lt;/script&gt; for the hospitals."),
                "Winter plan",
            )  # fmt: skip
            add_paper(setting, lease, "lease.pdf", pdf("Gritting PARTBMARKER rent"), "Lease")
            add_paper(setting, setting.winter, "notes.docx", DOCX, "Notes")
        publish(setting, BEFORE)
    return setting


def test_a_paper_is_read_on_upload_for_its_words_and_its_accessibility(sel):
    paper = Paper.objects.get(pk=sel.paper.pk)
    assert "Gritting routes" in paper.text
    assert paper.pdf_tagged is False and paper.pdf_title == "Paper"
    assert paper.accessibility_gaps == ["not tagged for screen readers", "no language set"]
    clerk_page = signed_in(sel.clerk).get(f"/meetings/{sel.meeting.pk}/agenda/").content
    assert "PDF: not tagged for screen readers, no language set" in clerk_page.decode()
    public_page = Client().get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "May not be accessible: ask for another format" in public_page
    assert Paper.objects.get(title="Notes").pdf_tagged is None  # not a PDF


def test_a_tagged_pdf_with_a_title_and_language_has_no_gaps(
    sel, django_capture_on_commit_callbacks
):
    with time_machine.travel(BEFORE, tick=False), django_capture_on_commit_callbacks(execute=True):
        paper = add_paper(sel, sel.winter, "ok.pdf", pdf("Tagged", tagged=True), "Tagged plan")
    paper.refresh_from_db()
    assert paper.pdf_tagged is True and paper.pdf_language == "en"
    assert paper.accessibility_gaps == []


def test_the_public_find_a_paper_by_a_word_inside_it_with_the_word_marked(sel):
    page = Client().get("/search/", {"q": "gritting"}).content.decode()
    assert f"/papers/{sel.paper.pk}/download/" in page
    assert "<mark>Gritting</mark>" in page
    # The paper's words are text: escaped (PostgreSQL's headline leaves tag-like words out).
    assert "alert(1)" in page and "<script>" not in page
    assert "PARTBMARKER" not in page and "Lease" not in page and "Tooley" not in page


def test_a_decision_is_found_by_a_word_in_its_paper_once_the_meeting_is_closed(sel):
    decision = Decision.objects.create(
        body=sel.body, year=2027, number=1, item=sel.winter, text="Approved the plan.",
        outcome="consensus", quorum_note="Q", recorded_at=MEETING, recorded_by=sel.clerk,
    )  # fmt: skip
    assert decision.reference not in Client().get("/search/?q=gritting").content.decode()
    Meeting.objects.filter(pk=sel.meeting.pk).update(
        closed_at=MEETING + datetime.timedelta(hours=2), status="held"
    )
    page = Client().get("/search/?q=gritting").content.decode()
    assert decision.reference in page and "Approved the plan." in page


def test_nothing_is_found_in_a_private_meeting_or_an_unpublished_item(sel):
    private = MeetingFactory(body=sel.body, held_in_public=False)
    item = AgendaItem.objects.create(meeting=private, position=1, title="Snowfall secret")
    assert "Snowfall" not in Client().get("/search/?q=snowfall").content.decode()
    assert item.pk


def test_empty_long_and_odd_queries_are_answered_plainly(sel):
    assert "Found" not in Client().get("/search/").content.decode()
    long = Client().get("/search/", {"q": "x" * 201})
    assert long.status_code == 400 and "at most 200 characters" in long.content.decode()
    odd = Client().get("/search/", {"q": '"-- & <>'}).content.decode()
    assert "Nothing was found" in odd or "Found" not in odd
    assert "Winter plan" in Client().get("/search/?q=route").content.decode()  # "routes"


def test_a_renamed_item_is_found_by_its_new_title(sel, django_capture_on_commit_callbacks):
    """The stored words follow a change (on PostgreSQL, where they are stored)."""
    item = AgendaItem.objects.get(pk=sel.winter.pk)
    with django_capture_on_commit_callbacks(execute=True):
        item.title = "Flu vaccination"
        item.save()
    page = Client().get("/search/?q=vaccination").content.decode()
    assert "Flu vaccination" in page


def test_a_quoted_phrase_must_appear_as_written_and_a_minus_word_not_at_all(sel):
    """As a web search reads them, on either database."""
    searchindex.reindex(AgendaItem)  # the items' words (their saves were never committed)

    def found(words: str) -> str:
        return Client().get("/search/", {"q": words}).content.decode()

    assert "Winter resilience" in found('"winter resilience"')
    assert "Winter resilience" not in found('"resilience winter"')
    excluding = found("winter -plan")
    assert "Winter resilience" in excluding and "Winter plan" not in excluding
    assert "Winter plan" in found("winter")


def test_what_is_typed_reaches_sqlite_s_index_as_words_phrases_and_exclusions_only():
    assert search._fts5_query('co-chair "winter  plan" -budget x') == (
        '"co"* AND "chair"* AND "winter plan" AND "x"* NOT "budget"'  # a hyphen joins words
    )
    assert search._fts5_query('"" - -- NEAR(a) OR *') == '"NEAR"* AND "a"* AND "OR"*'
    assert search._fts5_query("-budget") == ""  # only what must not appear: nothing


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's index, kept by triggers")
def test_sqlite_s_index_follows_any_change_and_is_mended_when_a_migration_drops_its_triggers(
    sel,
):
    def found(words: str) -> str:
        return Client().get("/search/", {"q": words}).content.decode()

    AgendaItem.objects.filter(pk=sel.winter.pk).update(title="Flood defences")  # no signal
    assert "Flood defences" in found("floods") and "Flood defences" in found("defen")
    assert "Winter resilience" not in found("resilience")

    # Rebuilding a table in a migration drops its triggers: a change then goes unseen...
    with connection.cursor() as cursor:
        for change in ("insert", "update", "delete"):
            cursor.execute(f'DROP TRIGGER "meetings_agendaitem_words_{change}"')
    AgendaItem.objects.filter(pk=sel.winter.pk).update(title="Heatwave plan")
    assert "Heatwave plan" not in found("heatwave")
    # ...until the migration ends: the triggers are made again and the index refilled.
    searchindex.sqlite_index(sender=None, using="default")
    assert "Heatwave plan" in found("heatwave") and "Flood defences" not in found("flood")
    AgendaItem.objects.filter(pk=sel.winter.pk).update(title="Cold weather plan")
    assert "Cold weather plan" in found("weather")


def test_the_body_feed_and_the_sitemap_carry_only_public_material(sel):
    feed = Client().get(f"/bodies/{sel.body.slug}/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml")
    text = feed.content.decode()
    assert "Paper: Winter plan" in text and f"/papers/{sel.paper.pk}/download/" in text
    assert "Lease" not in text and "Tooley" not in text
    private = MeetingFactory(body=sel.body, held_in_public=False)
    sitemap = "".join(sitemap_pages().values())
    assert f"/meetings/{sel.meeting.pk}/</loc>" in sitemap
    assert f"/meetings/{private.pk}/</loc>" not in sitemap
    assert f"/bodies/{sel.body.slug}/</loc>" in sitemap


def test_the_feed_finds_the_newest_public_papers_past_a_publication_with_none(sel, monkeypatch):
    """The feed reads only the newest publications that hold a public paper: one that holds
    only confidential papers neither hides the papers before it nor shows its own."""
    from meetings import feeds
    from meetings.models import Publication

    monkeypatch.setattr(feeds, "LATEST", 1)
    first = Publication.objects.get(meeting=sel.meeting)
    later = Publication.objects.create(
        meeting=sel.meeting,
        kind=Publication.Kind.SUPPLEMENT,
        published_at=first.published_at + datetime.timedelta(days=1),
        published_by=sel.clerk,
        deadline=first.deadline,
    )
    Paper.objects.filter(title="Lease").update(published=later)
    text = Client().get(f"/bodies/{sel.body.slug}/feed/").content.decode()
    assert text.count("Paper: ") == 1 and "Paper: Winter plan" in text
    assert "Lease" not in text


def sitemap_pages() -> dict[str, str]:
    """Every page the sitemap's index names, by its address, as a search engine reads it."""
    index = Client().get("/sitemap.xml").content.decode()
    pages = [p.replace("&amp;", "&") for p in re.findall(r"<loc>http://testserver(/[^<]+)", index)]
    return {page: Client().get(page).content.decode() for page in pages}


def test_the_sitemap_lists_the_meetings_a_page_at_a_time(sel, monkeypatch):
    """However many meetings are held in public, each page of the sitemap holds at most
    ``limit`` of them; the index names every page."""
    from meetings.sitemaps import PublicMeetings

    monkeypatch.setattr(PublicMeetings, "limit", 2)
    held = [MeetingFactory(body=sel.body, held_in_public=True) for _ in range(4)]
    meetings = [text for page, text in sitemap_pages().items() if "sitemap-meetings" in page]
    assert len(meetings) == 3  # five public meetings, two to a page
    for page in meetings:
        assert page.count("/meetings/") <= 2
    for meeting in [sel.meeting, *held]:
        assert sum(f"/meetings/{meeting.pk}/</loc>" in page for page in meetings) == 1


def test_a_word_found_everywhere_is_ranked_among_the_newest_records_found(
    sel, monkeypatch, django_capture_on_commit_callbacks
):
    """However many records a word is in, the best are chosen among the newest found (500;
    here two), so a search costs the same at ten years as at one. Only what the public may
    read is counted among them: a newer Part B decision never crowds out a public one."""
    monkeypatch.setattr(search, "CANDIDATES", 2)
    roads = AgendaItem.objects.create(
        meeting=sel.meeting, position=9, title="Roads", published=sel.winter.published
    )
    lease = AgendaItem.objects.get(meeting=sel.meeting, title="Tooley Street lease")
    fields = {"outcome": "consensus", "quorum_note": "Q", "recorded_at": MEETING}
    with django_capture_on_commit_callbacks(execute=True):  # their words kept (PostgreSQL)
        made = [
            Decision.objects.create(
                body=sel.body,
                year=2027,
                number=n,
                item=item,
                text=f"Salting plan {n}.",
                recorded_by=sel.clerk,
                **fields,
            )
            for n, item in ((1, roads), (2, roads), (3, roads), (4, lease))
        ]
    Meeting.objects.filter(pk=sel.meeting.pk).update(
        closed_at=MEETING + datetime.timedelta(hours=2), status="held"
    )
    page = Client().get("/search/?q=salting").content.decode()
    assert made[1].reference in page and made[2].reference in page
    assert made[0].reference not in page  # older than the newest two found
    assert made[3].reference not in page and "PARTBMARKER" not in page


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's own index")
def test_on_sqlite_the_words_index_is_read_newest_first_and_no_further_than_needed(sel):
    """Asked for records among all those a word is in, SQLite read every one of them before
    taking the newest (a word in all 160,000 papers: 75 ms at ten times ten years of history).
    Each kind's words are now read newest first, and reading stops at enough public ones."""
    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/search/?q=winter").status_code == 200
    read = [q["sql"] for q in queries if "MATCH" in q["sql"]]
    assert len(read) == 4  # items, papers (and so the decisions on their items), decisions, minutes
    with connection.cursor() as cursor:
        for sql in read:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")  # nosec B608: the page's own query
            plan = [row[-1] for row in cursor.fetchall()]
            assert plan[0].startswith("SCAN ") and "_words VIRTUAL TABLE" in plan[0], plan
            assert not any("TEMP B-TREE" in step for step in plan), plan
