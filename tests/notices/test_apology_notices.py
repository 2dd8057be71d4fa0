"""Apologies received are acknowledged to the member, and the deputy is told they attend
in the member's place. The same record made again (a retried request) sends nothing twice;
apologies recorded again later (another deputy, say) are told afresh."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from members.models import DeputyNomination
from notices.models import Notice
from tests.factories import PersonFactory
from tests.meetings.test_apologies import MEETING, record
from tests.meetings.workspace import seed_body

pytestmark = pytest.mark.django_db


def test_the_member_and_the_deputy_are_told(django_capture_on_commit_callbacks):
    sel = seed_body("south-east-london-icp", starts_at=MEETING)
    deputy = PersonFactory(email="deputy@example.org")
    DeputyNomination.objects.create(
        person=deputy,
        seat=sel.body.seats.get(key="chair-slam"),
        starts_on=datetime.date(2026, 1, 1),
    )
    member = sel.holders["chair-slam"]
    with django_capture_on_commit_callbacks(execute=True):
        record(sel, "chair-slam", deputy=deputy, chair="Co-chair, ICB")
    to = {m.to[0]: m for m in mail.outbox}
    assert set(to) == {member.email, deputy.email}
    assert to[member.email].subject == "Apologies received: SEL ICP, 14 January 2027"
    assert f"{deputy.full_name} attends in your place as your deputy." in to[member.email].body
    assert "you attend in their place, as their deputy" in to[deputy.email].body
    assert "Co-chair, ICB agreed." in to[deputy.email].body
    with django_capture_on_commit_callbacks(execute=True):
        record(sel, "chair-slam", deputy=deputy, chair="Co-chair, ICB")  # the same again
    assert len(mail.outbox) == 2
    assert Notice.objects.filter(kind="deputy_attending").count() == 1


def test_the_secretariat_is_told_once_of_a_meeting_forecast_inquorate(
    django_capture_on_commit_callbacks,
):
    import time_machine

    from notices.sweeps import sweep

    sel = seed_body("south-east-london-icp", starts_at=MEETING)
    today = MEETING.date() - datetime.timedelta(days=7)
    with time_machine.travel(MEETING - datetime.timedelta(days=7), tick=False):
        for seat in ("icb-chair", "icb-chief-executive"):
            record(sel, seat)
        mail.outbox.clear()
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                sweep(today)
    told = [m for m in mail.outbox if m.to == [sel.clerk.email] and "inquorate" in m.subject]
    assert len(told) == 1
    assert told[0].subject == "Forecast inquorate: SEL ICP, Thursday 14 January 2027"
    assert "is forecast not to be quorate" in told[0].body
    assert "ICB" in told[0].body  # the engine's shortfall names who is missing
