"""How changes in the room keep two clerks from overwriting each other.

Every change locks the meeting's row and raises its console version, which tells the other
screens to refresh. A change to one record (a person's attendance, a vote, a decision, an
action) says which revision the clerk's screen showed, and is refused with ``StaleChange``
if someone else has changed it since: the clerk is shown the latest and keeps their input.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F

from governance.rules.words import LONDON, long_datetime

from ..models import ConsoleVersion, Meeting

STALE = (
    "so your change was not saved. The screen now shows the latest; make your change "
    "again if it is still needed."
)


class StaleChange(ValidationError):
    """The clerk's screen was out of date: someone else changed the record first."""


def meeting_touch(meeting: Meeting) -> Meeting:
    """Lock the meeting's row and raise its console version."""
    locked = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("current_item", "body")
        .get(pk=meeting.pk)
    )
    console_version_raise(locked)
    return locked


def console_version_raise(meeting: Meeting) -> None:
    """Tell the other console screens to redraw; the caller holds the meeting's row lock."""
    raised = ConsoleVersion.objects.filter(meeting=meeting).update(number=F("number") + 1)
    if not raised:
        ConsoleVersion.objects.create(meeting=meeting, number=1)


def console_version(meeting: Meeting) -> int:
    """The number of changes made in the console, as the screens compare it."""
    found = ConsoleVersion.objects.filter(meeting=meeting).values_list("number", flat=True)
    return found.first() or 0


def open_meeting(meeting: Meeting) -> Meeting:
    """Lock the meeting for a change made while it sits; refused once it has closed."""
    locked = meeting_touch(meeting)
    if locked.closed:
        raise ValidationError(
            f"The meeting closed at {locked.closed_at.astimezone(LONDON):%H:%M}. To change the "
            "record now, use “Correct” on the entry and say why."
        )
    return locked


def revision_check(record: models.Model, seen: int | None, what: str) -> None:
    if record.revision != seen:
        raise StaleChange(f"Someone else changed {what} first, {STALE}")


def on_record(record: models.Model, *, user, reason: str = "") -> models.Model:
    """Save a change to a record whose history is kept, with who made it and why."""
    record.revision = getattr(record, "revision", 0) + 1
    record._history_user = user
    if reason:
        record._change_reason = reason
    record.full_clean()
    record.save()
    return record


def moment_problem(meeting: Meeting, moment, now, what: str) -> str:
    """A time in the record must fall on the meeting's day, not before it starts (less an
    hour for early arrivals) and not in the future."""
    if moment is None:
        return ""
    if moment > now:
        return f"{what} cannot be in the future."
    if moment < meeting.starts_at - timedelta(hours=1) or (
        meeting.closed_at and moment > meeting.closed_at
    ):
        ends = f" or after it closed ({long_datetime(meeting.closed_at)})" if meeting.closed else ""
        return (
            f"{what} cannot be long before the meeting started "
            f"({long_datetime(meeting.starts_at)}){ends}."
        )
    return ""
