"""Obligations with a date and the meeting-frequency check: when each falls due, what is done,
due and overdue, and whether the meetings held keep to the terms."""

from __future__ import annotations

import datetime

from hypothesis import given
from hypothesis import strategies as st

from governance.rules.calendar import WorkingCalendar
from governance.rules.obligations import (
    Kind,
    Obligation,
    State,
    add_months,
    frequency_check,
    obligations_due,
)

from .seeds import JCG, LIE, MSE, SEL, STP, seed

D = datetime.date
CAL = WorkingCalendar()
QUARTERLY = Obligation(key="q", kind=Kind.REPORT, what="a performance report", every_months=3)
AFTER_EACH = Obligation(
    key="m",
    kind=Kind.REPORT,
    what="the minutes",
    to="the Board",
    after_each_meeting=True,
    within_working_days=10,
)


def test_a_month_later_stays_within_a_short_month():
    assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 12, 15), 3) == D(2027, 3, 15)
    assert add_months(D(2027, 3, 15), -3) == D(2026, 12, 15)


@given(st.dates(D(1990, 1, 1), D(2090, 12, 31)), st.integers(-240, 240))
def test_add_months_moves_by_whole_months(day, months):
    later = add_months(day, months)
    assert (later.year * 12 + later.month) - (day.year * 12 + day.month) == months
    assert later.day == day.day or (later.day < day.day and (later + D.resolution).day == 1)


def test_a_quarterly_obligation_falls_due_every_three_months_from_the_start():
    dates = QUARTERLY.due_dates(start=D(2026, 4, 1), until=D(2027, 4, 1), meetings=[], calendar=CAL)
    assert dates == [D(2026, 7, 1), D(2026, 10, 1), D(2027, 1, 1), D(2027, 4, 1)]


def test_a_first_review_can_come_sooner_than_the_rest():
    review = Obligation(
        key="r", kind=Kind.REVIEW_TERMS, what="review", every_months=12, first_after_months=6
    )
    dates = review.due_dates(start=D(2026, 1, 10), until=D(2028, 1, 1), meetings=[], calendar=CAL)
    assert dates == [D(2026, 7, 10), D(2027, 7, 10)]


def test_after_each_meeting_counts_working_days_past_bank_holidays():
    # Ten working days after Thursday 17 December 2026 pass Christmas, Boxing Day (observed
    # Monday 28th) and New Year's Day: Tuesday 5 January 2027.
    dates = AFTER_EACH.due_dates(
        start=D(2026, 1, 1), until=D(2027, 2, 1), meetings=[D(2026, 12, 17)], calendar=CAL
    )
    assert dates == [D(2027, 1, 5)]


def test_after_each_meeting_ignores_meetings_before_the_start():
    dates = AFTER_EACH.due_dates(
        start=D(2026, 6, 1),
        until=D(2027, 1, 1),
        meetings=[D(2026, 5, 20), D(2026, 6, 17)],
        calendar=CAL,
    )
    assert dates == [D(2026, 7, 1)]


def test_each_occasion_is_done_overdue_or_due():
    found = obligations_due(
        QUARTERLY,
        start=D(2026, 1, 1),
        today=D(2026, 11, 30),
        ahead_days=31,
        meetings=[],
        calendar=CAL,
        done={D(2026, 4, 1): D(2026, 3, 28)},
    )
    assert [(d.due, d.state) for d in found] == [
        (D(2026, 4, 1), State.DONE),
        (D(2026, 7, 1), State.OVERDUE),
        (D(2026, 10, 1), State.OVERDUE),
    ]
    assert found[0].sentence == (
        "A performance report: done on Saturday 28 March 2026 (due Wednesday 1 April 2026)."
    )
    assert found[1].sentence == "A performance report: overdue since Wednesday 1 July 2026."
    soon = obligations_due(
        QUARTERLY,
        start=D(2026, 1, 1),
        today=D(2026, 12, 15),
        ahead_days=31,
        meetings=[],
        calendar=CAL,
        done={
            D(2026, 4, 1): D(2026, 4, 1),
            D(2026, 7, 1): D(2026, 7, 1),
            D(2026, 10, 1): D(2026, 10, 1),
        },
    )
    assert soon[-1].state == State.DUE
    assert soon[-1].sentence == "A performance report: due by Friday 1 January 2027."


def test_obligations_read_as_a_clerk_would_say_them():
    assert QUARTERLY.describe() == "A performance report, by the secretariat: quarterly."
    assert AFTER_EACH.describe() == (
        "The minutes to the Board, by the secretariat, within ten working days of each meeting."
    )


