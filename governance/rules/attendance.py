"""What the engines are told about a body and a meeting: its seats, who is present in what
capacity, and the deputy policy that decides whether a deputy counts and votes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


@dataclass(frozen=True)
class Seat:
    key: str
    title: str
    organisation: str | None = None
    organisation_kind: str | None = None
    categories: frozenset[str] = frozenset()
    voting: bool = True
    role: str = "member"
    places: int = 1
    filled: int = 1
    designate_may_attend: bool = False


@dataclass(frozen=True)
class Membership:
    """The body's seats on a date, with how many places of each are filled."""

    seats: tuple[Seat, ...]
    organisation_names: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def by_key(self) -> dict[str, Seat]:
        return {seat.key: seat for seat in self.seats}

    def seat(self, key: str) -> Seat:
        try:
            return self.by_key[key]
        except KeyError:
            raise ValueError(f"There is no seat '{key}' on this body.") from None

    def organisation_name(self, slug: str) -> str:
        return self.organisation_names.get(slug, slug)


class Capacity(StrEnum):
    MEMBER = "member"
    DEPUTY = "deputy"
    IN_ATTENDANCE = "in_attendance"


@dataclass(frozen=True)
class Attendee:
    name: str
    seat: str | None = None
    capacity: Capacity = Capacity.MEMBER
    chair_agreed: bool = False
    nominated: bool = True
    withdrawn: bool = False
    replaces_withdrawn: bool = False
    no_vote: bool = False  # the chair determined: takes part without voting
    ref: str = ""  # identifies the person when names repeat ("Non-executive director")

    @property
    def label(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return self.ref or self.name


@dataclass(frozen=True)
class Attendance:
    present: tuple[Attendee, ...] = ()
    apologies: tuple[str, ...] = ()
    presiding: str | None = None

    def without(self, attendee: Attendee) -> Attendance:
        return Attendance(
            present=tuple(a for a in self.present if a.key != attendee.key),
            apologies=self.apologies,
            presiding=None if self.presiding == attendee.name else self.presiding,
        )


class DeputyPermission(StrEnum):
    ALLOWED = "allowed"
    WITH_CHAIR_AGREEMENT = "with_chair_agreement"
    NOT_ALLOWED = "not_allowed"


class DeputyCounts(StrEnum):
    ALWAYS = "always"
    NEVER = "never"
    WITH_CHAIR_AGREEMENT = "with_chair_agreement"


@dataclass(frozen=True)
class DeputyPolicy:
    permission: DeputyPermission = DeputyPermission.ALLOWED
    designated_seats_only: bool = False
    nominated_only: bool = False
    may_vote: bool = True
    counts_for_quorum: DeputyCounts = DeputyCounts.ALWAYS
    may_replace_withdrawn: bool = False
    for_vacant_seats: bool = False
    assumed: bool = False
    clause: str = ""


@dataclass(frozen=True)
class Standing:
    """Whether one person present counts towards the quorum and may vote, and if not, why."""

    counts: bool
    votes: bool
    reason: str = ""


def standing(attendee: Attendee, membership: Membership, policy: DeputyPolicy) -> Standing:
    if attendee.capacity == Capacity.IN_ATTENDANCE or attendee.seat is None:
        return Standing(False, False, "in attendance, not a member")
    seat = membership.seat(attendee.seat)
    if attendee.withdrawn:
        return Standing(False, False, "withdrawn from this item for a conflict of interest")
    if attendee.capacity == Capacity.DEPUTY:
        refusal = _deputy_refusal(attendee, seat, policy)
        if refusal:
            return Standing(False, False, refusal)
        counts = policy.counts_for_quorum == DeputyCounts.ALWAYS or (
            policy.counts_for_quorum == DeputyCounts.WITH_CHAIR_AGREEMENT and attendee.chair_agreed
        )
        votes = policy.may_vote and seat.voting
        if not counts:
            return Standing(False, votes, "a deputy, and deputies do not count")
        if not seat.voting:
            return Standing(True, False, "deputy for a non-voting seat")
        return Standing(True, votes, "" if votes else "deputies may not vote")
    if not seat.voting:
        return Standing(True, False, "non-voting member")
    if attendee.no_vote:
        return Standing(True, False, "takes part without voting, for a conflict of interest")
    return Standing(True, True)


def _deputy_refusal(attendee: Attendee, seat: Seat, policy: DeputyPolicy) -> str:
    if policy.permission == DeputyPermission.NOT_ALLOWED:
        return "a deputy, and the terms do not allow deputies"
    if policy.designated_seats_only and not seat.designate_may_attend:
        return (
            f"a deputy, and the terms allow designates only for named posts, not the {seat.title}"
        )
    if policy.permission == DeputyPermission.WITH_CHAIR_AGREEMENT and not attendee.chair_agreed:
        return "a deputy attending without the chair's agreement"
    if policy.nominated_only and not attendee.nominated:
        return "a deputy who is not the nominated deputy"
    if attendee.replaces_withdrawn and not policy.may_replace_withdrawn:
        return "a deputy in place of a withdrawn member, which the terms do not allow"
    return ""


def deputy_problems(
    policy: DeputyPolicy, seat: Seat, *, nominated: bool, chair_agreed: bool
) -> list[str]:
    """Why the deputy policy refuses a deputy for ``seat``, in a clerk's words; empty if it
    does not."""
    problems = []
    if policy.permission == DeputyPermission.NOT_ALLOWED:
        problems.append("The terms do not allow deputies.")
    if policy.designated_seats_only and not seat.designate_may_attend:
        problems.append(f"The terms allow a designate only for named posts, not the {seat.title}.")
    if policy.nominated_only and not nominated:
        problems.append(f"The terms require the nominated deputy for the {seat.title}.")
    if policy.permission == DeputyPermission.WITH_CHAIR_AGREEMENT and not chair_agreed:
        problems.append("The terms need the chair's agreement to a deputy: record who agreed.")
    return problems
