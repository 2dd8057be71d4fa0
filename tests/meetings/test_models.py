from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from meetings.models import Meeting
from tests.factories import LONDON, MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_meeting_must_end_after_it_starts():
    start = datetime.datetime(2026, 12, 10, 14, 0, tzinfo=LONDON)
    with pytest.raises(IntegrityError):
        MeetingFactory(starts_at=start, ends_at=start)


def test_a_cancelled_meeting_needs_a_reason():
    with pytest.raises(IntegrityError):
        MeetingFactory(status=Meeting.Status.CANCELLED)


def test_a_meeting_needs_a_place_or_a_link():
    with pytest.raises(IntegrityError):
        MeetingFactory(location="", online_link="")


def test_validation_explains_each_problem():
    start = datetime.datetime(2026, 12, 10, 14, 0, tzinfo=LONDON)
    meeting = MeetingFactory.build(
        starts_at=start, ends_at=start, status=Meeting.Status.CANCELLED, location=""
    )
    with pytest.raises(ValidationError) as raised:
        meeting.clean()
    assert set(raised.value.message_dict) == {"ends_at", "cancellation_reason", "location"}


def test_str_gives_the_date_as_written_in_england():
    meeting = MeetingFactory(
        body__short_name="LIE", starts_at=datetime.datetime(2026, 12, 10, 14, 0, tzinfo=LONDON)
    )
    assert str(meeting) == "LIE: Meeting, Thursday 10 December 2026, 14:00"


def test_times_are_shown_in_london_time_across_the_clock_change():
    summer = MeetingFactory(starts_at=datetime.datetime(2026, 10, 22, 13, 0, tzinfo=datetime.UTC))
    winter = MeetingFactory(starts_at=datetime.datetime(2026, 10, 29, 14, 0, tzinfo=datetime.UTC))
    assert str(summer).endswith("Thursday 22 October 2026, 14:00")
    assert str(winter).endswith("Thursday 29 October 2026, 14:00")


def test_upcoming_leaves_out_past_and_cancelled_meetings():
    now = datetime.datetime(2030, 1, 1, tzinfo=LONDON)
    past = MeetingFactory(starts_at=now - datetime.timedelta(days=1))
    future = MeetingFactory(starts_at=now + datetime.timedelta(days=1))
    MeetingFactory(
        starts_at=now + datetime.timedelta(days=2),
        status="cancelled",
        cancellation_reason="Not enough business",
    )
    assert list(Meeting.objects.upcoming(now)) == [future]
    assert past not in Meeting.objects.upcoming(now)
