"""Working days and notice deadlines, for each nation, across holidays and clock changes."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.rules.calendar import (
    Nation,
    NoticeCounting,
    NoticePolicy,
    WorkingCalendar,
    monthly_programme,
    notice_deadline,
    working_days_after,
)
from governance.rules.words import LONDON

D = datetime.date
ENGLAND, SCOTLAND, NI = (WorkingCalendar(n) for n in Nation)


def meeting(year, month, day, hour=14, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def test_the_issue_example_across_christmas():
    result = notice_deadline(NoticePolicy(4), ENGLAND, meeting(2026, 12, 31))
    assert result.deadline == meeting(2026, 12, 23, 17)
    assert result.sentence == (
        "Publish by 17:00 on Wednesday 23 December 2026: 4 working days before Thursday 31 "
        "December; 25 and 28 December are bank holidays."
    )


@pytest.mark.parametrize(
    ("calendar", "day", "working"),
    [
        (ENGLAND, D(2026, 12, 25), False),  # Christmas Day
        (ENGLAND, D(2026, 12, 28), False),  # Boxing Day, moved from Saturday
        (ENGLAND, D(2027, 1, 1), False),  # New Year's Day
        (ENGLAND, D(2027, 1, 4), True),
        (SCOTLAND, D(2027, 1, 4), False),  # 2 January, moved from Saturday
        (ENGLAND, D(2027, 3, 26), False),  # Good Friday
        (ENGLAND, D(2027, 3, 29), False),  # Easter Monday
        (SCOTLAND, D(2027, 3, 29), True),  # no Easter Monday holiday in Scotland
        (NI, D(2027, 3, 17), False),  # St Patrick's Day
        (NI, D(2027, 7, 12), False),  # Battle of the Boyne
        (ENGLAND, D(2027, 7, 12), True),
        (SCOTLAND, D(2026, 11, 30), False),  # St Andrew's Day
        (ENGLAND, D(2026, 11, 28), False),  # a Saturday
    ],
)
def test_bank_holidays_by_nation(calendar, day, working):
    assert calendar.is_working_day(day) is working


def test_a_bodys_own_closure_days_are_not_working_days():
    calendar = WorkingCalendar(closures=frozenset({D(2026, 12, 24)}))
    result = notice_deadline(NoticePolicy(4), calendar, meeting(2026, 12, 31))
    assert result.deadline.date() == D(2026, 12, 22)
    assert result.sentence.endswith(
        "25 and 28 December are bank holidays; 24 December is a closure day."
    )


def test_new_year_in_scotland_loses_two_days():
    result = notice_deadline(NoticePolicy(4), SCOTLAND, meeting(2027, 1, 7))
    assert result.deadline.date() == D(2026, 12, 30)
    assert "1 January is a bank holiday" not in result.sentence
    assert "1 and 4 January are bank holidays" in result.sentence


def test_easter_in_england_and_in_scotland():
    policy = NoticePolicy(5)
    england = notice_deadline(policy, ENGLAND, meeting(2027, 3, 31))
    scotland = notice_deadline(policy, SCOTLAND, meeting(2027, 3, 31))
    assert england.deadline.date() == D(2027, 3, 22)
    assert scotland.deadline.date() == D(2027, 3, 23)
    assert "26 and 29 March are bank holidays" in england.sentence
    assert "26 March is a bank holiday" in scotland.sentence


def test_clear_working_days_leave_out_the_day_of_issue_and_the_meeting_day():
    clear = notice_deadline(
        NoticePolicy(5, NoticeCounting.CLEAR_WORKING_DAYS), ENGLAND, meeting(2026, 11, 26)
    )
    before = notice_deadline(NoticePolicy(5), ENGLAND, meeting(2026, 11, 26))
    assert before.deadline.date() == D(2026, 11, 19)
    assert clear.deadline.date() == D(2026, 11, 18)
    assert "5 clear working days before" in clear.sentence


def test_an_extraordinary_meeting_has_its_own_notice():
    policy = NoticePolicy(4, extraordinary_days=5)
    result = notice_deadline(policy, ENGLAND, meeting(2026, 11, 26), extraordinary=True)
    assert result.deadline.date() == D(2026, 11, 19)
    assert "before the extraordinary meeting on Thursday 26 November" in result.sentence


def test_days_before_count_weekends_and_bank_holidays_alike():
    """ "Papers will be circulated seven days before the meeting" (every day counts)."""
    policy = NoticePolicy(7, NoticeCounting.DAYS_BEFORE)
    result = notice_deadline(policy, ENGLAND, meeting(2026, 12, 31))
    assert result.deadline == meeting(2026, 12, 24, 17)
    assert result.days_off == ()
    assert result.sentence == (
        "Publish by 17:00 on Thursday 24 December 2026: 7 days before Thursday 31 December."
    )
    clear = notice_deadline(
        NoticePolicy(5, NoticeCounting.CLEAR_DAYS), ENGLAND, meeting(2027, 1, 14)
    )
    assert clear.deadline.date() == D(2027, 1, 8)  # 9 to 13 January lie between
    assert "5 clear days before" in clear.sentence


def test_an_extraordinary_meeting_in_hours_is_counted_in_real_hours_across_the_clocks():
    """ "An extraordinary meeting may be called at not less than 48 hours' notice": British
    Summer Time begins at 01:00 on Sunday 28 March 2027, so 48 hours before 10:00 on the
    Monday is 09:00 on the Saturday."""
    policy = NoticePolicy(5, extraordinary_hours=48)
    result = notice_deadline(policy, ENGLAND, meeting(2027, 3, 29, 10), extraordinary=True)
    assert result.deadline == meeting(2027, 3, 27, 9)
    assert (result.hours, result.days, result.extraordinary) == (48, 0, True)
    assert result.sentence == (
        "Publish by 09:00 on Saturday 27 March 2027: 48 hours before the extraordinary "
        "meeting at 10:00 on Monday 29 March 2027."
    )
    ordinary = notice_deadline(policy, ENGLAND, meeting(2027, 3, 29, 10))
    assert (ordinary.hours, ordinary.days) == (None, 5)


def test_the_cutoff_is_london_time_after_the_clocks_go_forward():
    # British Summer Time begins on Sunday 29 March 2026.
    result = notice_deadline(NoticePolicy(4), ENGLAND, meeting(2026, 3, 31))
    assert result.deadline == datetime.datetime(2026, 3, 25, 17, tzinfo=LONDON)
    assert result.deadline.utcoffset() == datetime.timedelta(0)
    after = notice_deadline(NoticePolicy(1), ENGLAND, meeting(2026, 3, 31))
    assert after.deadline.utcoffset() == datetime.timedelta(hours=1)


def test_the_cutoff_is_london_time_after_the_clocks_go_back():
    # British Summer Time ends on Sunday 25 October 2026.
    result = notice_deadline(NoticePolicy(4), ENGLAND, meeting(2026, 10, 27))
    assert result.deadline.utcoffset() == datetime.timedelta(hours=1)  # Wednesday 21 October
    assert result.deadline.astimezone(datetime.UTC).hour == 16


def test_a_meeting_given_in_utc_is_judged_on_its_london_date():
    # 23:30 UTC on 30 December is 23:30 in London too; 00:30 BST on 1 July is 30 June UTC.
    summer = datetime.datetime(2026, 6, 30, 23, 30, tzinfo=datetime.UTC)
    result = notice_deadline(NoticePolicy(1), ENGLAND, summer)
    assert result.deadline.date() == D(2026, 6, 30)


def test_the_deadline_is_exact_to_the_minute():
    result = notice_deadline(NoticePolicy(4), ENGLAND, meeting(2026, 12, 31))
    assert not result.is_late(meeting(2026, 12, 23, 16, 59))
    assert not result.is_late(meeting(2026, 12, 23, 17, 0))
    assert result.is_late(meeting(2026, 12, 23, 17, 1))


def test_a_naive_meeting_time_is_refused():
    with pytest.raises(ValueError, match="aware"):
        notice_deadline(NoticePolicy(4), ENGLAND, datetime.datetime(2026, 12, 31, 14))


def test_minutes_deadlines_count_working_days_after_the_meeting():
    # SEL ICP 13.2: draft to the chair within five working days, circulated within ten.
    assert working_days_after(ENGLAND, D(2026, 12, 17), 5) == D(2026, 12, 24)
    assert working_days_after(ENGLAND, D(2026, 12, 17), 10) == D(2027, 1, 5)


@given(
    day=st.dates(D(2024, 1, 1), D(2034, 12, 31)),
    days=st.integers(0, 30),
    clear=st.booleans(),
)
def test_the_deadline_leaves_exactly_the_days_required(day, days, clear):
    counting = NoticeCounting.CLEAR_DAYS if clear else NoticeCounting.DAYS_BEFORE
    result = notice_deadline(NoticePolicy(days, counting), ENGLAND, meeting(*day.timetuple()[:3]))
    between = (day - result.deadline.date()).days - 1
    assert between == (days if clear else max(days - 1, -1))


@given(
    start=st.datetimes(
        datetime.datetime(2024, 1, 1), datetime.datetime(2034, 12, 31), timezones=st.just(LONDON)
    ),
    hours=st.integers(1, 720),
)
def test_a_period_in_hours_is_exactly_that_many_hours(start, hours):
    policy = NoticePolicy(5, extraordinary_hours=hours)
    result = notice_deadline(policy, ENGLAND, start, extraordinary=True)
    elapsed = start.astimezone(datetime.UTC) - result.deadline.astimezone(datetime.UTC)
    assert elapsed == datetime.timedelta(hours=hours)
    assert result.deadline.tzinfo is LONDON
    assert ("GMT" in result.sentence or "BST" in result.sentence) == (
        result.deadline.replace(fold=1 - result.deadline.fold).utcoffset()
        != result.deadline.utcoffset()
        or start.replace(fold=1 - start.fold).utcoffset() != start.utcoffset()
    )


def test_a_deadline_in_the_hour_that_happens_twice_says_which():
    """British Summer Time ends at 02:00 BST on Sunday 25 October 2026."""
    start = datetime.datetime(2026, 10, 27, 1, 30, tzinfo=LONDON)
    policy = NoticePolicy(5, extraordinary_hours=48)
    result = notice_deadline(policy, ENGLAND, start, extraordinary=True)
    assert result.sentence.startswith("Publish by 01:30 GMT on Sunday 25 October 2026: 48 hours")
    earlier = notice_deadline(
        NoticePolicy(5, extraordinary_hours=49), ENGLAND, start, extraordinary=True
    )
    assert earlier.sentence.startswith("Publish by 01:30 BST on Sunday 25 October 2026")


@given(
    day=st.dates(D(2024, 1, 1), D(2034, 12, 31)),
    days=st.integers(0, 10),
    nation=st.sampled_from(list(Nation)),
    clear=st.booleans(),
)
def test_the_deadline_leaves_exactly_the_working_days_required(day, days, nation, clear):
    calendar = WorkingCalendar(nation)
    counting = NoticeCounting.CLEAR_WORKING_DAYS if clear else NoticeCounting.WORKING_DAYS_BEFORE
    result = notice_deadline(
        NoticePolicy(days, counting), calendar, meeting(day.year, day.month, day.day)
    )
    issue = result.deadline.date()
    between = [issue + datetime.timedelta(n) for n in range(1, (day - issue).days)]
    working_between = sum(calendar.is_working_day(d) for d in between)
    if days:
        assert calendar.is_working_day(issue)
    assert issue <= day
    # "before" counts the day of issue; "clear" counts only the days strictly between.
    assert working_between == (days if clear else max(days - 1, 0))


def test_a_programme_moves_a_meeting_off_bank_holidays_a_week_at_a_time():
    # The fourth Friday of December 2026 is Christmas Day, and a week later is New Year's Day.
    dates = monthly_programme(
        ENGLAND, weekday=4, week=4, every_months=12, first_month=12, start=D(2026, 12, 1), months=1
    )
    assert [(d.day, d.moved_from) for d in dates] == [(D(2027, 1, 8), D(2026, 12, 25))]
    assert dates[0].reason == "moved from Friday 25 December 2026, which is not a working day"


def test_a_bimonthly_programme_on_the_second_thursday():
    dates = monthly_programme(
        ENGLAND, weekday=3, week=2, every_months=2, first_month=1, start=D(2027, 1, 1)
    )
    assert [d.day for d in dates] == [
        D(2027, 1, 14),
        D(2027, 3, 11),
        D(2027, 5, 13),
        D(2027, 7, 8),
        D(2027, 9, 9),
        D(2027, 11, 11),
    ]


def test_the_last_monday_of_may_is_a_bank_holiday_so_the_meeting_moves_into_june():
    dates = monthly_programme(
        ENGLAND, weekday=0, week=-1, every_months=12, first_month=5, start=D(2027, 1, 1)
    )
    assert [(d.day, d.moved_from) for d in dates] == [(D(2027, 6, 7), D(2027, 5, 31))]
