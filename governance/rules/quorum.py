"""Is the meeting quorate for this item, and if not, exactly what is missing.

A quorum rule has a minimum number present (absolute, or a fraction of a base rounded as the
rule says) and any number of requirements on who is present: so many with a seat category,
from an organisation or kind of organisation, or in named seats. In composition mode ("6
members must be present as follows: …") every requirement must be met by different people,
which is decided by a maximum bipartite matching, never greedily.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from .attendance import Attendance, Attendee, DeputyPolicy, Membership, Seat, standing
from .words import join, number, sentence_case


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

    def base_size(self, membership: Membership, attendance: Attendance) -> int:
        voting = self.base in (Base.VOTING_SEATS, Base.FILLED_VOTING_SEATS)
        seats = [s for s in membership.seats if s.voting or not voting]
        if self.base in (Base.SEATS, Base.VOTING_SEATS):
            return sum(s.places for s in seats)
        filled = sum(s.filled for s in seats)
        if self.base != Base.EXPECTED_ATTENDANCE:
            return filled
        # A member's apologies reduce the expected attendance unless a deputy comes instead.
        deputised = {a.seat for a in attendance.present if a.capacity == "deputy"}
        return filled - sum(1 for key in attendance.apologies if key not in deputised)

    def required(self, membership: Membership, attendance: Attendance) -> int:
        if self.number is not None:
            return self.number
        exact = self.fraction * self.base_size(membership, attendance)
        if self.rounding == Rounding.DOWN:
            return math.floor(exact)
        if self.rounding == Rounding.NEAREST:
            return math.floor(exact + Fraction(1, 2))
        return math.ceil(exact)

    def describe(self) -> str:
        if self.number is not None:
            return f"at least {self.number} members present"
        share = (
            "half"
            if self.fraction == Fraction(1, 2)
            else (f"{self.fraction.numerator}/{self.fraction.denominator}")
        )
        rounding = "" if self.rounding == Rounding.UP else f", rounded {self.rounding}"
        return f"at least {share} of {BASE_WORDS[self.base]} present{rounding}"


@dataclass(frozen=True)
class Requirement:
    """At least ``at_least`` people present whose seat meets every condition given."""

    noun: str
    plural: str = ""
    at_least: int = 1
    article: str = "a"
    categories: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    organisation_kinds: frozenset[str] = frozenset()
    seats: frozenset[str] = frozenset()

    def admits(self, seat: Seat) -> bool:
        return (
            self.categories <= seat.categories
            and (not self.organisations or seat.organisation in self.organisations)
            and (not self.organisation_kinds or seat.organisation_kind in self.organisation_kinds)
            and (not self.seats or seat.key in self.seats)
        )

    @property
    def label(self) -> str:
        if self.at_least == 1:
            return sentence_case(f"{self.article} {self.noun}")
        return f"At least {self.at_least} {self.plural or self.noun}"

    def missing_phrase(self, missing: int) -> str:
        if self.at_least == 1:
            return f"{self.article} {self.noun}"
        if missing == self.at_least:
            return f"{number(missing)} {self.plural or self.noun}"
        return f"{number(missing)} more {self.noun if missing == 1 else self.plural or self.noun}"


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
            return f"The terms set no quorum: {self.present} present."
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
    outcome = _judge(rule or NO_RULE, membership, attendance, deputies)
    critical = _critical(rule or NO_RULE, membership, attendance, deputies, outcome)
    return _result(rule, business, outcome, critical)


@dataclass
class _Outcome:
    counted: list[Attendee]
    not_counted: list[tuple[str, str]]
    required: int
    requirements: list[tuple[Requirement, list[Attendee]]]
    chair_row: tuple[str, bool, list[Attendee]] | None

    @property
    def quorate(self) -> bool:
        return (
            len(self.counted) >= self.required
            and all(len(names) >= req.at_least for req, names in self.requirements)
            and (self.chair_row is None or self.chair_row[1])
        )


def _judge(rule, membership, attendance, deputies) -> _Outcome:
    counted, not_counted = [], []
    chair_present = None
    for attendee in attendance.present:
        position = standing(attendee, membership, deputies)
        if not position.counts:
            not_counted.append((attendee.name, position.reason))
        elif rule.voting_members_only and not membership.seat(attendee.seat).voting:
            not_counted.append((attendee.name, "non-voting member: only voting members count"))
        elif rule.chair == ChairCounting.IN_ADDITION and attendee.name == attendance.presiding:
            chair_present = attendee
            not_counted.append((attendee.name, "presides; the chair is counted in addition"))
        else:
            counted.append(attendee)

    required = rule.minimum.required(membership, attendance) if rule.minimum else 0
    if rule.distinct:
        assignment = _match(rule.requirements, counted, membership)
        requirements = [(req, assignment[i]) for i, req in enumerate(rule.requirements)]
    else:
        requirements = [
            (req, [a for a in counted if req.admits(membership.seat(a.seat))])
            for req in rule.requirements
        ]
    chair_row = None
    if rule.chair == ChairCounting.IN_ADDITION:
        chair_row = (
            "The Chair",
            chair_present is not None,
            [chair_present] if chair_present else [],
        )
    return _Outcome(counted, not_counted, required, requirements, chair_row)


def _match(requirements, counted, membership) -> list[list[Attendee]]:
    """Assign different people to the requirements' places, as many as possible (Kuhn's
    augmenting paths). Returns, for each requirement, the people assigned to it."""
    slots = [i for i, req in enumerate(requirements) for _ in range(req.at_least)]
    candidates = [
        [p for p, a in enumerate(counted) if requirements[i].admits(membership.seat(a.seat))]
        for i in slots
    ]
    holder: dict[int, int] = {}  # person index -> slot index

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
    assigned: list[list[Attendee]] = [[] for _ in requirements]
    for person, slot in sorted(holder.items()):
        assigned[slots[slot]].append(counted[person])
    return assigned


def _critical(rule, membership, attendance, deputies, outcome) -> tuple[str, ...]:
    """The people present whose leaving alone would make a quorate meeting inquorate."""
    if not outcome.quorate:
        return ()
    keys = {a.key for a in outcome.counted}
    if outcome.chair_row:
        keys |= {a.key for a in outcome.chair_row[2]}
    if len(outcome.counted) > outcome.required:
        # The number survives any one departure; only a requirement's last holders matter.
        keys = {
            a.key for req, held in outcome.requirements if len(held) == req.at_least for a in held
        }
        if rule.distinct:
            keys = {a.key for _, held in outcome.requirements for a in held}
    return tuple(
        a.name
        for a in attendance.present
        if a.key in keys and not _judge(rule, membership, attendance.without(a), deputies).quorate
    )


def _result(rule, business, outcome: _Outcome, critical) -> QuorumResult:
    rows = []
    if outcome.chair_row:
        label, met, held = outcome.chair_row
        rows.append(RequirementResult(label, 1, met, tuple(a.name for a in held)))
    rows += [
        RequirementResult(
            req.label, req.at_least, len(held) >= req.at_least, tuple(a.name for a in held)
        )
        for req, held in outcome.requirements
    ]
    present = len(outcome.counted)
    missing = []
    if outcome.chair_row and not outcome.chair_row[1]:
        missing.append("the Chair")
    missing += [
        req.missing_phrase(req.at_least - len(held))
        for req, held in outcome.requirements
        if len(held) < req.at_least
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
        explanation.append("The terms of reference set no quorum, so any meeting is quorate.")
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
    )


def decision_outside_meeting(
    rule: QuorumRule | None,
    membership: Membership,
    in_favour: Attendance,
    deputies: DeputyPolicy,
) -> QuorumResult:
    """A decision made by e-mail is valid only if those who said they were in favour by the
    stated date would themselves make a quorum, make-up and all."""
    result = evaluate(rule, membership, in_favour, deputies, business="the decision")
    if result.quorate:
        return result
    needs = result.shortfall.split(": it needs ", 1)[1]
    return dataclasses.replace(
        result,
        shortfall=f"The decision is not valid: those in favour by the stated date are not a "
        f"quorum; it needs {needs}",
    )
