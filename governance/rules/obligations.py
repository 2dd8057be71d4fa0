"""Obligations with a date in a body's terms: reports to a parent or other body, periodic
reports and assessments, reviews of the terms and of the membership, a forward plan, the
chair's term; and whether the meetings actually held keep to the terms' frequency.

Each obligation falls due on dates worked out from its cadence ("within ten working days of
each meeting", "every three months", "annually"), so the dashboard can show what is due and
overdue and the notices can remind in time.
"""

from __future__ import annotations

import datetime
import itertools
from calendar import monthrange
from dataclasses import dataclass
from enum import StrEnum

from .calendar import WorkingCalendar
from .words import long_date, number, sentence_case, times


class Kind(StrEnum):
    REPORT = "report"
    ASSESSMENT = "assessment"
    REVIEW = "review"
    REVIEW_TERMS = "review_terms"
    REVIEW_MEMBERSHIP = "review_membership"
    FORWARD_PLAN = "forward_plan"
    CHAIR_APPOINTMENT = "chair_appointment"


KIND_WORDS = {
    Kind.REPORT: "Report",
    Kind.ASSESSMENT: "Assessment",
    Kind.REVIEW: "Review",
    Kind.REVIEW_TERMS: "Review of the terms of reference",
    Kind.REVIEW_MEMBERSHIP: "Review of the membership",
    Kind.FORWARD_PLAN: "Forward plan",
    Kind.CHAIR_APPOINTMENT: "Appointment of the chair",
}


def every(months: int) -> str:
    """ "every month", "every two months"."""
    return "every month" if months == 1 else f"every {number(months)} months"


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` later (or earlier), kept within a shorter month."""
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, monthrange(year, month)[1]))


@dataclass(frozen=True)
class Obligation:
    key: str
    kind: Kind
    what: str
    to: str = ""
    by: str = "the secretariat"
    every_months: int | None = None
    first_after_months: int | None = None
    after_each_meeting: bool = False
    within_working_days: int = 10
    assumed: bool = False
    clause: str = ""

    def describe(self) -> str:
        to = f" to {self.to}" if self.to else ""
        lead = f"{sentence_case(self.what)}{to}, by {self.by}"
        if self.after_each_meeting:
            return (
                f"{lead}, within {number(self.within_working_days)} working days of each meeting."
            )
        first = (
            f"first {number(self.first_after_months)} months after the terms take effect, then "
            if self.first_after_months
            else ""
        )
        cadence = {12: "annually", 6: "every six months", 3: "quarterly"}.get(
            self.every_months, every(self.every_months)
        )
        return f"{lead}: {first}{cadence}."

    def due_dates(
        self,
        *,
        start: datetime.date,
        until: datetime.date,
        meetings: list[datetime.date],
        calendar: WorkingCalendar,
    ) -> list[datetime.date]:
        """When it falls due, from ``start`` (the day the terms took effect, or the chair's
        appointment) to ``until``."""
        if self.after_each_meeting:
            after = (day for day in sorted(meetings) if start <= day)
            due = (calendar.step(day, self.within_working_days)[0] for day in after)
            return [day for day in due if day <= until]
        if not self.every_months:
            return []
        due = add_months(start, self.first_after_months or self.every_months)
        dates = []
        while due <= until:
            dates.append(due)
            due = add_months(due, self.every_months)
        return dates


class State(StrEnum):
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Due:
    obligation: Obligation
    due: datetime.date
    state: State
    done_on: datetime.date | None = None

    @property
    def sentence(self) -> str:
        what, when = sentence_case(self.obligation.what), long_date(self.due)
        if self.state == State.DONE:
            return f"{what}: done on {long_date(self.done_on)} (due {when})."
        if self.state == State.OVERDUE:
            return f"{what}: overdue since {when}."
        return f"{what}: due by {when}."


def obligations_due(
    obligation: Obligation,
    *,
    start: datetime.date,
    today: datetime.date,
    ahead_days: int,
    meetings: list[datetime.date],
    calendar: WorkingCalendar,
    done: dict[datetime.date, datetime.date],
) -> list[Due]:
    """Each occasion from ``start`` up to ``ahead_days`` after today, done (``done`` maps a
    due date to the day it was done), overdue or coming up."""
    until = today + datetime.timedelta(days=ahead_days)
    result = []
    for due in obligation.due_dates(start=start, until=until, meetings=meetings, calendar=calendar):
        if due in done:
            result.append(Due(obligation, due, State.DONE, done[due]))
        elif due < today:
            result.append(Due(obligation, due, State.OVERDUE))
        else:
            result.append(Due(obligation, due, State.DUE))
    return result


# Meeting frequency --------------------------------------------------------------------------


@dataclass(frozen=True)
class FrequencyCheck:
    ok: bool
    sentence: str


def frequency_check(
    *,
    every_months: int | None,
    at_least_per_year: int | None,
    meetings: list[datetime.date],
    today: datetime.date,
    since: datetime.date,
    clause: str = "",
) -> FrequencyCheck:
    """Do the meetings held and planned keep to the terms? ``meetings`` are the body's
    ordinary meetings, held or planned and not cancelled; ``since`` is when the terms took
    effect (no shortfall is found before it)."""
    quoted = f" (“{clause}”)" if clause else ""
    year_ago = max(add_months(today, -12), since)
    if at_least_per_year:
        held = [d for d in meetings if year_ago <= d <= today]
        planned = [d for d in meetings if today < d <= add_months(today, 12)]
        if (today - since).days >= 365 and len(held) < at_least_per_year:
            return FrequencyCheck(
                False,
                f"In the twelve months to {long_date(today)} the body "
                f"{'met ' + times(len(held)) if held else 'did not meet'}; "
                f"its terms say at least {times(at_least_per_year)} a year{quoted}.",
            )
        if len(planned) < at_least_per_year:
            return FrequencyCheck(
                False,
                f"{times(len(planned)).capitalize()} planned in the next twelve months; the "
                f"terms say at least {times(at_least_per_year)} a year{quoted}.",
            )
        return FrequencyCheck(True, f"Meets at least {times(at_least_per_year)} a year.")
    if every_months:
        grace = datetime.timedelta(days=14)  # "bi-monthly" meetings fall on different dates
        horizon = add_months(today, 12)
        ordered = sorted(d for d in set(meetings) if d <= horizon)
        if (
            ordered
            and ordered[0] > year_ago
            and (ordered[0] > add_months(year_ago, every_months) + grace)
        ):
            return FrequencyCheck(
                False,
                f"No meeting between {long_date(year_ago)} and {long_date(ordered[0])}: the "
                f"terms say the body meets {every(every_months)}{quoted}.",
            )
        for before, after in itertools.pairwise(ordered):
            if after >= year_ago and after > add_months(before, every_months) + grace:
                return FrequencyCheck(
                    False,
                    f"No meeting between {long_date(before)} and {long_date(after)}: the "
                    f"terms say the body meets {every(every_months)}{quoted}.",
                )
        last = ordered[-1] if ordered else None
        if last is None or add_months(last, every_months) + grace < today:
            since_words = f" since {long_date(last)}" if last else ""
            return FrequencyCheck(
                False,
                f"No meeting held or planned{since_words}: the terms say the body meets "
                f"{every(every_months)}{quoted}.",
            )
        return FrequencyCheck(True, f"Meets {every(every_months)}.")
    return FrequencyCheck(True, "")