def test_every_seed_carries_its_obligations_and_the_terms_review():
    kinds = {
        slug: {o.kind for o in seed(slug)[0].all_obligations()}
        for slug in (LIE, JCG, STP, MSE, SEL)
    }
    assert Kind.REVIEW_MEMBERSHIP in kinds[STP] and Kind.REVIEW_MEMBERSHIP in kinds[MSE]
    assert Kind.FORWARD_PLAN in kinds[JCG] and Kind.FORWARD_PLAN in kinds[SEL]
    assert all(Kind.REPORT in found for found in kinds.values())
    stp = {o.key: o for o in seed(STP)[0].all_obligations()}
    assert stp["membership-review"].every_months == 6
    assert stp["minutes-to-slt"].assumed and stp["minutes-to-slt"].after_each_meeting


# Meeting frequency --------------------------------------------------------------------------


def test_four_times_a_year_is_checked_against_the_meetings_held():
    held = [D(2026, 2, 12), D(2026, 8, 13)]
    check = frequency_check(
        every_months=None,
        at_least_per_year=4,
        meetings=held,
        today=D(2026, 11, 30),
        since=D(2024, 1, 1),
        clause="at least 4 times per year",
    )
    assert not check.ok
    assert check.sentence == (
        "In the twelve months to Monday 30 November 2026 the body met twice; its terms say at "
        "least four times a year (“at least 4 times per year”)."
    )


def test_four_times_a_year_with_too_few_planned_says_so():
    check = frequency_check(
        every_months=None,
        at_least_per_year=4,
        meetings=[D(2026, 1, 8), D(2026, 4, 9), D(2026, 7, 9), D(2026, 10, 8), D(2027, 1, 14)],
        today=D(2026, 11, 30),
        since=D(2024, 1, 1),
    )
    assert check.sentence == (
        "Once planned in the next twelve months; the terms say at least four times a year."
    )


def test_no_shortfall_is_found_before_the_terms_took_effect():
    quarterly = [D(2027, 1, 14), D(2027, 4, 8), D(2027, 7, 8), D(2027, 10, 14)]
    check = frequency_check(
        every_months=None,
        at_least_per_year=4,
        meetings=quarterly,
        today=D(2026, 11, 30),
        since=D(2026, 10, 1),
    )
    assert check.ok and check.sentence == "Meets at least four times a year."


def test_bi_monthly_finds_the_gap():
    meetings = [D(2026, 1, 27), D(2026, 3, 24), D(2026, 9, 22), D(2026, 11, 24), D(2027, 1, 26)]
    check = frequency_check(
        every_months=2,
        at_least_per_year=None,
        meetings=meetings,
        today=D(2026, 11, 30),
        since=D(2024, 1, 1),
    )
    assert check.sentence == (
        "No meeting between Tuesday 24 March 2026 and Tuesday 22 September 2026: the terms say "
        "the body meets every two months."
    )


def test_bi_monthly_allows_meetings_on_different_days_of_the_month():
    meetings = [D(2025, 11, 25), D(2026, 1, 27), D(2026, 3, 24), D(2026, 5, 26), D(2026, 7, 28)]
    meetings += [D(2026, 9, 22), D(2026, 11, 24), D(2027, 1, 26)]
    check = frequency_check(
        every_months=2,
        at_least_per_year=None,
        meetings=meetings,
        today=D(2026, 11, 30),
        since=D(2024, 1, 1),
    )
    assert check.ok


def test_a_year_without_a_meeting_before_the_next_one_is_a_shortfall():
    check = frequency_check(
        every_months=1,
        at_least_per_year=None,
        meetings=[D(2026, 12, 15)],
        today=D(2026, 11, 30),
        since=D(2024, 1, 1),
    )
    assert check.sentence == (
        "No meeting between Sunday 30 November 2025 and Tuesday 15 December 2026: the terms say "
        "the body meets every month."
    )


def test_nothing_planned_after_the_last_meeting_is_a_shortfall_once_it_is_due():
    check = frequency_check(
        every_months=1,
        at_least_per_year=None,
        meetings=[D(2025, 12, 16), *(D(2026, month, 15) for month in range(1, 10))],
        today=D(2026, 11, 30),
        since=D(2024, 1, 1),
    )
    assert check.sentence == (
        "No meeting held or planned since Tuesday 15 September 2026: the terms say the body "
        "meets every month."
    )
