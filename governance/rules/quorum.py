"""Is the meeting quorate for this item, and if not, exactly what is missing.

A quorum rule is a small language that composes:

- a **minimum** number present: absolute ("6 members"), or a fraction of a base ("half the
  voting members", "a third of the seats"), rounded as the rule says, with a floor where the
  terms set one ("a quarter of the members, but never fewer than three");
- any number of **requirements** on who is present, each "at least N people whose seat is
  ..." (in these categories, from these organisations or kinds of organisation, in these
  named seats), where N may be a number or a share of those counted ("a majority of those
  present must be lay members"), and may ask for people from several different
  organisations ("from at least two of the partner councils");
- whether each requirement must be met by **different** people ("6 members as follows: ...",
  decided by a maximum bipartite matching, never greedily);
- whether the person presiding is counted **in addition**, and whether only voting members
  count;
- **alternatives**: the rule is met if any one of them is ("three members including two
  non-executive directors, or four members including one").

Who counts at all, and for what, is decided once for everyone present
(``attendance.standings``): people in attendance, members withdrawn for a conflict, deputies
the policy refuses and deputies whose member is in the room never count; a deputy may count
for the number but not the make-up.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from .attendance import Attendance, Attendee, DeputyPolicy, Membership, Seat, standings
from .words import join, number, sentence_case
from .words import share as share_words


class Base(StrEnum):
    SEATS = "seats"
    VOTING_SEATS = "voting_seats"
    FILLED_SEATS = "filled_seats"
    FILLED_VOTING_SEATS = "filled_voting_seats"
    EXPECTED_ATTENDANCE = "expected_attendance"


BASE_WORDS = {
    Base.SEATS: "the seats on the body",
    Base.VOTING_SEATS: "the voting seats",
    Base.FILLED_SEATS: "the members",
    Base.FILLED_VOTING_SEATS: "the voting members",
    Base.EXPECTED_ATTENDANCE: "the members expected to attend (members less apologies)",
}


class Rounding(StrEnum):
    UP = "up"
    DOWN = "down"
    NEAREST = "nearest"


class ChairCounting(StrEnum):
    WITHIN = "within"
    IN_ADDITION = "in_addition"


@dataclass(frozen=True)
class Minimum:
    number: int | None = None
    fraction: Fraction | None = None
    base: Base = Base.FILLED_VOTING_SEATS
    rounding: Rounding = Rounding.UP
    not_less_than: int | None = None  # with a fraction: "but never fewer than three"

    def base_size(self, membership: Membership, attendance: Attendance) -> int:
        voting = self.base in (Base.VOTING_SEATS, Base.FILLED_VOTING_SEATS)
        seats = [s for s in membership.member_seats if s.voting or not voting]
        if self.base in (Base.SEATS, Base.VOTING_SEATS):
            return sum(s.places for s in seats)
        filled = sum(s.filled for s in seats)
        if self.base != Base.EXPECTED_ATTENDANCE:
            return filled
        # A member's apologies reduce the expected attendance unless a deputy comes instead.
        members = {s.key for s in seats}
        deputised = {a.seat for a in attendance.present if a.capacity == "deputy"}
        return filled - sum(
            1 for key in attendance.apologies if key in members and key not in deputised
        )

    def required(self, membership: Membership, attendance: Attendance) -> int:
        if self.number is not None:
            return self.number
        exact = self.fraction * self.base_size(membership, attendance)
        if self.rounding == Rounding.DOWN:
            share = math.floor(exact)
        elif self.rounding == Rounding.NEAREST:
            share = math.floor(exact + Fraction(1, 2))
        else:
            share = math.ceil(exact)
        return max(share, self.not_less_than or 0)

    def describe(self) -> str:
        if self.number is not None:
            return f"at least {self.number} members present"
        rounding = "" if self.rounding == Rounding.UP else f", rounded {self.rounding}"
        floor = f", and never fewer than {self.not_less_than}" if self.not_less_than else ""
        share = share_words(self.fraction)
        return f"at least {share} of {BASE_WORDS[self.base]} present{rounding}{floor}"


@dataclass(frozen=True)
class Requirement:
    """At least ``at_least`` people present whose seat meets every condition given; or, with
    ``share``, more than (or at least) that share of everyone counted; and with
    ``different_organisations``, people from at least that many different organisations."""

    noun: str
    plural: str = ""
    at_least: int = 1
    article: str = "a"
    categories: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    organisation_kinds: frozenset[str] = frozenset()
    seats: frozenset[str] = frozenset()
    share: Fraction | None = None
    share_more_than: bool = True
    different_organisations: int = 0

    def admits(self, seat: Seat) -> bool:
        return (
            self.categories <= seat.categories
            and (not self.organisations or bool(seat.organisations & self.organisations))
            and (
                not self.organisation_kinds
                or bool(seat.organisation_kinds & self.organisation_kinds)
            )
            and (not self.seats or seat.key in self.seats)
        )

    def needed(self, counted: int) -> int:
        """How many it asks for when ``counted`` people count towards the quorum."""
        if self.share is None:
            return max(self.at_least, self.different_organisations)
        exact = self.share * counted
        return max(math.floor(exact) + 1 if self.share_more_than else math.ceil(exact), 1)

    @property
    def label(self) -> str:
        if self.share is not None:
            words = "More than" if self.share_more_than else "At least"
            return f"{words} {share_words(self.share)} of those counted: {self.plural or self.noun}"
        if self.different_organisations:
            return (
                f"{sentence_case(self.plural or self.noun)} from at least "
                f"{number(self.different_organisations)} different organisations"
            )
        if self.at_least == 1:
            return sentence_case(f"{self.article} {self.noun}")
        return f"At least {self.at_least} {self.plural or self.noun}"

    def missing_phrase(self, missing: int, needed: int) -> str:
        if self.different_organisations:
            return (
                f"{self.plural or self.noun} from {number(missing)} more "
                f"{'organisation' if missing == 1 else 'organisations'}"
            )
        if needed == 1:
            return f"{self.article} {self.noun}"
        if missing == needed:
            return f"{number(missing)} {self.plural or self.noun}"
        return f"{number(missing)} more {self.noun if missing == 1 else self.plural or self.noun}"

    def describe(self) -> str:
        if self.share is not None:
            words = "more than" if self.share_more_than else "at least"
            return f"{words} {share_words(self.share)} of them {self.plural or self.noun}"
        if self.different_organisations:
            return (
                f"{self.plural or self.noun} from at least "
                f"{number(self.different_organisations)} different organisations"
            )
        if self.at_least == 1:
            return f"{self.article} {self.noun}"
        return f"{self.at_least} {self.plural or self.noun}"


@dataclass(frozen=True)
class QuorumRule:
    name: str
    business: frozenset[str] = frozenset({"*"})
    minimum: Minimum | None = None
    requirements: tuple[Requirement, ...] = ()
    distinct: bool = False
    voting_members_only: bool = False
    chair: ChairCounting = ChairCounting.WITHIN
    clause: str = ""
    alternatives: tuple[QuorumRule, ...] = ()

    def applies_to(self, business: str) -> bool:
        return "*" in self.business or business in self.business


@dataclass(frozen=True)
class RequirementResult:
    label: str
    needed: int
    met: bool
    counted: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "met": self.met,
            "needed": self.needed,
            "counted": list(self.counted),
        }


@dataclass(frozen=True)
class QuorumResult:
    quorate: bool
    rule: str
    business: str
    present: int
    required: int
    requirements: tuple[RequirementResult, ...]
    not_counted: tuple[tuple[str, str], ...]
    shortfall: str
    critical: tuple[str, ...] = ()
    clause: str = ""
    explanation: tuple[str, ...] = field(default_factory=tuple)
    missing: tuple[str, ...] = ()
    in_room: int = 0  # everyone present, counted or not

    @property
    def verdict(self) -> str:
        return "Quorate" if self.quorate else "Not quorate"

    @property
    def no_quorum_set(self) -> bool:
        return self.rule == NO_RULE.name

    @property
    def headline(self) -> str:
        """The verdict and what decides it, first: when the number is met but a named
        requirement is not, say so rather than "8 counted of 6 required"."""
        if self.no_quorum_set:
            people = "person" if self.in_room == 1 else "people"
            return f"The terms set no quorum: {self.in_room} {people} present."
        count = f"{self.present} counted" + (
            f" of {self.required} required" if self.required else ""
        )
        if self.quorate:
            return f"Quorate: {count}."
        if self.present >= self.required:
            needs = join(self.missing)
            return f"Not quorate: the number is met ({count}), but it still needs {needs}."
        return f"Not quorate: {count}."

    def to_dict(self) -> dict:
        return {
            "quorate": self.quorate,
            "rule": self.rule,
            "business": self.business,
            "present": self.present,
            "required": self.required,
            "headline": self.headline,
            "requirements": [r.to_dict() for r in self.requirements],
            "not_counted": [{"name": n, "reason": r} for n, r in self.not_counted],
            "shortfall": self.shortfall,
            "critical": list(self.critical),
            "clause": self.clause,
            "explanation": list(self.explanation),
        }


NO_RULE = QuorumRule(name="no quorum set", clause="")


def evaluate(
    rule: QuorumRule | None,
    membership: Membership,
    attendance: Attendance,
    deputies: DeputyPolicy,
    *,
    business: str = "the business",
) -> QuorumResult:
    """Judge ``attendance`` against ``rule`` for an item of ``business`` (a phrase such as
    "routine business"), with the people whose departure alone would end the quorum."""
    if rule is not None and rule.alternatives:
        return _either(rule, membership, attendance, deputies, business)
    outcome = _judge(rule or NO_RULE, membership, attendance, deputies)
    critical = _critical(rule or NO_RULE, membership, attendance, deputies, outcome)
    return _result(rule, business, outcome, critical, membership, len(attendance.present))


def _either(rule, membership, attendance, deputies, business) -> QuorumResult:
    """A rule of alternatives is met when any one is; otherwise it says what each needs."""
    results = [
        evaluate(alternative, membership, attendance, deputies, business=business)
        for alternative in rule.alternatives
    ]
    met = [r for r in results if r.quorate]
    if met:
        chosen = met[0]
        # Leaving ends the quorum only if it ends every alternative that is met.
        critical = tuple(name for name in chosen.critical if all(name in r.critical for r in met))
        return dataclasses.replace(
            chosen, rule=f"{rule.name}: {chosen.rule}", critical=critical, clause=rule.clause
        )
    closest = min(results, key=lambda r: len(r.missing) + max(r.required - r.present, 0))
    needs = [join(r.missing) for r in results]
    return dataclasses.replace(
        closest,
        rule=rule.name,
        clause=rule.clause,
        shortfall=f"The meeting is not quorate for {business}: it needs {join(needs, 'or')}.",
        missing=(join(needs, "or"),),
    )


@dataclass
class _Outcome:
    counted: list[Attendee]
    not_counted: list[tuple[str, str]]
    required: int
    requirements: list[tuple[Requirement, list[Attendee], int]]  # held, needed
    chair_row: tuple[bool, list[Attendee]] | None
    presiding_as: str = ""

    @property
    def quorate(self) -> bool:
        return (
            len(self.counted) >= self.required
            and all(len(held) >= needed for _, held, needed in self.requirements)
            and (self.chair_row is None or self.chair_row[0])
        )


def _judge(rule, membership, attendance, deputies) -> _Outcome:
    counted, not_counted, makeup = [], [], []
    chair_present = None
    for attendee, position in standings(attendance, membership, deputies):
        if not position.counts:
            not_counted.append((attendee.name, position.reason))
        elif rule.voting_members_only and not membership.seat(attendee.seat).voting:
            not_counted.append((attendee.name, "non-voting member: only voting members count"))
        elif rule.chair == ChairCounting.IN_ADDITION and attendee.name == attendance.presiding:
            chair_present = attendee
            not_counted.append((attendee.name, "presides, and is counted in addition"))
        else:
            counted.append(attendee)
            if position.fills_requirements:
                makeup.append(attendee)

    required = rule.minimum.required(membership, attendance) if rule.minimum else 0
    # Requirements met by different people are matched together, by their positions in the
    # rule (two identical lines are two places, not one).
    positions = [
        i
        for i, r in enumerate(rule.requirements)
        if rule.distinct and not r.different_organisations
    ]
    assigned = _match([rule.requirements[i] for i in positions], makeup, membership)
    by_position = dict(zip(positions, assigned, strict=True))
    requirements = []
    for i, req in enumerate(rule.requirements):
        admitted = [a for a in makeup if req.admits(membership.seat(a.seat))]
        if i in by_position:
            held = by_position[i]
        elif req.different_organisations:
            held = _spread(admitted, membership)
        else:
            held = admitted
        requirements.append((req, held, req.needed(len(counted))))
    chair_row = None
    if rule.chair == ChairCounting.IN_ADDITION:
        chair_row = (chair_present is not None, [chair_present] if chair_present else [])
    return _Outcome(
        counted, not_counted, required, requirements, chair_row, attendance.presiding_as
    )


def _match(requirements, people, membership) -> list[list[Attendee]]:
    """Assign different people to the requirements' places, as many as possible (Kuhn's
    augmenting paths). Returns, for each requirement, the people assigned to it."""
    slots = [i for i, req in enumerate(requirements) for _ in range(req.at_least)]
    candidates = [
        [p for p, a in enumerate(people) if requirements[i].admits(membership.seat(a.seat))]
        for i in slots
    ]
    return [
        [people[p] for p in assigned] for assigned in _assign(slots, candidates, len(requirements))
    ]


def _spread(admitted: list[Attendee], membership: Membership) -> list[Attendee]:
    """The most people from different organisations: one person speaks for one of their
    seat's organisations, and each organisation is counted once."""
    organisations = sorted({o for a in admitted for o in membership.seat(a.seat).organisations})
    candidates = [
        [p for p, a in enumerate(admitted) if o in membership.seat(a.seat).organisations]
        for o in organisations
    ]
    slots = list(range(len(organisations)))
    assigned = _assign(slots, candidates, len(organisations))
    return [admitted[people[0]] for people in assigned if people]


