"""Report authors and action owners, known by the address the clerk gives on the agenda item
or the action, are reminded before their deadline and once when it has passed; a
confidential item's title and action stay out of the e-mail."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from governance.rules.words import LONDON
from meetings.models import Action, AgendaItem
from meetings.services.agenda import agenda_start
from meetings.services.schedule import meeting_deadlines
from notices.models import Notice
from notices.sweeps import sweep
from tests.meetings.workspace import open_sitting, seed_body, signed_in

pytestmark = pytest.mark.django_db

MEETING = datetime.datetime(2027, 3, 11, 14, 0, tzinfo=LONDON)


def days(start: datetime.date, end: datetime.date):
    while start <= end:
        yield start
        start += datetime.timedelta(days=1)


def sweep_each_day(first, last, capture):
    for day in days(first, last):
        moment = datetime.datetime.combine(day, datetime.time(7), tzinfo=LONDON)
        with time_machine.travel(moment, tick=False), capture(execute=True):
            sweep(day)


def test_the_author_is_reminded_in_5_and_1_working_days_and_once_overdue(
    django_capture_on_commit_callbacks,
):
    start = MEETING - datetime.timedelta(days=40)
    with time_machine.travel(start, tick=False):
        sel = seed_body("south-east-london-icp", starts_at=MEETING)
        agenda_start(meeting=sel.meeting, rules=sel.rules)
        client = signed_in(sel.clerk)
        url = f"/meetings/{sel.meeting.pk}/agenda/items/new/"
        typo = client.post(url, {"title": "Winter plan", "purpose": "decision", "part": "A",
                                 "author_email": "not an address"})  # fmt: skip
        assert typo.status_code == 400 and "Enter a valid email address." in typo.content.decode()
        for title, part, email in (
            ("Winter plan", "A", "Author.One@example.org"),
            ("Provider contract SECRETMARK", "B", "author.two@example.org"),
        ):
            data = {"title": title, "purpose": "decision", "part": part, "author_email": email,
                    "paper_expected": "on"}  # fmt: skip
            if part == "B":
                data["exempt_paragraph"] = "3"
            assert client.post(url, data).status_code == 302
        due = meeting_deadlines(sel.meeting, sel.rules).papers_due
    due_day = due.astimezone(LONDON).date()
    mail.outbox.clear()
    sweep_each_day(
        start.date(), due_day + datetime.timedelta(days=4), django_capture_on_commit_callbacks
    )
    sweep_each_day(
        due_day - datetime.timedelta(days=8),
        due_day + datetime.timedelta(days=4),
        django_capture_on_commit_callbacks,
    )  # fmt: skip  (again: nothing twice)
    first = [m for m in mail.outbox if m.to == ["Author.One@example.org"]]
    assert [m.subject.split(":")[0] for m in first] == [
        "Due in 5 working days",
        "Due in 1 working day",
        "Overdue",
    ]
    assert "the item “Winter plan”" in first[0].body
    second = [m for m in mail.outbox if m.to == ["author.two@example.org"]]
    assert len(second) == 3
    assert all("SECRETMARK" not in m.subject + m.body for m in second)
    assert "a confidential (Part B) item" in second[0].body


def test_no_reminder_once_the_paper_is_in(django_capture_on_commit_callbacks):
    start = MEETING - datetime.timedelta(days=40)
    with time_machine.travel(start, tick=False):
        sel = seed_body("south-east-london-icp", starts_at=MEETING)
        item = AgendaItem.objects.create(
            meeting=sel.meeting, position=10, title="Winter plan", author_email="a@example.org"
        )
        item.papers.create(
            title="Plan", author="A", file="x.pdf", file_format="pdf", original_name="x.pdf",
            size=1, uploaded_at=start, uploaded_by=sel.clerk,
        )  # fmt: skip
    due_day = meeting_deadlines(sel.meeting, sel.rules).papers_due.date()
    sweep_each_day(due_day - datetime.timedelta(days=8), due_day + datetime.timedelta(days=3),
                   django_capture_on_commit_callbacks)  # fmt: skip
    assert not [m for m in mail.outbox if m.to == ["a@example.org"]]


def test_the_owner_of_an_action_from_the_console_is_reminded(django_capture_on_commit_callbacks):
    lie = open_sitting("leicestershire-integration-executive", starts_at=MEETING)
    with time_machine.travel(MEETING + datetime.timedelta(minutes=20), tick=False):
        response = signed_in(lie.clerk).post(
            f"/meetings/{lie.meeting.pk}/console/action/",
            {
                "action-text": "Circulate the BCF plan",
                "action-owner": "Director of Integration",
                "action-owner_email": "director@example.org",
                "action-due": "2027-04-01",
            },
        )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.owner_email == "director@example.org"
    mail.outbox.clear()
    sweep_each_day(datetime.date(2027, 3, 12), datetime.date(2027, 4, 20),
                   django_capture_on_commit_callbacks)  # fmt: skip
    told = [m for m in mail.outbox if m.to == ["director@example.org"]]
    assert [m.subject.split(":")[0] for m in told] == ["Due in 5 working days", "Overdue"]
    # Good Friday (26 March 2027) and Easter Monday are not working days: five working days
    # before Thursday 1 April is Tuesday 23 March.
    assert "due on Thursday 1 April 2027" in told[0].body
    reminded = Notice.objects.get(kind="action_due")
    assert reminded.claimed_at.astimezone(LONDON).date() == datetime.date(2027, 3, 23)
    assert "“Circulate the BCF plan”" in told[0].body
    assert "Dear Director of Integration" in told[0].body
    action.status = Action.Status.DONE
    action.save()
    mail.outbox.clear()
    sweep_each_day(datetime.date(2027, 4, 21), datetime.date(2027, 4, 22),
                   django_capture_on_commit_callbacks)  # fmt: skip
    assert not mail.outbox
