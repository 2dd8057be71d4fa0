"""What the engines are told about a body and a meeting: its seats, who is present in what
capacity, and the deputy policy that decides whether a deputy counts and votes."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

IN_ATTENDANCE_ROLE = "in_attendance"


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
    # "Director of Finance representing both CCGs": the further organisations it speaks for.
    also_represents: frozenset[str] = frozenset()
    also_kinds: frozenset[str] = frozenset()
    # Why the holder is not a member for the business in hand ("a member only for ..."),
    # set by Membership.for_business; empty for a member.
    not_member_because: str = ""

    @property
    def organisations(self) -> frozenset[str]:
        return frozenset(filter(None, {self.organisation})) | self.also_represents

    @property
    def organisation_kinds(self) -> frozenset[str]:
        return frozenset(filter(None, {self.organisation_kind})) | self.also_kinds

    @property
    def is_member(self) -> bool:
        """Members count and vote; a post that "normally attends" does neither."""
        return self.role != IN_ATTENDANCE_ROLE and not self.not_member_because


@dataclass(frozen=True)
class Membership:
    """The body's seats on a date, with how many places of each are filled."""

    seats: tuple[Seat, ...]
    organisation_names: Mapping[str, str] = field(default_factory=dict)

    @cached_property
    def by_key(self) -> dict[str, Seat]:
        return {seat.key: seat for seat in self.seats}

    @property
    def member_seats(self) -> tuple[Seat, ...]:
        return tuple(seat for seat in self.seats if seat.is_member)

    def seat(self, key: str) -> Seat:
        try:
            return self.by_key[key]
        except KeyError:
            raise ValueError(f"There is no seat '{key}' on this body.") from None

    def organisation_name(self, slug: str) -> str:
        return self.organisation_names.get(slug, slug)

    def for_business(self, key: str, members_only_for: Mapping[str, BusinessOnly]) -> Membership:
        """The membership for an item of business ``key``: a seat whose holder is a member
        only for other business ("for the appointment of executive directors only") is then
        in attendance, neither counted nor voting."""
        if not members_only_for:
            return self
        seats = tuple(
            dataclasses.replace(seat, not_member_because=members_only_for[seat.key].phrase)
            if seat.key in members_only_for and key not in members_only_for[seat.key].business
            else seat
            for seat in self.seats
        )
        return Membership(seats, self.organisation_names)


