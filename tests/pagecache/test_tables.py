"""The tables a statement reads and writes, read from the SQL Django really sends: a write the
parser cannot place counts as a write to every table."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from meetings.models import AgendaItem, Meeting
from pagecache import tables
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def statements(action) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        action()
    return [query["sql"] for query in captured.captured_queries]


def test_the_tables_of_a_join_and_a_subquery_are_read():
    sql = str(
        AgendaItem.objects.filter(meeting__body__slug="x", meeting__in=Meeting.objects.all())
        .select_related("meeting")
        .query
    )
    assert tables.read(sql) == {"meetings_agendaitem", "meetings_meeting", "governance_body"}
    assert tables.written(sql) is None


def test_each_kind_of_write_names_its_table():
    meeting = MeetingFactory()
    item = AgendaItem(meeting=meeting, position=1, title="T")
    written = [
        tables.written(sql)
        for sql in statements(lambda: Meeting.objects.filter(pk=meeting.pk).update(location="B"))
        + statements(lambda: meeting.items.all().delete())
        + statements(lambda: AgendaItem.objects.bulk_create([item]))
        + statements(lambda: Meeting.objects.filter(pk=meeting.pk).delete())
    ]
    assert {"meetings_meeting", "meetings_agendaitem"} <= set(written) - {None}
    assert tables.EVERY_TABLE not in written


@pytest.mark.parametrize(
    "sql",
    [
        "insert into agenda values (1)",
        "UPDATE agenda SET x = 1",
        "  delete from agenda",
        "TRUNCATE agenda",
        "REPLACE INTO agenda VALUES (1)",
    ],
)
def test_a_write_written_by_hand_counts_as_every_table(sql):
    assert tables.written(sql) == tables.EVERY_TABLE


@given(st.text())
def test_anything_that_does_not_begin_as_a_write_writes_nothing(text):
    sql = "SELECT " + text
    assert tables.written(sql) is None
