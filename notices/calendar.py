"""Calendar invitations for a meeting (iTIP methods on the shared event): Outlook and Google
update the event in place when it moves and remove it when it is cancelled."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from icalendar import vCalAddress, vText

from meetings.icalendar_events import meeting_event, new_calendar
from meetings.models import Meeting

from .links import meeting_link

REQUEST, CANCEL = "REQUEST", "CANCEL"


def invitation(meeting: Meeting, method: str, *, attendee: str) -> str:
    """The invitation (``REQUEST``) or cancellation (``CANCEL``) for one attendee."""
    calendar = new_calendar(method=method)
    event = meeting_event(meeting, meeting_link(meeting), cancelled=method == CANCEL)
    organiser = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organiser.params["cn"] = vText(meeting.body.name)
    event["organizer"] = organiser
    guest = vCalAddress(f"mailto:{attendee}")
    guest.params["role"] = vText("REQ-PARTICIPANT")
    event.add("attendee", guest, encode=0)
    calendar.add_component(event)
    return calendar.to_ical().decode()