def _assign(slots: list[int], candidates: list[list[int]], groups: int) -> list[list[int]]:
    """A maximum matching of people to ``slots`` (each slot belongs to a group); returns the
    people matched to each group."""
    holder: dict[int, int] = {}  # person -> slot index

    def place(slot: int, seen: set[int]) -> bool:
        for person in candidates[slot]:
            if person in seen:
                continue
            seen.add(person)
            if person not in holder or place(holder[person], seen):
                holder[person] = slot
                return True
        return False

    for slot in range(len(slots)):
        place(slot, set())
    assigned: list[list[int]] = [[] for _ in range(groups)]
    for person, slot in sorted(holder.items()):
        assigned[slots[slot]].append(person)
    return assigned


def _critical(rule, membership, attendance, deputies, outcome) -> tuple[str, ...]:
    """The people present whose leaving alone would make a quorate meeting inquorate."""
    if not outcome.quorate:
        return ()
    keys = {a.key for a in outcome.counted}
    if outcome.chair_row:
        keys |= {a.key for a in outcome.chair_row[1]}
    shares = any(req.share is not None for req in rule.requirements)
    if len(outcome.counted) > outcome.required and not shares:
        # The number survives any one departure; only a requirement's last holders matter.
        keys = {
            a.key for _, held, needed in outcome.requirements if len(held) == needed for a in held
        }
        if rule.distinct:
            keys = {a.key for _, held, _ in outcome.requirements for a in held}
        if outcome.chair_row:
            keys |= {a.key for a in outcome.chair_row[1]}
    return tuple(
        a.name
        for a in attendance.present
        if a.key in keys and not _judge(rule, membership, attendance.without(a), deputies).quorate
    )


