"""Calendar invitations for a meeting (RFC 5545 with iTIP methods): one UID per meeting for
its whole life, and a SEQUENCE that rises with every change, so Outlook and Google update the
event in place when it moves and remove it when it is cancelled."""

from __future__ import annotations

import datetime
from email.utils import parseaddr

from django.conf import settings
from icalendar import Calendar, Event, vCalAddress, vText

from config import clock
from meetings.models import Meeting

from .links import meeting_link

REQUEST, CANCEL = "REQUEST", "CANCEL"


def meeting_uid(meeting: Meeting) -> str:
    return f"meeting-{meeting.pk}@quorate"


def invitation(meeting: Meeting, method: str, *, attendee: str) -> str:
    """The invitation (``REQUEST``) or cancellation (``CANCEL``) for one attendee."""
    calendar = Calendar()
    calendar.add("prodid", "-//Quorate//Committee meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("method", method)
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
    event.add("url", meeting_link(meeting))
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    organiser = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organiser.params["cn"] = vText(meeting.body.name)
    event["organizer"] = organiser
    guest = vCalAddress(f"mailto:{attendee}")
    guest.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", guest, encode=0)
    calendar.add_component(event)
    return calendar.to_ical().decode()
