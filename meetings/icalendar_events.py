"""A meeting as an iCalendar event (RFC 5545): one UID per meeting for its whole life and a
SEQUENCE that rises with every change, shared by the e-mailed invitations and the calendar
subscriptions, so a calendar that has both holds one event and updates it in place."""

from __future__ import annotations

import datetime

from icalendar import Calendar, Event

from config import clock

from .models import Meeting

PRODID = "-//Quorate//Committee meetings//EN"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@quorate"


def new_calendar(**properties) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    for name, value in properties.items():
        calendar.add(name.replace("_", "-"), value)
    return calendar


def meeting_event(meeting: Meeting, url: str, *, cancelled: bool | None = None) -> Event:
    """The event; ``cancelled`` defaults to the meeting's own status."""
    if cancelled is None:
        cancelled = meeting.status == Meeting.Status.CANCELLED
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("sequence", meeting.revision)
    event.add("dtstamp", clock.now().astimezone(datetime.UTC))
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", f"{meeting.body.name}: {meeting.get_kind_display().lower()} meeting")
    where = ", ".join(filter(None, [meeting.location, meeting.online_link]))
    if where:
        event.add("location", where)
    event.add("url", url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event
