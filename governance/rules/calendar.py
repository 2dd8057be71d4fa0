"""Working days and notice deadlines.

A working day is a weekday that is not a bank holiday in the body's nation (England and
Wales, Scotland or Northern Ireland, from the ``holidays`` package) and not one of the body's
own closure days.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

import holidays

from .words import LONDON, clock_time, dates_in_months, day_and_month, long_date


class Nation(StrEnum):
    ENGLAND_AND_WALES = "england-and-wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern-ireland"


_SUBDIVISIONS = {
    Nation.ENGLAND_AND_WALES: "ENG",
    Nation.SCOTLAND: "SCT",
    Nation.NORTHERN_IRELAND: "NIR",
}


@lru_cache(maxsize=64)
def _bank_holidays(nation: Nation, year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv=_SUBDIVISIONS[nation], years=year)


@lru_cache(maxsize=256)
def _weekdays_off(
    nation: Nation, closures: frozenset[datetime.date], year: int
) -> frozenset[datetime.date]:
    """The weekdays of ``year`` that are not working days: deadlines step over thousands of
    days on a page, and a set answers each at once."""
    days = set(_bank_holidays(nation, year)) | {c for c in closures if c.year == year}
    return frozenset(d for d in days if d.weekday() < 5)


@dataclass(frozen=True)
class WorkingCalendar:
    nation: Nation = Nation.ENGLAND_AND_WALES
    closures: frozenset[datetime.date] = field(default_factory=frozenset)

    def bank_holiday(self, day: datetime.date) -> str | None:
        return _bank_holidays(self.nation, day.year).get(day)

    def is_working_day(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in _weekdays_off(self.nation, self.closures, day.year)

    def step(self, day: datetime.date, working_days: int) -> tuple[datetime.date, tuple]:
        """The day ``working_days`` working days after ``day`` (before, if negative), and the
        weekday holidays and closures passed over on the way."""
        return _step(self, day, working_days)

    def working_days_between(self, start: datetime.date, end: datetime.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative if ``end`` is
        earlier): "in 3 working days"."""
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            self.is_working_day(start + datetime.timedelta(days=n))
            for n in range(1, (end - start).days + 1)
        )

    def describe_days_off(self, days) -> str:
        """ "25 and 28 December are bank holidays; 24 December is a closure day"."""
        bank = [d for d in days if self.bank_holiday(d)]
        closed = [d for d in days if d in self.closures and not self.bank_holiday(d)]
        parts = []
        for group, one, many in (
            (bank, "is a bank holiday", "are bank holidays"),
            (closed, "is a closure day", "are closure days"),
        ):
            if group:
                parts.append(f"{dates_in_months(group)} {one if len(group) == 1 else many}")
        return "; ".join(parts)


@lru_cache(maxsize=8192)
def _step(
    calendar: WorkingCalendar, day: datetime.date, working_days: int
) -> tuple[datetime.date, tuple]:
    """Kept once worked out: a page counts the same deadlines on every request."""
    direction = 1 if working_days >= 0 else -1
    passed = []
    remaining = abs(working_days)
    while remaining:
        day += datetime.timedelta(days=direction)
        if calendar.is_working_day(day):
            remaining -= 1
        elif day.weekday() < 5:
            passed.append(day)
    return day, tuple(passed)


class NoticeCounting(StrEnum):
    WORKING_DAYS_BEFORE = "working_days_before"
    CLEAR_WORKING_DAYS = "clear_working_days"
    DAYS_BEFORE = "days_before"  # "seven days before the meeting": every day counts
    CLEAR_DAYS = "clear_days"

    @property
    def every_day(self) -> bool:
        return self in (NoticeCounting.DAYS_BEFORE, NoticeCounting.CLEAR_DAYS)

    @property
    def clear(self) -> bool:
        return self in (NoticeCounting.CLEAR_WORKING_DAYS, NoticeCounting.CLEAR_DAYS)

    def unit(self, n: int) -> str:
        """ "5 clear working days", "7 days" """
        kind = "day" if self.every_day else "working day"
        return f"{n} {'clear ' if self.clear else ''}{kind}{'' if n == 1 else 's'}"


@dataclass(frozen=True)
class NoticePolicy:
    """When the agenda and papers must go out: ``days`` before the meeting, counted as
    ``counting`` says; an extraordinary meeting may have its own period, in the same kind of
    days or in hours ("at least 48 hours' notice")."""

    days: int
    counting: NoticeCounting = NoticeCounting.WORKING_DAYS_BEFORE
    cutoff: datetime.time = datetime.time(17, 0)
    extraordinary_days: int | None = None
    extraordinary_hours: int | None = None
    late_needs_chair_authorisation: bool = True
    public_copy_same_deadline: bool = True
    assumed: bool = False
    clause: str = ""

    def days_for(self, extraordinary: bool) -> int:
        if extraordinary and self.extraordinary_days is not None:
            return self.extraordinary_days
        return self.days


