"""Scheduling: a year's programme off bank holidays, one-off meetings, moves and
cancellations recorded for the members' notices."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from governance.rules.words import LONDON
from meetings.models import Meeting, MeetingChange
from meetings.services.schedule import meeting_cancel, meeting_deadlines, meeting_reschedule

from .test_console_pages import text
from .workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def before_the_dates_in_these_tests():
    """These tests are about particular dates (a clock change in 2027, bank holidays), so the
    clock stands before them, whatever day the suite runs on."""
    with time_machine.travel(datetime.datetime(2026, 11, 23, 10, tzinfo=datetime.UTC)):
        yield


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
        revision=0,
        starts_at=MEETING + datetime.timedelta(days=7),
        ends_at=MEETING + datetime.timedelta(days=7, hours=2),
        reason="Clash with the ICB Board",
        user=sel.clerk,
        now=MEETING,
    )
    sel.meeting.refresh_from_db()
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
            revision=0,
            starts_at=MEETING,
            ends_at=MEETING + datetime.timedelta(hours=1),
            reason=" ",
            user=sel.clerk,
            now=MEETING,
        )
    with pytest.raises(ValidationError, match="Say why the meeting is cancelled"):
        meeting_cancel(meeting=sel.meeting, revision=0, reason="", user=sel.clerk, now=MEETING)


def test_cancelling_shows_the_reason_on_the_meeting_page(sel):
    signed_in(sel.clerk).post(
        f"/meetings/{sel.meeting.pk}/cancel/", {"reason": "Not enough business", "revision": 0}
    )
    page = Client().get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "This meeting is cancelled." in page and "Not enough business" in page
    assert MeetingChange.objects.get().kind == "cancelled"


def test_a_reschedule_form_refused_keeps_what_was_typed(sel):
    page = signed_in(sel.clerk).post(
        f"/meetings/{sel.meeting.pk}/reschedule/",
        {"day": "2027-02-03", "time": "15:00", "minutes": "90", "reason": "", "revision": 0},
    )
    html = page.content.decode()
    assert "This field is required." in html and 'value="2027-02-03"' in html


# Dates a clerk would want to think twice about ------------------------------------------

NEW = {
    "day": "2027-03-11",
    "time": "14:00",
    "minutes": "120",
    "kind": "ordinary",
    "location": "Tooley Street",
}


def test_a_meeting_in_the_past_needs_a_reason_and_keeps_what_was_typed(sel):
    client = signed_in(sel.clerk)
    past = {**NEW, "day": "2020-03-12"}
    refused = client.post(f"/bodies/{sel.body.slug}/meetings/new/", past)
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "is in the past. To enter a meeting that has already been held" in page
    assert 'value="2020-03-12"' in page
    accepted = client.post(
        f"/bodies/{sel.body.slug}/meetings/new/",
        {**past, "history_note": "Entering the 2020 meetings from the minutes book"},
    )
    assert accepted.status_code == 302
    meeting = Meeting.objects.get(starts_at__year=2020)
    assert meeting.status == "held"
    assert meeting.history_note == "Entering the 2020 meetings from the minutes book"


def test_a_second_meeting_on_the_same_day_is_a_warning_to_confirm(sel):
    client = signed_in(sel.clerk)
    same_day = {**NEW, "day": "2027-01-14", "time": "18:00"}
    warned = client.post(f"/bodies/{sel.body.slug}/meetings/new/", same_day)
    assert "already meets on Thursday 14 January 2027, 14:00" in warned.content.decode()
    assert Meeting.objects.count() == 1
    client.post(f"/bodies/{sel.body.slug}/meetings/new/", {**same_day, "confirm": "on"})
    assert Meeting.objects.count() == 2


@pytest.mark.parametrize(
    "day, said",
    [
        (
            "2026-12-25",
            "Friday 25 December 2026 is not a working day: Christmas Day, a bank holiday.",
        ),
        ("2027-01-16", "Saturday 16 January 2027 is not a working day: a Saturday."),
    ],
)
def test_a_meeting_on_a_day_that_is_not_a_working_day_is_a_warning_to_confirm(sel, day, said):
    client = signed_in(sel.clerk)
    url = f"/bodies/{sel.body.slug}/meetings/new/"
    warned = client.post(url, {**NEW, "day": day})
    assert said in text(warned)
    assert f'value="{day}"' in warned.content.decode()
    assert Meeting.objects.count() == 1
    client.post(url, {**NEW, "day": day, "confirm": "on"})
    assert Meeting.objects.count() == 2


def test_moving_a_meeting_to_a_bank_holiday_asks_first(sel):
    client = signed_in(sel.clerk)
    url = f"/meetings/{sel.meeting.pk}/reschedule/"
    move = {"day": "2027-03-26", "time": "14:00", "minutes": 120, "reason": "Room booked"}
    warned = client.post(url, {**move, "revision": sel.meeting.revision})
    assert "Friday 26 March 2027 is not a working day: Good Friday, a bank holiday." in text(warned)
    sel.meeting.refresh_from_db()
    assert sel.meeting.starts_at == MEETING


@pytest.mark.parametrize(
    "day, time",
    [
        ("11 March 2027", "2pm"),
        ("Thursday 11 March 2027", "2:00 pm"),
        ("11/03/2027", "14.00"),
        ("11 Mar 2027", "14:00"),
    ],
)
def test_a_date_and_time_are_read_as_people_write_them(sel, day, time):
    client = signed_in(sel.clerk)
    client.post(f"/bodies/{sel.body.slug}/meetings/new/", {**NEW, "day": day, "time": time})
    added = Meeting.objects.exclude(pk=sel.meeting.pk).get()
    assert added.starts_at == datetime.datetime(2027, 3, 11, 14, 0, tzinfo=LONDON)


def test_a_date_that_is_not_one_is_refused_and_kept(sel):
    client = signed_in(sel.clerk)
    refused = client.post(f"/bodies/{sel.body.slug}/meetings/new/", {**NEW, "day": "31 June 2027"})
    assert "Enter a valid date." in text(refused)
    assert 'value="31 June 2027"' in refused.content.decode()
    assert Meeting.objects.count() == 1


def test_the_same_start_twice_is_refused_in_plain_words(sel):
    client = signed_in(sel.clerk)
    twice = {**NEW, "day": "2027-01-14", "time": "14:00", "confirm": "on"}
    page = client.post(f"/bodies/{sel.body.slug}/meetings/new/", twice).content.decode()
    assert "The body already has a meeting starting at that time." in page
    assert "already exists" not in page


def test_a_programme_counted_from_the_wrong_month_warns_before_doubling_a_two_monthly_body():
    """JCG: "Meetings will take place bi-monthly." The body meets in January; a programme
    counted from February would make it meet every month."""
    jcg = seed_body(
        "leicestershire-joint-commissioning-group",
        starts_at=datetime.datetime(2027, 1, 6, 10, 0, tzinfo=LONDON),
    )
    client = signed_in(jcg.clerk)
    pattern = {
        **PROGRAMME,
        "every_months": 2,
        "first_month": 2,
        "start": "2027-02-01",
        "months": 4,
        "location": "County Hall",
    }
    page = client.get(f"/bodies/{jcg.body.slug}/programme/", pattern).content.decode()
    assert "in:</strong> February 2027, April 2027." in page
    assert "meets every 2 months" in page and "February 2027 (near January 2027)" in page
    client.post(f"/bodies/{jcg.body.slug}/programme/", {**pattern, "confirm_programme": "1"})
    assert jcg.body.meetings.count() == 1
    client.post(
        f"/bodies/{jcg.body.slug}/programme/",
        {**pattern, "confirm_programme": "1", "confirm": "on"},
    )
    assert jcg.body.meetings.count() == 3


def test_the_programme_counts_from_the_bodys_own_months():
    jcg = seed_body(
        "leicestershire-joint-commissioning-group",
        starts_at=datetime.datetime(2027, 1, 6, 10, 0, tzinfo=LONDON),
    )
    page = signed_in(jcg.clerk).get(f"/bodies/{jcg.body.slug}/programme/").content.decode()
    assert '<option value="1" selected>January</option>' in page


def test_a_time_the_clocks_skip_is_refused(sel):
    client = signed_in(sel.clerk)
    page = client.post(
        f"/bodies/{sel.body.slug}/meetings/new/",
        {**NEW, "day": "2028-03-26", "time": "01:15", "minutes": "30", "confirm": "on"},
    ).content.decode()
    assert "There is no 01:15 on Sunday 26 March 2028: the clocks go forward" in page
    assert Meeting.objects.count() == 1


def test_a_time_that_happens_twice_asks_which_is_meant(sel):
    client = signed_in(sel.clerk)
    ambiguous = {**NEW, "day": "2027-10-31", "time": "01:30", "minutes": "60", "confirm": "on"}
    asked = client.post(f"/bodies/{sel.body.slug}/meetings/new/", ambiguous).content.decode()
    assert "01:30 on Sunday 31 October 2027 happens twice" in asked
    assert "The second time (Greenwich Mean Time" in asked
    client.post(f"/bodies/{sel.body.slug}/meetings/new/", {**ambiguous, "clock_change": "second"})
    meeting = Meeting.objects.get(starts_at__year=2027, starts_at__month=10)
    assert meeting.starts_at == datetime.datetime(2027, 10, 31, 1, 30, tzinfo=datetime.UTC)
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=60)


def test_a_meeting_across_the_clock_change_lasts_the_minutes_given(sel):
    client = signed_in(sel.clerk)
    client.post(
        f"/bodies/{sel.body.slug}/meetings/new/",
        {**NEW, "day": "2028-03-26", "time": "00:30", "minutes": "60", "confirm": "on"},
    )
    meeting = Meeting.objects.get(starts_at__year=2028)
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=60)
    assert meeting.ends_at.astimezone(LONDON).hour == 2  # 00:30 GMT to 02:30 BST


def test_a_move_from_an_older_form_is_refused_and_the_latest_shown(sel):
    client = signed_in(sel.clerk)
    move = {"day": "2027-01-21", "time": "14:00", "minutes": "120", "revision": 0}
    client.post(f"/meetings/{sel.meeting.pk}/reschedule/", {**move, "reason": "Room"})
    late = client.post(
        f"/meetings/{sel.meeting.pk}/reschedule/",
        {**move, "day": "2027-01-28", "reason": "Chair away"},
    )
    assert late.status_code == 409
    page = late.content.decode()
    assert "Thursday 21 January 2027, 14:00" in page and 'value="2027-01-28"' in page
    sel.meeting.refresh_from_db()
    assert sel.meeting.day == datetime.date(2027, 1, 21)


def test_a_notice_period_in_days_and_an_extraordinary_one_in_hours_reach_the_agenda():
    """The example remuneration committee: "Papers will be circulated seven days before each
    meeting. The Chair may call an extraordinary meeting at not less than 48 hours'
    notice." """
    remco = seed_body("examples/remuneration-committee", starts_at=MEETING)
    client = signed_in(remco.clerk)
    page = client.get(f"/meetings/{remco.meeting.pk}/agenda/").content.decode()
    assert "Publish by 17:00 on Thursday 7 January 2027: 7 days before Thursday 14 January." in (
        page
    )
    response = client.post(
        f"/bodies/{remco.body.slug}/meetings/new/",
        {"day": "2027-02-01", "time": "09:30", "minutes": "60", "kind": "extraordinary",
         "location": "Boardroom"},
        follow=True,
    )  # fmt: skip
    assert (
        "Publish by 09:30 on Saturday 30 January 2027: 48 hours before the extraordinary "
        "meeting at 09:30 on Monday 1 February 2027."
    ) in response.content.decode()
    terms = client.get(f"/bodies/{remco.body.slug}/terms/").content.decode()
    assert "at least 7 days (weekends and bank holidays count) before the meeting" in terms
    assert "An extraordinary meeting needs 48 hours&#x27; notice, counted back from its start." in (
        terms
    )
