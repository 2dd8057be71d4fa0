"""Where the terms say who agrees the agenda before it goes out (South East London: the
co-chairs), the secretariat is reminded 5 and 2 working days before the publish-by
deadline while it is not agreed, and not once it is."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from governance.rules.words import LONDON
from meetings.services.publication import agreement_record
from meetings.services.schedule import meeting_deadlines
from notices.sweeps import agreement_reminders
from tests.meetings.workspace import seed_body

pytestmark = pytest.mark.django_db

MEETING = datetime.datetime(2027, 3, 11, 14, 0, tzinfo=LONDON)


def reminded(sel, first, last):
    days = []
    day = first
    while day <= last:
        if [m for m in agreement_reminders(day, {}) if m.address == sel.clerk.email]:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def test_the_agenda_awaiting_agreement_is_reminded_5_and_2_working_days_before():
    start = MEETING - datetime.timedelta(days=40)
    with time_machine.travel(start, tick=False):
        sel = seed_body("south-east-london-icp", starts_at=MEETING)
    deadline = meeting_deadlines(sel.meeting, sel.rules).publish_by.deadline
    due = deadline.astimezone(LONDON).date()
    days = reminded(sel, start.date(), due)
    calendar = sel.rules.calendar
    assert {calendar.working_days_between(day, due) for day in days} == {5, 2}
    messages = list(agreement_reminders(days[0], {}))
    assert messages[0].subject == "Agenda awaiting agreement: SEL ICP, Thursday 11 March 2027"
    assert "agreed by the co-chairs before it is published" in messages[0].text
    assert "(5 working days)" in messages[0].text
    with time_machine.travel(start, tick=False):
        agreement_record(
            meeting=sel.meeting, agreed_by="The co-chairs", agreed_at=start, user=sel.clerk,
            now=start,
        )  # fmt: skip
    assert reminded(sel, start.date(), due) == []
    assert not mail.outbox
