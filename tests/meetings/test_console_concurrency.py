"""Two clerks at once, in two threads with their own database connections: row locks and
revision checks mean neither change is silently lost. Run on PostgreSQL (CI's second pass):
SQLite serialises the whole database, so there the race cannot happen at all."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection, connections

from governance.rules.words import LONDON
from meetings.models import Attendance, Decision
from meetings.services import attendance as attending
from meetings.services import record
from meetings.services.agenda import agenda_item_add, agenda_start
from meetings.services.locking import StaleChange
from meetings.sitting import sitting_for

from .workspace import arrive, seed_body

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs a database with row locks (PostgreSQL)"
    ),
]
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)


def together(*calls):
    """Run the calls at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def lie():
    setting = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    agenda_start(meeting=setting.meeting, rules=setting.rules)
    agenda_item_add(meeting=setting.meeting, rules=setting.rules, title="Plan")
    attending.sitting_open(meeting=setting.meeting, user=setting.clerk, now=MEETING)
    return setting


def test_two_clerks_marking_one_person_at_once_one_wins_and_the_other_is_told(lie):
    row = Attendance.objects.get(person=lie.holders["director-uhl"])

    def click(mark):
        return lambda: attending.attendance_mark(
            meeting=lie.meeting,
            row=row,
            revision=row.revision,
            mark=mark,
            user=lie.clerk,
            now=MEETING,
        )

    outcomes = together(click("arrived"), click("apologies"))
    stale = [o for o in outcomes if isinstance(o, StaleChange)]
    saved = [o for o in outcomes if isinstance(o, Attendance)]
    assert (len(saved), len(stale)) == (1, 1)
    row.refresh_from_db()
    assert row.status == saved[0].status and row.revision == 1


def test_decisions_recorded_at_once_get_distinct_numbers(lie):
    keys = [
        "clinical-chair-wlccg",
        "director-adults-communities",
        "director-uhl",
        "managing-director-elrccg",
        "director-public-health",
        "director-lpt",
    ]
    arrive(lie, keys, MEETING)

    def recording(text):
        def call():
            lie.meeting.refresh_from_db()
            return record.decision_record(
                meeting=lie.meeting,
                sitting=sitting_for(lie.meeting),
                text=text,
                outcome="consensus",
                value=None,
                vote=None,
                user=lie.clerk,
                now=MEETING,
            )

        return call

    outcomes = together(recording("First"), recording("Second"), recording("Third"))
    assert all(isinstance(o, Decision) for o in outcomes), outcomes
    assert sorted(Decision.objects.values_list("number", flat=True)) == [1, 2, 3]
