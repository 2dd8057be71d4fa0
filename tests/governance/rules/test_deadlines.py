"""Deadlines counted in working days across weekends and bank holidays: the minutes' (South
East London ICP, clause 13.2: draft minutes to the chair within five working days of the
meeting, circulated to members within ten), the notice of decisions and the call-in period.
No database."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from governance.rules.calendar import WorkingCalendar
from governance.rules.deadlines import call_in_deadline, minutes_deadlines, notice_deadline
from governance.rules.language import DecisionsPolicy, MinutesPolicy

SEL = MinutesPolicy(draft_to_chair_working_days=5, circulate_working_days=10, clause="13.2")
ENGLAND = WorkingCalendar()


def test_five_and_ten_working_days_after_a_thursday_meeting():
    to_chair, circulate = minutes_deadlines(SEL, ENGLAND, datetime.date(2027, 1, 14))
    assert to_chair.due == datetime.date(2027, 1, 21)
    assert circulate.due == datetime.date(2027, 1, 28)
    assert to_chair.sentence == (
        "Draft minutes to the chair by Thursday 21 January 2027: 5 working days after the "
        "meeting on Thursday 14 January 2027."
    )
    assert to_chair.clause == "13.2"


def test_christmas_and_new_year_are_not_counted():
    to_chair, circulate = minutes_deadlines(SEL, ENGLAND, datetime.date(2026, 12, 17))
    assert to_chair.due == datetime.date(2026, 12, 24)
    # 25 and 28 December and 1 January are bank holidays in 2026-27.
    assert circulate.due == datetime.date(2027, 1, 5)
    assert "25 and 28 December and 1 January are bank holidays, not counted" in (circulate.sentence)


def test_terms_silent_on_minutes_set_no_deadline():
    assert minutes_deadlines(None, ENGLAND, datetime.date(2027, 1, 14)) == ()
    only_chair = MinutesPolicy(draft_to_chair_working_days=3)
    assert [d.kind for d in minutes_deadlines(only_chair, ENGLAND, datetime.date(2027, 1, 14))] == [
        "to_chair"
    ]


def test_a_deadline_is_met_late_overdue_or_due():
    (to_chair, _) = minutes_deadlines(SEL, ENGLAND, datetime.date(2027, 1, 14))
    due = to_chair.due
    one = datetime.timedelta(days=1)
    assert to_chair.state(due, due + one) == "met"
    assert to_chair.state(due + one, due + one) == "late"
    assert to_chair.state(None, due + one) == "overdue"
    assert to_chair.state(None, due) == "due"


@given(
    day=st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2032, 12, 31)),
    days=st.integers(min_value=1, max_value=30),
)
def test_each_deadline_is_a_working_day_exactly_that_many_working_days_on(day, days):
    policy = MinutesPolicy(draft_to_chair_working_days=days, circulate_working_days=days + 5)
    to_chair, circulate = minutes_deadlines(policy, ENGLAND, day)
    for deadline in (to_chair, circulate):
        assert ENGLAND.is_working_day(deadline.due)
        assert ENGLAND.working_days_between(day, deadline.due) == deadline.working_days
    assert to_chair.due < circulate.due


HWB = DecisionsPolicy(notice_working_days=2, call_in_working_days=5, clause="Decisions")


def test_the_notice_of_decisions_and_the_call_in_period_across_christmas():
    notice = notice_deadline(HWB, ENGLAND, datetime.date(2026, 12, 23))
    assert notice.due == datetime.date(2026, 12, 29)
    assert notice.sentence == (
        "Notice of the decisions published by Tuesday 29 December 2026: 2 working days after "
        "the meeting on Wednesday 23 December 2026 (25 and 28 December are bank holidays, "
        "not counted)."
    )
    call_in = call_in_deadline(HWB, ENGLAND, datetime.date(2026, 12, 29))
    # 30, 31 December; 1 January is a bank holiday; 4, 5, 6 January.
    assert call_in.due == datetime.date(2027, 1, 6)
    assert call_in.sentence.startswith(
        "Call-in period ends by Wednesday 6 January 2027: 5 working days after the notice was "
        "published on Tuesday 29 December 2026"
    )
    assert call_in.clause == "Decisions"


def test_terms_silent_on_decisions_set_no_notice_or_call_in():
    day = datetime.date(2027, 1, 14)
    assert notice_deadline(None, ENGLAND, day) is None
    assert call_in_deadline(None, ENGLAND, day) is None
    notice_only = DecisionsPolicy(notice_working_days=2)
    assert notice_deadline(notice_only, ENGLAND, day).due == datetime.date(2027, 1, 18)
    assert call_in_deadline(notice_only, ENGLAND, day) is None


@given(
    day=st.dates(min_value=datetime.date(2024, 1, 1), max_value=datetime.date(2032, 12, 31)),
    notice=st.integers(min_value=1, max_value=10),
    call_in=st.integers(min_value=1, max_value=15),
)
def test_the_call_in_period_always_ends_after_the_notice_is_due(day, notice, call_in):
    policy = DecisionsPolicy(notice_working_days=notice, call_in_working_days=call_in)
    due = notice_deadline(policy, ENGLAND, day)
    ends = call_in_deadline(policy, ENGLAND, due.due)
    assert ENGLAND.is_working_day(ends.due)
    assert ENGLAND.working_days_between(due.due, ends.due) == call_in
    assert ends.due > due.due > day
