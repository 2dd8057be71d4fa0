"""The chair is told once that draft minutes await their approval, and again if the draft
comes back to them after being returned; the link goes to their approval page."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from governance.rules.words import LONDON
from notices.models import Notice
from notices.sweeps import sweep
from tests.meetings import test_minutes
from tests.meetings.test_minutes import chair_of, draft
from tests.meetings.workspace import signed_in

pytestmark = pytest.mark.django_db
clock, held = test_minutes.clock, test_minutes.held  # the minutes tests' fixtures


def test_the_chair_is_reminded_once_for_each_sending(
    held, clock, django_capture_on_commit_callbacks
):
    minutes = draft(held)
    chair = chair_of(held, minutes)
    minutes.chair.email = "chair@example.org"
    minutes.chair.save(update_fields=["email"])
    clerk = signed_in(held.clerk)
    send = f"/meetings/{held.meeting.pk}/minutes/send/"
    clerk.post(send, {"chair": minutes.chair_id, "confirm": "on"})
    today = held.meeting.day + datetime.timedelta(days=1)
    mail.outbox.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            sweep(today)
    to_chair = [
        m
        for m in mail.outbox
        if m.to == ["chair@example.org"] and "declaration of interests" not in m.subject
    ]
    assert len(to_chair) == 1
    assert to_chair[0].subject.startswith("Draft minutes to approve: SEL ICP")
    assert f"/meetings/{held.meeting.pk}/minutes/review/" in to_chair[0].body

    signed_in(chair).post(
        f"/meetings/{held.meeting.pk}/minutes/review/",
        {"decision": "return", "comments": "Add the hubs' opening dates."},
    )
    clock.move_to(datetime.datetime.combine(today, datetime.time(15), LONDON))
    signed_in(held.clerk).post(send, {"chair": minutes.chair_id, "confirm": "on"})
    with django_capture_on_commit_callbacks(execute=True):
        sweep(today)
    assert Notice.objects.filter(kind="minutes_to_approve").count() == 2
