"""When the minutes of a meeting are due: the draft to the chair, and the approved minutes to
the members, each a number of working days after the meeting, as the body's terms say."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .calendar import WorkingCalendar
from .language import MinutesPolicy
from .words import long_date


@dataclass(frozen=True)
class MinutesDeadline:
    kind: str  # "to_chair" or "circulate"
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


def minutes_deadlines(
    policy: MinutesPolicy | None, calendar: WorkingCalendar, meeting_day: datetime.date
) -> tuple[MinutesDeadline, ...]:
    """The minutes' deadlines after a meeting on ``meeting_day`` (none where the terms are
    silent). The meeting's own day does not count: "within five working days of the meeting"
    of a Thursday meeting is the following Thursday."""
    if policy is None:
        return ()
    deadlines = []
    for kind, what, days in (
        ("to_chair", "Draft minutes to the chair", policy.draft_to_chair_working_days),
        ("circulate", "Approved minutes to members", policy.circulate_working_days),
    ):
        if not days:
            continue
        due, passed = calendar.step(meeting_day, days)
        sentence = (
            f"{what} by {long_date(due)}: {days} working days after the meeting on "
            f"{long_date(meeting_day)}"
        )
        if passed:
            sentence += f" ({calendar.describe_days_off(passed)}, not counted)"
        deadlines.append(MinutesDeadline(kind, what, due, days, sentence + ".", policy.clause))
    return tuple(deadlines)
