"""Who presides: a fixed chair, alternating co-chairs, a chair rotating between
organisations, or an independent chair; then vice chairs; then a deputising chair."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from .attendance import Attendee, Capacity, Membership
from .words import long_date


class ChairKind(StrEnum):
    FIXED = "fixed"
    CO_CHAIRS = "co_chairs"
    ROTATING = "rotating"
    INDEPENDENT = "independent"


class Deputising(StrEnum):
    VICE_CHAIRS = "vice_chairs"
    EITHER_SIDE = "either_side"
    MEMBERS_CHOOSE = "members_choose"


@dataclass(frozen=True)
class RotationSide:
    name: str
    organisations: frozenset[str]
    chair_seat: str


@dataclass(frozen=True)
class ChairArrangements:
    kind: ChairKind = ChairKind.FIXED
    chair_seats: tuple[str, ...] = ()
    vice_chair_seats: tuple[str, ...] = ()
    sides: tuple[RotationSide, ...] = ()
    rotation_months: int = 6
    rotation_starts: datetime.date | None = None
    deputising: Deputising = Deputising.VICE_CHAIRS
    term_months: int | None = None
    assumed: bool = False  # how the chair is filled in their absence, where the terms are silent
    clause: str = ""

    def side_on(self, on: datetime.date) -> tuple[RotationSide, datetime.date, datetime.date]:
        """The side holding the chair on ``on``, and the period it holds it for."""
        start = self.rotation_starts
        months = (on.year - start.year) * 12 + on.month - start.month - (on.day < start.day)
        period = months // self.rotation_months
        first = _add_months(start, period * self.rotation_months)
        last = _add_months(first, self.rotation_months) - datetime.timedelta(days=1)
        return self.sides[period % len(self.sides)], first, last

    def chairs_on(self, on: datetime.date) -> tuple[str, ...]:
        if self.kind == ChairKind.ROTATING:
            return (self.side_on(on)[0].chair_seat,)
        return self.chair_seats


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + year, month=month + 1, day=min(day.day, 28))


@dataclass(frozen=True)
class Presiding:
    name: str | None
    seat: str | None
    reason: str
    role: str = ""  # how they come to preside: "the Vice Chair, in the Chair's absence"


def presiding(
    arrangements: ChairArrangements,
    membership: Membership,
    present: tuple[Attendee, ...],
    on: datetime.date,
    *,
    turn: int = 0,
) -> Presiding:
    """Who presides among the members present (deputies never preside). ``turn`` numbers the
    meetings, so that alternating co-chairs take turns."""
    members: dict[str, Attendee] = {}
    for attendee in present:
        if attendee.capacity == Capacity.MEMBER and not attendee.withdrawn:
            members.setdefault(attendee.seat, attendee)  # a shared seat's first holder
    chairs = list(arrangements.chairs_on(on))
    if arrangements.kind == ChairKind.CO_CHAIRS and chairs:
        first = turn % len(chairs)
        chairs = chairs[first:] + chairs[:first]
    for position, seat in enumerate(chairs):
        if seat in members:
            title = membership.seat(seat).title
            role = f"the {title}, who holds the chair"
            if arrangements.kind == ChairKind.ROTATING:
                side, first, last = arrangements.side_on(on)
                why = f"the chair is with {side.name} from {long_date(first)} to {long_date(last)}"
            elif arrangements.kind == ChairKind.CO_CHAIRS:
                why = (
                    "it is their turn to chair"
                    if position == 0
                    else ("the co-chair whose turn it is is absent")
                )
                role = (
                    f"the {title}, the co-chair whose turn it is"
                    if position == 0
                    else f"the {title}, a co-chair, in the other's absence"
                )
            else:
                why = "they hold the chair"
            return Presiding(members[seat].name, seat, f"The {title} presides: {why}.", role)
    for seat in arrangements.vice_chair_seats:
        if seat in members:
            title = membership.seat(seat).title
            return Presiding(
                members[seat].name,
                seat,
                f"The {title} presides as vice chair, in the Chair's absence.",
                f"the {title}, presiding as vice chair in the Chair's absence",
            )
    if arrangements.deputising == Deputising.EITHER_SIDE:
        organisations = set().union(*(side.organisations for side in arrangements.sides))
        for seat in membership.seats:
            if seat.key in members and seat.organisation in organisations:
                return Presiding(
                    members[seat.key].name,
                    seat.key,
                    f"The {seat.title} deputises for the absent Chair.",
                    f"the {seat.title}, deputising for the absent Chair",
                )
    return Presiding(
        None,
        None,
        "No one entitled to preside is present: the members present "
        "must choose one of their number to take the chair.",
    )