@dataclass(frozen=True)
class NoticeDeadline:
    deadline: datetime.datetime
    days: int  # 0 where the period is in hours
    counting: NoticeCounting
    extraordinary: bool
    days_off: tuple[datetime.date, ...]
    sentence: str
    hours: int | None = None

    def is_late(self, published_at: datetime.datetime) -> bool:
        return published_at > self.deadline


def notice_deadline(
    policy: NoticePolicy,
    calendar: WorkingCalendar,
    meeting_starts: datetime.datetime,
    *,
    extraordinary: bool = False,
) -> NoticeDeadline:
    """The latest moment to publish the agenda and papers, with the reasoning.

    "Working days before": the meeting day is not counted and the day of issue is, so four
    working days before a Thursday is the Friday before (with no holidays between).
    "Clear working days": neither the day of issue nor the meeting day is counted, so the
    papers go out on the working day before those days. "Days before" and "clear days"
    count every day alike. A period in hours runs back from the meeting's start, in real
    hours across a change of the clocks.
    """
    if meeting_starts.tzinfo is None:
        raise ValueError("The meeting's start must be an aware datetime.")
    meeting_day = meeting_starts.astimezone(LONDON).date()
    if extraordinary and policy.extraordinary_hours is not None:
        hours = policy.extraordinary_hours
        utc = meeting_starts.astimezone(datetime.UTC) - datetime.timedelta(hours=hours)
        deadline = utc.astimezone(LONDON)
        sentence = (
            f"Publish by {clock_time(deadline)} on {long_date(deadline.date())}: {hours} hours "
            f"before the extraordinary meeting at {clock_time(meeting_starts)} on "
            f"{long_date(meeting_day)}."
        )
        return NoticeDeadline(deadline, 0, policy.counting, True, (), sentence, hours)
    days = policy.days_for(extraordinary)
    steps = days + 1 if policy.counting.clear else days
    if policy.counting.every_day:
        issue_day, days_off = meeting_day - datetime.timedelta(days=steps), ()
    else:
        issue_day, days_off = calendar.step(meeting_day, -steps)
    deadline = datetime.datetime.combine(issue_day, policy.cutoff, tzinfo=LONDON)

    same_year = meeting_day.year == issue_day.year
    meeting = day_and_month(meeting_day) if same_year else long_date(meeting_day)
    occasion = "the extraordinary meeting on " if extraordinary else ""
    sentence = (
        f"Publish by {policy.cutoff:%H:%M} on {long_date(issue_day)}: "
        f"{policy.counting.unit(days)} before {occasion}{meeting}"
    )
    if days_off:
        sentence += f"; {calendar.describe_days_off(days_off)}"
    return NoticeDeadline(
        deadline=deadline,
        days=days,
        counting=policy.counting,
        extraordinary=extraordinary,
        days_off=tuple(sorted(days_off)),
        sentence=sentence + ".",
    )


def working_days_after(
    calendar: WorkingCalendar, day: datetime.date, working_days: int
) -> datetime.date:
    return calendar.step(day, working_days)[0]


@dataclass(frozen=True)
class ProgrammeDate:
    day: datetime.date
    moved_from: datetime.date | None = None

    @property
    def reason(self) -> str:
        if self.moved_from is None:
            return ""
        return f"moved from {long_date(self.moved_from)}, which is not a working day"


def monthly_programme(
    calendar: WorkingCalendar,
    *,
    weekday: int,
    week: int,
    every_months: int,
    first_month: int,
    start: datetime.date,
    months: int = 12,
) -> list[ProgrammeDate]:
    """ "The second Thursday of every other month": the ``week``th (1 to 4, or -1 for the
    last) ``weekday`` (0 is Monday) of every ``every_months``th month counted from
    ``first_month``, for ``months`` months from ``start``'s month. A date that is not a
    working day moves a week later."""
    dates = []
    for offset in range(months):
        year, month = divmod(start.month - 1 + offset, 12)
        year, month = start.year + year, month + 1
        if (month - first_month) % every_months:
            continue
        first = datetime.date(year, month, 1)
        if week == -1:
            last = datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(1)
            day = last - datetime.timedelta(days=(last.weekday() - weekday) % 7)
        else:
            day = first + datetime.timedelta(days=(weekday - first.weekday()) % 7, weeks=week - 1)
        planned = day
        while not calendar.is_working_day(day):
            day += datetime.timedelta(weeks=1)
        dates.append(ProgrammeDate(day, planned if day != planned else None))
    return dates
