"""Attendance over a period, counted as a clerk would defend it: a member is expected only at
meetings held while they held their seat; a cancelled meeting, or one held with no attendance
on record, is not counted at all; a deputy's attendance is the deputy's, not the member's (the
member "sent a deputy"); withdrawing from an item for an interest is still being present, and
so is attending remotely, which counts as attending unless the terms say only the room does
(a council's members must attend in person: Local Government Act 1972, s.85).
Pure Python: the rows come in, the tallies and their explanations go out."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from .words import long_date, number

MEMBER, DEPUTY, IN_ATTENDANCE = "member", "deputy", "in_attendance"
PRESENT, APOLOGIES, ABSENT = "present", "apologies", "absent"


@dataclass(frozen=True)
class Row:
    """One person's line on one meeting's attendance list."""

    meeting: int
    person: int
    seat: int | None
    capacity: str
    status: str
    part: bool = False  # arrived after the start or left before the end
    withdrew: int = 0  # items they withdrew from for an interest
    in_advance: bool = True  # for apologies: received before the meeting began
    day: datetime.date | None = None  # the meeting's day, for meetings missed in a row
    remote: bool = False  # attended by video or telephone link, not in the room


@dataclass
class Tally:
    person: int
    expected: int = 0
    present: int = 0
    part: int = 0
    remote: int = 0  # of the meetings a member was present at, those attended remotely
    remote_attends: bool = True  # False: the terms count only attendance in the room
    sent_deputy: int = 0
    apologies: int = 0
    absent: int = 0
    deputised: int = 0
    in_attendance: int = 0
    withdrew: int = 0
    late_apologies: int = 0  # apologies (with or without a deputy) given only at the meeting
    missed_in_a_row: list[datetime.date] = field(default_factory=list)  # the longest run

    @property
    def attended(self) -> int:
        """Meetings the member attended themselves (not by a deputy), as the terms count it."""
        return self.present if self.remote_attends else self.present - self.remote

    @property
    def rate(self) -> Fraction | None:
        """Meetings attended, of those the member was expected at."""
        return Fraction(self.attended, self.expected) if self.expected else None

    @property
    def percent(self) -> int | None:
        return None if self.rate is None else round(self.rate * 100)

    def explanation(self) -> str:
        parts = []
        if self.expected:
            seen = [f"present at {self.present}"]
            how = [f"{self.part} for part of the meeting"] if self.part else []
            if self.remote:
                uncounted = "" if self.remote_attends else ", which the terms do not count"
                how.append(f"{self.remote} remotely{uncounted}")
            if how:
                seen[0] += f" ({', '.join(how)})"
            for count, words in (
                (self.sent_deputy, "sent a deputy to {}"),
                (self.apologies, "gave apologies for {} without a deputy"),
                (self.absent, "absent from {} without apologies"),
            ):
                if count:
                    seen.append(words.format(count))
            parts.append(
                f"Expected at {_meetings(self.expected)} held while they held the seat: "
                f"{_listed(seen)}; {self.percent}% attended themselves."
            )
        if len(self.missed_in_a_row) > 1:
            parts.append(
                f"Missed {number(len(self.missed_in_a_row))} meetings in a row, "
                f"{long_date(self.missed_in_a_row[0])} to {long_date(self.missed_in_a_row[-1])}."
            )
        if self.late_apologies:
            parts.append(
                f"Apologies for {_meetings(self.late_apologies)} came only at the meeting."
            )
        if self.withdrew:
            parts.append(
                f"Withdrew from {_items(self.withdrew)} for an interest, counted as present."
            )
        if self.deputised:
            parts.append(f"Attended {_meetings(self.deputised)} as a deputy for a member.")
        if self.in_attendance:
            parts.append(f"In attendance (not a member) at {_meetings(self.in_attendance)}.")
        return " ".join(parts)


def tally(
    rows: Iterable[Row], *, deputy_attends_for_member: bool = False, remote_attends: bool = True
) -> dict[int, Tally]:
    """Each person's tally from the attendance lists of the meetings counted, with the
    longest run of meetings they missed in a row (where the terms say so, a deputy who
    attended for them is not a meeting missed; where they count only the room, a meeting
    attended remotely is)."""
    rows = sorted(rows, key=lambda r: (r.day or datetime.date.min, r.meeting))
    stood_in = {(r.meeting, r.seat) for r in rows if r.capacity == DEPUTY and r.status == PRESENT}
    tallies: dict[int, Tally] = {}
    runs: dict[int, list[datetime.date]] = {}
    for row in rows:
        t = tallies.setdefault(row.person, Tally(row.person, remote_attends=remote_attends))
        present = row.status == PRESENT
        if row.capacity == MEMBER:
            t.expected += 1
            deputised = (row.meeting, row.seat) in stood_in
            if present:
                t.present += 1
                t.part += row.part
                t.remote += row.remote
            elif deputised:
                t.sent_deputy += 1
                t.late_apologies += not row.in_advance
            elif row.status == APOLOGIES:
                t.apologies += 1
                t.late_apologies += not row.in_advance
            else:
                t.absent += 1
            run = runs.setdefault(row.person, [])
            attended = present and (remote_attends or not row.remote)
            if attended or (deputised and deputy_attends_for_member) or row.day is None:
                run.clear()
            else:
                run.append(row.day)
                if len(run) > len(t.missed_in_a_row):
                    t.missed_in_a_row = list(run)
        elif present and row.capacity == DEPUTY:
            t.deputised += 1
        elif present:
            t.in_attendance += 1
        if present:
            t.withdrew += row.withdrew
    return tallies


def meets_expectation(
    t: Tally,
    share: Fraction | None,
    apologies_in_advance: bool,
    missed_in_a_row: int | None = None,
) -> bool | None:
    """Whether a member met the attendance their body's terms expect: at least ``share`` of
    meetings attended themselves, or (with no share) every meeting; where the terms let
    apologies sent in advance excuse an absence, no absence without them; and where they
    set a limit, fewer than ``missed_in_a_row`` meetings missed in a row. None where nothing
    was expected of them."""
    if not t.expected:
        return None
    if missed_in_a_row is not None:
        if len(t.missed_in_a_row) >= missed_in_a_row:
            return False
        if share is None and not apologies_in_advance:
            return True  # the only limit the terms set
    if apologies_in_advance:
        if t.absent or t.late_apologies:
            return False
        return share is None or t.rate >= share
    return t.rate >= (1 if share is None else share)


def _meetings(n: int) -> str:
    return f"{n} meeting{'s' * (n != 1)}"


def _items(n: int) -> str:
    return f"{n} item{'s' * (n != 1)}"


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
