"""The public site without signing in: meetings to come and held, a month's calendar, each
body's page with its meetings, and iCalendar subscriptions that calendars update in place."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from icalendar import Calendar

from config import clock
from governance.rules.words import LONDON
from meetings.models import Meeting
from meetings.services.schedule import meeting_cancel
from tests.conftest import client_for
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def at(day: datetime.date, hour: int = 14) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), LONDON)


@pytest.fixture
def meetings(world):
    """In two months' time: a public meeting, a private one of the same body, one of a
    private body; and a public meeting held a month ago."""
    first = (clock.today().replace(day=1) + datetime.timedelta(days=70)).replace(day=1)
    return {
        "month": first,
        "public": MeetingFactory(
            body=world.public_body, starts_at=at(first + datetime.timedelta(days=9)),
            held_in_public=True, location="Tooley Street",
        ),
        "private": MeetingFactory(
            body=world.public_body, starts_at=at(first + datetime.timedelta(days=9), 10),
            held_in_public=False, location="Secret room",
        ),
        "other": MeetingFactory(
            body=world.body, starts_at=at(first + datetime.timedelta(days=12)),
            held_in_public=False, location="Alpha room",
        ),
        "held": MeetingFactory(
            body=world.public_body, starts_at=clock.now() - datetime.timedelta(days=30),
            held_in_public=True, status=Meeting.Status.HELD, location="Held room",
        ),
    }  # fmt: skip


def test_the_public_list_meetings_held_in_public_without_signing_in(world, meetings):
    coming = Client().get("/meetings/").content.decode()
    assert f"/meetings/{meetings['public'].pk}/" in coming
    assert f"/meetings/{meetings['private'].pk}/" not in coming
    assert f"/meetings/{meetings['other'].pk}/" not in coming
    past = Client().get("/meetings/?when=past&body=gamma").content.decode()
    assert f"/meetings/{meetings['held'].pk}/" in past
    assert Client().get("/meetings/?body=alpha").status_code == 404


def test_the_menu_offers_the_public_pages_and_the_accessibility_statement(world):
    page = Client().get("/").content.decode()
    for link in ('href="/meetings/"', 'href="/calendar/"', 'href="/bodies/"'):
        assert link in page
    assert 'href="/accessibility/"' in page
    assert "Asking for another format" in Client().get("/accessibility/").content.decode()


def test_the_month_calendar_lists_each_day_s_meetings_the_reader_may_see(world, meetings):
    month = meetings["month"].strftime("%Y-%m")
    page = Client().get(f"/calendar/?month={month}").content.decode()
    assert f"/meetings/{meetings['public'].pk}/" in page
    assert "Secret room" not in page and "Alpha room" not in page
    day = meetings["public"].starts_at.date()
    assert f"{day:%A} {day.day} {day:%B %Y}" in page
    clerk_page = client_for(world, "clerk").get(f"/calendar/?month={month}").content.decode()
    assert "Alpha room" in clerk_page and "In private" in clerk_page


def test_a_month_that_is_not_a_month_is_explained_and_this_month_shown(world):
    response = Client().get("/calendar/?month=December")
    assert response.status_code == 400
    page = response.content.decode()
    assert "“December” is not a month: give it as year and month, such as 2027-03." in page
    assert f"Meetings in {clock.today():%B %Y}" in page


def test_the_subscription_has_public_meetings_with_stable_uids_and_cancellations(world, meetings):
    public = meetings["public"]
    meeting_cancel(
        meeting=public, revision=public.revision, reason="Not quorate",
        user=world.users["all_bodies_clerk"], now=clock.now(),
    )  # fmt: skip
    public.refresh_from_db()
    response = Client().get("/bodies/gamma/meetings.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    assert calendar["method"] == "PUBLISH" and calendar["x-wr-calname"] == "Gamma Partnership"
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"meeting-{public.pk}@quorate", f"meeting-{meetings['held'].pk}@quorate"}
    cancelled = events[f"meeting-{public.pk}@quorate"]
    assert cancelled["status"] == "CANCELLED" and cancelled["sequence"] == public.revision > 0
    assert cancelled.decoded("dtstart") == public.starts_at
    everyone = Calendar.from_ical(Client().get("/calendar/meetings.ics").content)
    assert {str(e["uid"]) for e in everyone.walk("VEVENT")} == set(events)


def test_the_body_page_gives_its_next_and_recent_meetings_and_its_calendar(world, meetings):
    page = Client().get("/bodies/gamma/").content.decode()
    assert f"/meetings/{meetings['public'].pk}/" in page
    assert f"/meetings/{meetings['held'].pk}/" in page
    assert f"/meetings/{meetings['private'].pk}/" not in page
    assert 'href="/bodies/gamma/meetings.ics"' in page


def test_a_meeting_in_private_shows_the_public_only_its_date_and_body(world, meetings):
    private = meetings["private"]
    coming = Client().get("/meetings/?body=gamma").content.decode()
    assert "Held in private: not open to the public" in coming
    assert f"/meetings/{private.pk}/" not in coming and "Secret room" not in coming
    assert "Alpha room" not in coming
    month = meetings["month"].strftime("%Y-%m")
    calendar = Client().get(f"/calendar/?month={month}").content.decode()
    assert "In private" in calendar and "Secret room" not in calendar
    assert "Alpha" not in calendar  # a body that does not meet in public is not shown at all
    assert Client().get(f"/meetings/{private.pk}/").status_code == 404
    body = Client().get("/bodies/gamma/").content.decode()
    assert f"{private.starts_at:%A} {private.starts_at.day} {private.starts_at:%B %Y}" in body
