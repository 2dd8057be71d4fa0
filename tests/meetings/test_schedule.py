"""Scheduling: a year's programme off bank holidays, one-off meetings, moves and
cancellations recorded for the members' notices."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from governance.rules.words import LONDON
from meetings.models import Meeting, MeetingChange
from meetings.services.schedule import meeting_cancel, meeting_deadlines, meeting_reschedule

from .workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)


@pytest.fixture
def sel():
    return seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)


PROGRAMME = {
    "week": 4,
    "weekday": 4,
    "every_months": 1,
    "first_month": 1,
    "start": "2026-12-01",
    "months": 2,
    "time": "10:00",
    "minutes": 90,
    "location": "Tooley Street",
    "held_in_public": "on",
}


def test_the_programme_preview_moves_dates_off_bank_holidays_and_adds_nothing(sel):
    page = signed_in(sel.clerk).get(f"/bodies/{sel.body.slug}/programme/", PROGRAMME)
    html = page.content.decode()
    # The fourth Friday of December 2026 is Christmas Day; a week later is New Year's Day.
    assert "Friday 8 January 2027, 10:00" in html
    assert "Moved from Friday 25 December 2026, which is not a working day" in html
    assert "Friday 22 January 2027, 10:00" in html
    assert Meeting.objects.count() == 1


def test_confirming_the_programme_creates_the_meetings_once(sel):
    client = signed_in(sel.clerk)
    client.post(f"/bodies/{sel.body.slug}/programme/", {**PROGRAMME, "confirm_programme": "1"})
    client.post(f"/bodies/{sel.body.slug}/programme/", {**PROGRAMME, "confirm_programme": "1"})
    created = Meeting.objects.exclude(pk=sel.meeting.pk).order_by("starts_at")
    assert [m.starts_at.astimezone(LONDON).date() for m in created] == [
        datetime.date(2027, 1, 8),
        datetime.date(2027, 1, 22),
    ]
    assert all(m.held_in_public and m.location == "Tooley Street" for m in created)


def test_a_programme_form_with_no_place_keeps_what_was_typed(sel):
    page = signed_in(sel.clerk).get(
        f"/bodies/{sel.body.slug}/programme/", {**PROGRAMME, "location": "", "months": "7"}
    )
    html = page.content.decode()
    assert "Give a location, an online link, or both." in html
    assert 'value="7"' in html


def test_an_extraordinary_meeting_is_added_with_its_own_deadline(sel):
    client = signed_in(sel.clerk)
    response = client.post(
        f"/bodies/{sel.body.slug}/meetings/new/",
        {
            "day": "2027-02-11",
            "time": "09:30",
            "minutes": "60",
            "kind": "extraordinary",
            "location": "Tooley Street",
        },
        follow=True,
    )
    meeting = Meeting.objects.get(kind="extraordinary")
    assert response.redirect_chain[-1][0] == f"/meetings/{meeting.pk}/agenda/"
    assert "Publish by 17:00 on Thursday 4 February 2027" in response.content.decode()


def test_rescheduling_records_the_change_and_moves_the_deadline(sel):
    before = meeting_deadlines(sel.meeting, sel.rules).publish_by.deadline
    meeting_reschedule(
        meeting=sel.meeting,
        starts_at=MEETING + datetime.timedelta(days=7),
        ends_at=MEETING + datetime.timedelta(days=7, hours=2),
        reason="Clash with the ICB Board",
        user=sel.clerk,
        now=MEETING,
    )
    change = MeetingChange.objects.get()
    assert (change.kind, change.previous_starts_at, change.reason) == (
        "rescheduled",
        MEETING,
        "Clash with the ICB Board",
    )
    after = meeting_deadlines(sel.meeting, sel.rules).publish_by.deadline
    assert after - before == datetime.timedelta(days=7)


def test_a_move_or_cancellation_needs_a_reason(sel):
    with pytest.raises(ValidationError, match="Say why the meeting is moving"):
        meeting_reschedule(
            meeting=sel.meeting,
            starts_at=MEETING,
            ends_at=MEETING + datetime.timedelta(hours=1),
            reason=" ",
            user=sel.clerk,
            now=MEETING,
        )
    with pytest.raises(ValidationError, match="Say why the meeting is cancelled"):
        meeting_cancel(meeting=sel.meeting, reason="", user=sel.clerk, now=MEETING)


def test_cancelling_shows_the_reason_on_the_meeting_page(sel):
    signed_in(sel.clerk).post(
        f"/meetings/{sel.meeting.pk}/cancel/", {"reason": "Not enough business"}
    )
    page = Client().get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "This meeting is cancelled." in page and "Not enough business" in page
    assert MeetingChange.objects.get().kind == "cancelled"


def test_a_reschedule_form_refused_keeps_what_was_typed(sel):
    page = signed_in(sel.clerk).post(
        f"/meetings/{sel.meeting.pk}/reschedule/",
        {"day": "2027-02-03", "time": "15:00", "minutes": "90", "reason": ""},
    )
    html = page.content.decode()
    assert "This field is required." in html and 'value="2027-02-03"' in html
