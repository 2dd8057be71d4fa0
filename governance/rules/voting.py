"""Is a motion carried under the body's voting rule."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .attendance import Attendance, Attendee, DeputyPolicy, Membership, standings
from .words import join
from .words import share as share_words


class MajorityOf(StrEnum):
    MEMBERS_PRESENT = "members_present"
    VOTES_CAST = "votes_cast"


class Casting(StrEnum):
    FOR = "for"
    AGAINST = "against"


@dataclass(frozen=True)
class VotingPolicy:
    consensus_first: bool = True
    majority_of: MajorityOf = MajorityOf.VOTES_CAST
    fraction: Fraction = Fraction(1, 2)
    more_than: bool = True
    casting_vote: bool = False
    assumed: bool = False
    clause: str = ""

    def describe(self) -> str:
        if self.fraction == Fraction(1, 2) and self.more_than:
            share = "a simple majority"
        else:
            words = "more than" if self.more_than else "at least"
            share = f"{words} {share_words(self.fraction)}"
        whom = (
            "of the voting members present"
            if self.majority_of == MajorityOf.MEMBERS_PRESENT
            else "of the votes cast"
        )
        parts = []
        if self.consensus_first:
            parts.append("Decisions are reached by consensus where possible; when a vote is needed")
        parts.append(f"a motion is carried by {share} {whom}")
        parts.append(
            "on equal votes the person presiding has a casting vote"
            if self.casting_vote
            else "there is no casting vote, so equal votes mean the motion is not carried"
        )
        return sentence_join(parts)


def sentence_join(parts: list[str]) -> str:
    text = join(parts[1:]) if len(parts) > 1 else parts[0]
    return f"{parts[0]}, {text}." if len(parts) > 1 else f"{text}."


@dataclass(frozen=True)
class VoteResult:
    carried: bool | None
    votes_for: int
    against: int
    abstentions: int
    eligible: int
    needed: int
    rule: str
    casting_vote_used: bool
    sentence: str

    def to_dict(self) -> dict:
        return {key: getattr(self, key) for key in self.__dataclass_fields__}


def decide(
    policy: VotingPolicy,
    *,
    votes_for: int,
    against: int,
    abstentions: int = 0,
    eligible: int,
    casting: Casting | None = None,
) -> VoteResult:
    """Count a vote. ``eligible`` is the number present who may vote; on equal votes for and
    against, a casting vote (where the rule gives one) decides, and without it the result is
    undecided (``carried`` is None) until the person presiding gives it."""
    if min(votes_for, against, abstentions) < 0:
        raise ValueError("Votes cannot be negative.")
    if votes_for + against + abstentions > eligible:
        raise ValueError(
            f"{votes_for + against + abstentions} votes recorded but only {eligible} present "
            "may vote."
        )
    base = eligible if policy.majority_of == MajorityOf.MEMBERS_PRESENT else votes_for + against
    exact = policy.fraction * base
    needed = math.floor(exact) + 1 if policy.more_than else math.ceil(exact)
    needed = max(needed, 1)
    tally = f"{votes_for} for, {against} against, {abstentions} abstaining"

    def result(carried: bool | None, casting_vote_used: bool, sentence: str) -> VoteResult:
        return VoteResult(
            carried,
            votes_for,
            against,
            abstentions,
            eligible,
            needed,
            policy.describe(),
            casting_vote_used,
            sentence,
        )

    if votes_for == against and policy.casting_vote:
        if casting is None:
            return result(
                None,
                False,
                f"The votes are equal ({tally}): the person presiding must give a casting vote.",
            )
        outcome = "carried" if casting == Casting.FOR else "not carried"
        return result(
            casting == Casting.FOR,
            True,
            f"The votes are equal ({tally}); the "
            f"motion is {outcome} on the casting vote of the person presiding.",
        )
    basis = (
        f"{needed} of the {eligible} members present who may vote"
        if policy.majority_of == MajorityOf.MEMBERS_PRESENT
        else f"{needed} of the {base} votes cast"
    )
    carried = votes_for >= needed
    verdict = "carried" if carried else "not carried"
    return result(carried, False, f"The motion is {verdict} ({tally}): it needed {basis}.")


@dataclass(frozen=True)
class Electorate:
    """Who present may vote on an item, and why each other person may not."""

    people: tuple[Attendee, ...]
    excluded: tuple[tuple[str, str], ...]

    @property
    def voters(self) -> tuple[str, ...]:
        return tuple(a.name for a in self.people)


def eligible_voters(
    attendance: Attendance, membership: Membership, deputies: DeputyPolicy
) -> Electorate:
    """Who may vote, by the same standing as the quorum: no seat votes twice."""
    voters, excluded = [], []
    for attendee, position in standings(attendance, membership, deputies):
        if position.votes:
            voters.append(attendee)
        else:
            excluded.append((attendee.name, position.reason))
    return Electorate(tuple(voters), tuple(excluded))
