"""A month of simulated time for the five seed bodies: the clock stepped day by day and the
daily sweep run twice each day. Every reminder their rules call for is sent, each exactly
once: the agenda to publish in 2 and in 1 working days and a deadline missed (to the
secretariat), draft minutes overdue, the obligations in the bodies' terms and their meeting
frequency (to the secretariat), and the meeting tomorrow (to members and deputies who have
not opted out of courtesy reminders)."""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
import time_machine
from django.core import mail

from governance.rules.words import LONDON
from meetings import demo
from meetings.models import Meeting
from meetings.queries import people_to_notify
from meetings.services.schedule import meeting_deadlines
from members.snapshots import snapshot
from notices.models import Notice
from notices.sweeps import sweep

pytestmark = pytest.mark.django_db
FIRST = datetime.date(2026, 11, 23)
DEMO_KINDS = ("agenda_published", "resolution_issued")
DAYS = 31


def test_a_month_of_daily_sweeps_sends_every_reminder_exactly_once(
    django_capture_on_commit_callbacks,
):
    with time_machine.travel(datetime.datetime(2026, 11, 23, 6, tzinfo=LONDON), tick=False):
        demo.load(today=FIRST, with_users=True)
    opted_out = people_to_notify(
        Meeting.objects.exclude(status="cancelled")
        .filter(starts_at__date__gt=FIRST)
        .order_by("starts_at")
        .first()
    ).first()
    opted_out.courtesy_reminders = False
    opted_out.save(update_fields=["courtesy_reminders"])
    # The Executive's meetings before October were cancelled: short of "monthly".
    Meeting.objects.filter(
        body__slug="leicestershire-integration-executive",
        starts_at__date__lt=datetime.date(2026, 10, 1),
    ).update(status="cancelled", cancellation_reason="Not quorate")
    for n in range(DAYS):
        day = FIRST + datetime.timedelta(days=n)
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(7), LONDON)):
            for _ in range(2):  # beat's two runs a day; the second finds nothing new
                with django_capture_on_commit_callbacks(execute=True):
                    sweep(day)

    # (The demo's own agenda and written resolution notices, queued as it loaded, are not
    # the sweeps'.)
    notices = Notice.objects.exclude(kind__in=DEMO_KINDS)
    assert notices.exists()
    assert {n.status for n in notices} == {Notice.Status.SENT}
    assert len(mail.outbox) == notices.count()  # each sent once, whatever ran twice
    assert all(m.alternatives[0].mimetype == "text/html" for m in mail.outbox)  # and as HTML
    sent = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert max(sent.values()) == 1, [k for k, v in sent.items() if v > 1]

    last = FIRST + datetime.timedelta(days=DAYS - 1)
    for meeting in Meeting.objects.exclude(status="cancelled").select_related("body"):
        kinds = set(notices.filter(meeting=meeting).values_list("kind", flat=True))
        if FIRST < meeting.day - datetime.timedelta(days=1) <= last:
            assert "meeting_tomorrow" in kinds, meeting
            told = notices.filter(meeting=meeting, kind="meeting_tomorrow")
            assert not told.filter(person=opted_out).exists()
        rules = snapshot(meeting.body, FIRST).rules_on(meeting.day)
        deadlines = meeting_deadlines(meeting, rules)
        if deadlines is None or meeting.publications.exists():
            continue
        due = deadlines.publish_by.deadline.astimezone(LONDON).date()
        two_before, _ = rules.calendar.step(due, -2)
        if two_before >= FIRST and due <= last:
            assert {"publish_in_2", "publish_in_1"} <= kinds, meeting
        if FIRST <= due < last:
            assert "publish_missed" in kinds, meeting
    # South East London's meeting on 11 November: its draft minutes were due to the chair
    # within five working days (18 November), its approved minutes with the members within
    # ten (25 November). Both are overdue, and each is said once to each clerk.
    sel = notices.filter(meeting__body__slug="south-east-london-icp")
    clerks = sel.filter(kind="to_chair_overdue").values_list("address", flat=True)
    assert sorted(clerks) == sorted(set(clerks)) == ["clerk@quorate.example"]
    assert sel.filter(kind="circulate_overdue").count() == 1
    # What the terms call for beyond meetings: the seed bodies' reports and reviews, and a
    # body short of its frequency, said once a month.
    kinds = Counter(notices.values_list("kind", flat=True))
    assert kinds["obligation_due"] + kinds["obligation_overdue"] > 0
    frequency = notices.filter(kind="meeting_frequency")
    assert {n.body.slug for n in frequency} == {"leicestershire-integration-executive"}
    assert frequency.count() == 2  # November and December
    # The demo's written resolution (South East London), answers due on 30 November: those
    # who had not answered, reminded two working days before and on the day.
    reminded = notices.filter(kind="resolution_reminder")
    assert {n.claimed_at.astimezone(LONDON).date() for n in reminded} == {
        datetime.date(2026, 11, 26),
        datetime.date(2026, 11, 30),
    }


def test_the_command_runs_the_sweep_and_sends_nothing_twice(django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    day = datetime.datetime(2026, 11, 23, 7, tzinfo=LONDON)
    with time_machine.travel(day, tick=False):
        demo.load(today=FIRST, with_users=True)
        outputs = []
        for _ in range(2):
            out = io.StringIO()
            with django_capture_on_commit_callbacks(execute=True):
                call_command("send_reminders", stdout=out)
            outputs.append(out.getvalue().strip())
    claimed = Notice.objects.exclude(kind__in=DEMO_KINDS).count()
    assert claimed > 0
    assert outputs == [f"{claimed} reminders sent today.", "0 reminders sent today."]
