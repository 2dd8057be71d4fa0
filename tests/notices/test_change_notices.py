"""A meeting moved or cancelled through its pages tells every member and deputy, with the
calendar invitation updated in place: the same UID as the invitation sent with the agenda, a
higher SEQUENCE, METHOD:REQUEST for the new time and METHOD:CANCEL for a cancellation."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from governance.rules.words import LONDON
from notices.models import Notice
from tests.meetings.workspace import seed_body, signed_in

from .test_agenda_notices import MEETING, NOW, calendar_of
from .test_agenda_notices import published as published_fixture

pytestmark = pytest.mark.django_db
published = published_fixture


def event_of(message):
    calendar, content_type = calendar_of(message)
    return calendar, calendar.walk("VEVENT")[0], content_type.replace('"', "")


def test_a_moved_then_cancelled_meeting_updates_the_invitation_in_place(
    published, django_capture_on_commit_callbacks
):
    setting, _ = published
    meeting = setting.meeting
    _, invited, _ = event_of(mail.outbox[0])
    told = {m.to[0] for m in mail.outbox}
    mail.outbox.clear()
    with time_machine.travel(NOW, tick=False):
        clerk = signed_in(setting.clerk)
        with django_capture_on_commit_callbacks(execute=True):
            moved = clerk.post(
                f"/meetings/{meeting.pk}/reschedule/",
                {"day": "2027-01-21", "time": "15:00", "minutes": "90",
                 "reason": "The room is needed", "revision": meeting.revision},
            )  # fmt: skip
        assert moved.status_code == 302
        assert {m.to[0] for m in mail.outbox} == told
        message = mail.outbox[0]
        assert message.subject == "Moved: SEL ICP, 14 January 2027"
        assert "has moved to Thursday 21 January 2027, 15:00" in message.body
        assert "Why: The room is needed" in message.body
        calendar, event, content_type = event_of(message)
        assert calendar["METHOD"] == "REQUEST" and "method=REQUEST" in content_type
        assert event["UID"] == invited["UID"]
        assert event["SEQUENCE"] > invited["SEQUENCE"]
        assert event.decoded("DTSTART") == MEETING + datetime.timedelta(days=7, hours=1)
        moved_sequence = event["SEQUENCE"]

        mail.outbox.clear()
        meeting.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            clerk.post(
                f"/meetings/{meeting.pk}/cancel/",
                {"reason": "Not enough business", "revision": meeting.revision},
            )
    message = mail.outbox[0]
    assert message.subject == "Cancelled: SEL ICP, 21 January 2027"
    calendar, event, content_type = event_of(message)
    assert calendar["METHOD"] == "CANCEL" and "method=CANCEL" in content_type
    assert event["STATUS"] == "CANCELLED"
    assert event["UID"] == invited["UID"] and event["SEQUENCE"] > moved_sequence
    assert Notice.objects.filter(kind="meeting_cancelled").count() == len(told)


def test_the_subject_gives_the_meetings_london_date_not_utcs(django_capture_on_commit_callbacks):
    """A meeting at half past midnight in summer is on the London day, an hour ahead of UTC."""
    from meetings.services.schedule import meeting_cancel

    late = datetime.datetime(2027, 7, 15, 0, 30, tzinfo=LONDON)
    with time_machine.travel(late - datetime.timedelta(days=20), tick=False):
        setting = seed_body("south-east-london-icp", starts_at=late)
        with django_capture_on_commit_callbacks(execute=True):
            meeting_cancel(
                meeting=setting.meeting,
                revision=setting.meeting.revision,
                reason="No business",
                user=setting.clerk,
                now=late - datetime.timedelta(days=20),
            )
    assert mail.outbox[0].subject == "Cancelled: SEL ICP, 15 July 2027"
