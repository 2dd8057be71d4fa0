"""Meetings found by the London day they start on, read as a range of start times (so the
database uses its index rather than working out every meeting's date)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.rules.words import LONDON
from meetings.models import Meeting
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def at(day: str, time: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LONDON)


def test_a_meeting_belongs_to_the_london_day_it_starts_on_across_a_clock_change():
    # The clocks go back at 02:00 on Sunday 25 October 2026: 23:30 on the Saturday is 22:30
    # UTC, and 00:30 on the Sunday is still 23:30 UTC on the Saturday.
    late, small_hours, sunday = (
        MeetingFactory(starts_at=at(d, t))
        for d, t in (("2026-10-24", "23:30"), ("2026-10-25", "00:30"), ("2026-10-25", "23:30"))
    )
    saturday, clocks_back = datetime.date(2026, 10, 24), datetime.date(2026, 10, 25)
    assert set(Meeting.objects.on_days(saturday, saturday)) == {late}
    assert set(Meeting.objects.on_days(clocks_back, clocks_back)) == {small_hours, sunday}
    assert set(Meeting.objects.on_days(clocks_back)) == {small_hours, sunday}
    assert set(Meeting.objects.on_days(last=saturday)) == {late}
    with CaptureQueriesContext(connection) as queries:
        list(Meeting.objects.on_days(saturday, clocks_back))
    sql = queries[0]["sql"].lower()
    assert "starts_at" in sql and "cast" not in sql and "::date" not in sql