@dataclass(frozen=True)
class BusinessOnly:
    """A seat whose holder is a member only for some business."""

    business: frozenset[str]
    phrase: str  # "a member only for the appointment of executive directors"
    clause: str = ""


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
    remote: bool = False  # attending by video or telephone
    ref: str = ""  # identifies the person when names repeat ("Non-executive director")

    @property
    def label(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        return self.ref or self.name

    def described(self, membership: Membership) -> str:
        """The name, and for a deputy whom they stand in for."""
        if self.capacity == Capacity.DEPUTY and self.seat:
            return f"{self.name} (deputy for the {membership.seat(self.seat).title})"
        return self.name


@dataclass(frozen=True)
class Attendance:
    present: tuple[Attendee, ...] = ()
    apologies: tuple[str, ...] = ()
    presiding: str | None = None
    # How the person presiding comes to: "the Vice Chair, presiding in the Chair's absence".
    presiding_as: str = ""
    # What the terms say of those attending remotely (BodyRules puts it here); None: they
    # count and vote as if in the room.
    remote_rule: RemoteAttendance | None = None

    def without(self, attendee: Attendee) -> Attendance:
        return dataclasses.replace(
            self,
            present=tuple(a for a in self.present if a.key != attendee.key),
            presiding=None if self.presiding == attendee.name else self.presiding,
            presiding_as="" if self.presiding == attendee.name else self.presiding_as,
        )


@dataclass(frozen=True)
class RemoteAttendance:
    """What the terms say of members attending by video or telephone. A council committee
    counts only those in the room (Local Government Act 1972, as the High Court read it in
    2021); many NHS bodies' terms count those attending remotely as present."""

    counts_for_quorum: bool = True
    may_vote: bool = True
    clause: str = ""

    def describe(self) -> str:
        if self.counts_for_quorum and self.may_vote:
            return (
                "A member attending remotely (by video or telephone) counts towards the quorum "
                "and may vote, as if in the room."
            )
        if not self.counts_for_quorum and not self.may_vote:
            return (
                "A member attending remotely (by video or telephone) may take part, but does "
                "not count towards the quorum and may not vote: only members in the room do."
            )
        if self.counts_for_quorum:
            return (
                "A member attending remotely (by video or telephone) counts towards the quorum "
                "but may not vote."
            )
        return (
            "A member attending remotely (by video or telephone) may vote but does not count "
            "towards the quorum."
        )

    def applied(self, position: Standing) -> Standing:
        """The standing of someone attending remotely who in the room would have
        ``position``."""
        counts = position.counts and self.counts_for_quorum
        votes = position.votes and self.may_vote
        lost = [
            what
            for what, gone in (
                ("count towards the quorum", position.counts and not counts),
                ("vote", position.votes and not votes),
            )
            if gone
        ]
        if not lost:
            return position
        return Standing(
            counts,
            votes,
            f"attending remotely, and the terms do not let a member attending remotely "
            f"{' or '.join(lost)}",
            position.fills_requirements,
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
    # Does a counted deputy also take the absent member's place in the quorum's make-up
    # (their organisation, categories and seat)? "A deputy will count towards the quorum;
    # at least two non-executive directors must be present": a NED's deputy is not a NED.
    fills_requirements: bool = True
    may_replace_withdrawn: bool = False
    for_vacant_seats: bool = False
    # Whose agreement "the chair's agreement" needs: "chair", or "co_chairs" (both).
    agreement_of: str = "chair"
    assumed: bool = False
    clause: str = ""


@dataclass(frozen=True)
class Standing:
    """Whether one person present counts towards the quorum and may vote, and if not, why."""

    counts: bool
    votes: bool
    reason: str = ""
    fills_requirements: bool = True


def standing(attendee: Attendee, membership: Membership, policy: DeputyPolicy) -> Standing:
    if attendee.capacity == Capacity.IN_ATTENDANCE or attendee.seat is None:
        return Standing(False, False, "in attendance, not a member")
    seat = membership.seat(attendee.seat)
    if not seat.is_member:
        if seat.not_member_because:
            why = f"is {seat.not_member_because}, so is in attendance for this item"
        else:
            why = "is in attendance and is not a member"
        return Standing(False, False, f"the {seat.title} {why}")
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
        fills = policy.fills_requirements
        if not counts:
            return Standing(False, votes, "a deputy, and deputies do not count")
        if not seat.voting:
            return Standing(True, False, "deputy for a non-voting seat", fills)
        return Standing(True, votes, "" if votes else "deputies may not vote", fills)
    if not seat.voting:
        return Standing(True, False, "non-voting member")
    if attendee.no_vote:
        return Standing(True, False, "takes part without voting, for a conflict of interest")
    return Standing(True, True)


def standings(
    attendance: Attendance, membership: Membership, policy: DeputyPolicy
) -> list[tuple[Attendee, Standing]]:
    """Everyone present with their standing, counting no seat twice: a deputy whose member
    is in the room (or whose seat's places are all taken) neither counts nor votes."""
    taken: dict[str, int] = {}
    for attendee in attendance.present:
        if attendee.capacity == Capacity.MEMBER and attendee.seat:
            taken[attendee.seat] = taken.get(attendee.seat, 0) + 1
    result = []
    for attendee in attendance.present:
        position = standing(attendee, membership, policy)
        if attendee.remote and attendance.remote_rule:
            position = attendance.remote_rule.applied(position)
        if (
            attendee.capacity == Capacity.DEPUTY
            and attendee.seat
            and not attendee.replaces_withdrawn
            and position.counts | position.votes
        ):
            seat = membership.seat(attendee.seat)
            taken[seat.key] = taken.get(seat.key, 0) + 1
            if taken[seat.key] > max(seat.places, 1):
                position = Standing(
                    False,
                    False,
                    f"the {seat.title} is present, so a deputy for them does not count",
                )
        result.append((attendee, position))
    return result


def seat_overfilled(attendance: Attendance, membership: Membership) -> list[str]:
    """Deputies listed for a seat whose holders are all there: refused where people say who
    is present (an attendance file, the console), so nothing is counted twice."""
    problems, members, deputies = [], {}, {}
    for attendee in attendance.present:
        if attendee.seat and attendee.capacity == Capacity.MEMBER:
            members[attendee.seat] = members.get(attendee.seat, 0) + 1
        elif (
            attendee.seat
            and attendee.capacity == Capacity.DEPUTY
            and not attendee.replaces_withdrawn
        ):
            deputies[attendee.seat] = deputies.get(attendee.seat, 0) + 1
    for key, count in deputies.items():
        seat = membership.seat(key)
        if members.get(key, 0) + count > max(seat.places, 1):
            problems.append(
                f"A deputy is listed for the {seat.title} ({key}), who is present: a deputy "
                "attends only in a member's absence."
            )
    return problems


def _deputy_refusal(attendee: Attendee, seat: Seat, policy: DeputyPolicy) -> str:
    if policy.permission == DeputyPermission.NOT_ALLOWED:
        return "a deputy, and the terms do not allow deputies"
    if policy.designated_seats_only and not seat.designate_may_attend:
        return (
            f"a deputy, and the terms allow designates only for named posts, not the {seat.title}"
        )
    if policy.permission == DeputyPermission.WITH_CHAIR_AGREEMENT and not attendee.chair_agreed:
        whose = "the co-chairs'" if policy.agreement_of == "co_chairs" else "the chair's"
        return f"a deputy attending without {whose} agreement"
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
    if not seat.is_member:
        problems.append(f"The {seat.title} is not a member, so has no deputy.")
    if policy.permission == DeputyPermission.NOT_ALLOWED:
        problems.append("The terms do not allow deputies.")
    if policy.designated_seats_only and not seat.designate_may_attend:
        problems.append(f"The terms allow a designate only for named posts, not the {seat.title}.")
    if policy.nominated_only and not nominated:
        problems.append(f"The terms require the nominated deputy for the {seat.title}.")
    if policy.permission == DeputyPermission.WITH_CHAIR_AGREEMENT and not chair_agreed:
        if policy.agreement_of == "co_chairs":
            problems.append("The terms need both co-chairs' agreement to a deputy: record it.")
        else:
            problems.append("The terms need the chair's agreement to a deputy: record who agreed.")
    return problems