def _presiding_words(name: str, role: str) -> str:
    """ "Jo Bloggs (the Vice Chair, presiding in the Chair's absence)"; where the name is the
    post's title (a body file has no people), the role alone."""
    if not role:
        return name
    if role.lower().startswith(f"the {name.lower()}"):
        return sentence_case(role)
    return f"{name} ({role})"


def _result(rule, business, outcome: _Outcome, critical, membership, in_room) -> QuorumResult:
    rows = []
    if outcome.chair_row:
        met, held = outcome.chair_row
        rows.append(
            RequirementResult(
                "The person presiding, counted in addition",
                1,
                met,
                tuple(_presiding_words(a.name, outcome.presiding_as) for a in held),
            )
        )
    rows += [
        RequirementResult(
            req.label,
            needed,
            len(held) >= needed,
            tuple(a.described(membership) for a in held),
        )
        for req, held, needed in outcome.requirements
    ]
    present = len(outcome.counted)
    missing = []
    if outcome.chair_row and not outcome.chair_row[0]:
        missing.append("someone to preside, counted in addition")
    missing += [
        req.missing_phrase(needed - len(held), needed)
        for req, held, needed in outcome.requirements
        if len(held) < needed
    ]
    if present < outcome.required:
        gap = outcome.required - present
        more = "more " if present else ""
        member = "member" if gap == 1 else "members"
        missing.append(f"{number(gap)} {more}{member} present ({present} of {outcome.required})")
    quorate = outcome.quorate
    shortfall = (
        "" if quorate else (f"The meeting is not quorate for {business}: it needs {join(missing)}.")
    )
    explanation = []
    if rule is None:
        explanation.append(
            f"The terms of reference set no quorum, so any meeting is quorate; {in_room} present."
        )
    else:
        explanation.append(
            f"{present} counted towards the quorum of {outcome.required}"
            if outcome.required
            else f"{present} counted towards the quorum"
        )
    explanation += [f"{name} does not count: {reason}." for name, reason in outcome.not_counted]
    return QuorumResult(
        quorate=quorate,
        rule=rule.name if rule else NO_RULE.name,
        business=business,
        present=present,
        required=outcome.required,
        requirements=tuple(rows),
        not_counted=tuple(outcome.not_counted),
        shortfall=shortfall,
        critical=critical,
        clause=rule.clause if rule else "",
        explanation=tuple(explanation),
        missing=tuple(missing),
        in_room=in_room,
    )
