"""Deadlines counted in working days after a day: the minutes' (the draft to the chair, the
approved minutes to members, after the meeting), the notice of decisions (after the meeting),
and the end of the call-in period (after the notice is published), as the body's rules say."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .calendar import WorkingCalendar
from .language import DecisionsPolicy, MinutesPolicy
from .words import long_date


@dataclass(frozen=True)
class Deadline:
    kind: str  # "to_chair", "circulate", "notice" or "call_in"
    what: str  # "Draft minutes to the chair"
    due: datetime.date
    working_days: int
    sentence: str  # "Draft minutes to the chair by Monday 7 December 2026: 5 working days…"
    clause: str = ""

    def state(self, done_on: datetime.date | None, today: datetime.date) -> str:
        """ "met", "late" (done after the day), "overdue" (not done, day passed) or "due"."""
        if done_on is not None:
            return "met" if done_on <= self.due else "late"
        return "overdue" if today > self.due else "due"


def _after(
    kind: str,
    what: str,
    days: int,
    start: datetime.date,
    since: str,
    calendar: WorkingCalendar,
    clause: str,
) -> Deadline:
    """``days`` working days after ``start``, which does not count itself: "within five
    working days of the meeting" of a Thursday meeting is the following Thursday."""
    due, passed = calendar.step(start, days)
    sentence = f"{what} by {long_date(due)}: {days} working days after {since} {long_date(start)}"
    if passed:
        sentence += f" ({calendar.describe_days_off(passed)}, not counted)"
    return Deadline(kind, what, due, days, sentence + ".", clause)


def minutes_deadlines(
    policy: MinutesPolicy | None, calendar: WorkingCalendar, meeting_day: datetime.date
) -> tuple[Deadline, ...]:
    """The minutes' deadlines after a meeting on ``meeting_day`` (none where the terms are
    silent)."""
    if policy is None:
        return ()
    return tuple(
        _after(kind, what, days, meeting_day, "the meeting on", calendar, policy.clause)
        for kind, what, days in (
            ("to_chair", "Draft minutes to the chair", policy.draft_to_chair_working_days),
            ("circulate", "Approved minutes to members", policy.circulate_working_days),
        )
        if days
    )


def notice_deadline(
    policy: DecisionsPolicy | None, calendar: WorkingCalendar, meeting_day: datetime.date
) -> Deadline | None:
    """When the notice of the decisions of a meeting on ``meeting_day`` must be published."""
    if policy is None or not policy.notice_working_days:
        return None
    return _after(
        "notice",
        "Notice of the decisions published",
        policy.notice_working_days,
        meeting_day,
        "the meeting on",
        calendar,
        policy.clause,
    )


def call_in_deadline(
    policy: DecisionsPolicy | None, calendar: WorkingCalendar, published_on: datetime.date
) -> Deadline | None:
    """The last day on which a decision in a notice published on ``published_on`` may be
    called in; it may be carried out from the next day, unless it was."""
    if policy is None or not policy.call_in_working_days:
        return None
    return _after(
        "call_in",
        "Call-in period ends",
        policy.call_in_working_days,
        published_on,
        "the notice was published on",
        calendar,
        policy.clause,
    )
