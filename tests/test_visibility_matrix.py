"""Who sees what, tried as an attacker would: markers planted in every field of what is
confidential (Part B business and papers), private (meetings held in private, a body that
does not meet in public) or not yet published (draft items), then every public and member
page, file, calendar, feed, search and API list fetched as each persona. A marker reaches
only those entitled to it."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import AgendaItem, Decision, Paper, Publication, Vote
from tests.conftest import client_for
from tests.factories import AppointmentFactory, MeetingFactory, SeatFactory, UserFactory
from tests.meetings.workspace import upload

pytestmark = pytest.mark.django_db
WHEN = datetime.datetime(2027, 3, 4, 14, 0, tzinfo=datetime.UTC)
PART_B, PRIVATE, DRAFT, CLOSED_BODY = "PARTBMARK", "PRIVATEMARK", "DRAFTMARK", "CLOSEDMARK"
MARKERS = (PART_B, PRIVATE, DRAFT, CLOSED_BODY)


API_LISTS = ("bodies", "posts", "memberships", "people", "events", "agenda-items", "documents",
             "decisions", "vote-events")  # fmt: skip


def _meeting(body, days, clerk, *, in_public, location="Room 1"):
    starts = WHEN + datetime.timedelta(days=days)
    ends = starts + datetime.timedelta(hours=2)
    meeting = MeetingFactory(
        body=body, held_in_public=in_public, starts_at=starts, ends_at=ends, closed_at=ends,
        location=location, status="held",
    )  # fmt: skip
    meeting.publication = Publication.objects.create(
        meeting=meeting, kind="agenda", published_at=starts - datetime.timedelta(days=7),
        published_by=clerk, deadline=starts, public_copy=True,
    )  # fmt: skip
    return meeting


def _business(meeting, position, words, clerk, *, part="A", published=True, decided=True):
    """An item with a paper (its file holding the words too) and, if ``decided``, a vote and
    a decision."""
    item = AgendaItem.objects.create(
        meeting=meeting, position=position, title=f"Item {words}", part=part,
        exempt_paragraph=3 if part == "B" else None,
        published=meeting.publication if published else None, presenter=f"Presenter {words}",
    )  # fmt: skip
    Paper.objects.create(
        item=item, title=f"Paper {words}", author=f"Author {words}", file_format="pdf",
        file=upload("p.pdf", f"%PDF-1.4 {words}".encode()), original_name=f"{words}.pdf",
        size=20, uploaded_at=WHEN, uploaded_by=clerk, text=f"Text {words}",
        published=item.published,
    )  # fmt: skip
    if not decided:
        return
    vote = Vote.objects.create(
        item=item, motion=f"Motion {words}", votes_for=2, against=0, eligible=3, carried=True,
        reasoning="R", recorded_at=WHEN, recorded_by=clerk, named={f"Cllr {words}": "for"},
    )  # fmt: skip
    Decision.objects.create(
        body=meeting.body, year=2027, number=Decision.objects.filter(body=meeting.body).count() + 1,
        item=item, text=f"Decided {words}", reasons=f"Reasons {words}", outcome="carried",
        vote=vote, quorum_note="Q", recorded_at=WHEN, recorded_by=clerk,
    )  # fmt: skip


@pytest.fixture
def planted(world):
    clerk = world.users["all_bodies_clerk"]
    public_member = UserFactory(username="public_member")
    AppointmentFactory(seat=SeatFactory(body=world.public_body), person__user=public_member)
    world.users["public_member"] = public_member
    held = _meeting(world.public_body, 0, clerk, in_public=True)
    _business(held, 10, "Open words", clerk)
    _business(held, 20, PART_B, clerk, part="B")
    # A meeting to come, its agenda out, with an item added since and not yet published.
    coming = _meeting(world.public_body, 30, clerk, in_public=True)
    coming.closed_at = None
    coming.status = "notice_given"
    coming.save()
    _business(coming, 10, "Coming words", clerk, decided=False)
    _business(coming, 20, DRAFT, clerk, published=False, decided=False)
    private = _meeting(world.public_body, 7, clerk, in_public=False, location=f"Room {PRIVATE}")
    _business(private, 10, PRIVATE, clerk)
    closed = _meeting(world.body, 0, clerk, in_public=False, location=f"Room {CLOSED_BODY}")
    _business(closed, 10, CLOSED_BODY, clerk)
    world.meetings = (held, coming, private, closed)
    return world


# What each persona is entitled to read.
ENTITLED = {
    "anonymous": set(),
    "other_member": set(),  # a member of another body
    "member": {CLOSED_BODY},  # a member of the body that does not meet in public
    "deputy": {CLOSED_BODY},  # its nominated deputy
    "clerk": {CLOSED_BODY},  # its secretariat
    "public_member": {PART_B, PRIVATE},  # a member of the body that meets in public
    "all_bodies_clerk": set(MARKERS),
}


def addresses(world) -> list[str]:
    bodies = (world.public_body.slug, world.body.slug)
    return [
        "/", "/meetings/", "/meetings/?when=past", "/bodies/", "/calendar/?month=2027-03",
        "/calendar/meetings.ics", "/sitemap.xml", "/sitemap-meetings.xml", "/dashboard/",
        *(f"/search/?q={word}" for word in ("Decided", "Paper", "Item", "Text", "Motion")),
        *(f"/meetings/{m.pk}/{page}" for m in world.meetings
          for page in ("", "documents/", "minutes/", "decisions/notice/")),
        *(f"/bodies/{slug}/{page}" for slug in bodies
          for page in ("", "terms/", "meetings.ics", "feed/", "decisions/", "decisions.csv",
                       "interests/", "interests.csv", "attendance/", "attendance.csv",
                       "documents/")),
        *(f"/api/{name}/" for name in API_LISTS),
        *(f"/papers/{pk}/download/" for pk in Paper.objects.values_list("pk", flat=True)),
    ]  # fmt: skip


def read(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("persona", sorted(ENTITLED))
def test_no_marker_reaches_anyone_not_entitled_to_it(planted, persona):
    client = client_for(planted, persona)
    seen: dict[str, list[str]] = {}
    for address in addresses(planted):
        text = read(client.get(address))
        for marker in MARKERS:
            if marker in text:
                seen.setdefault(marker, []).append(address)
    leaks = {m: where for m, where in seen.items() if m not in ENTITLED[persona]}
    assert leaks == {}, f"{persona} saw what they may not"
    # And those entitled do see it: the matrix is not passing because nothing is shown.
    assert ENTITLED[persona] - {DRAFT} <= set(seen), (persona, sorted(seen))


def test_with_pages_kept_no_marker_reaches_anyone_not_entitled_to_it(planted, settings):
    """The same, with the page cache on and every persona asking for each address in turn,
    twice over, so that each could be served a page kept for another."""
    settings.PAGE_CACHE = True
    clients = {persona: client_for(planted, persona) for persona in ENTITLED}
    seen: dict[str, set[str]] = {persona: set() for persona in ENTITLED}
    kept = 0
    for address in addresses(planted):
        for _ in range(2):
            for persona, client in clients.items():
                response = client.get(address)
                kept += response.status_code == 200 and not response.templates
                text = read(response)
                seen[persona] |= {marker for marker in MARKERS if marker in text}
    assert kept > 100, "pages were served from the cache"
    assert {p: s - ENTITLED[p] for p, s in seen.items()} == {p: set() for p in ENTITLED}
    assert all(ENTITLED[p] - {DRAFT} <= seen[p] for p in ENTITLED)
