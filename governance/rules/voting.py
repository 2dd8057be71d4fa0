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


CONSENSUS_FIRST = "Decisions are reached by consensus where possible; when a vote is needed,"


@dataclass(frozen=True)
class Partner:
    """One side of a body whose decisions need each partner's agreement ("the Council", "the
    CCGs"): the voters of any of its organisations."""

    name: str
    organisations: frozenset[str]


@dataclass(frozen=True)
class VotingPolicy:
    """How a motion is carried: the body's rule, or its rule for some business only
    ("a two-thirds majority to vary the pooled budget")."""

    consensus_first: bool = True
    majority_of: MajorityOf = MajorityOf.VOTES_CAST
    fraction: Fraction = Fraction(1, 2)
    more_than: bool = True
    casting_vote: bool = False
    # What follows a motion not carried, in the terms' words ("the issue resolution process
    # in the Partnership MoU is followed"): said with every such result.
    if_not_carried: str = ""
    assumed: bool = False
    clause: str = ""
    business: frozenset[str] = frozenset({"*"})
    # "Decisions require the agreement of both partners": a motion carried must also have
    # more votes for than against among each partner's voters present.
    partners: tuple[Partner, ...] = ()

    def applies_to(self, business: str) -> bool:
        return "*" in self.business or business in self.business

    @property
    def simple_majority(self) -> bool:
        return self.fraction == Fraction(1, 2) and self.more_than

    @property
    def unanimous(self) -> bool:
        return self.fraction == 1 and not self.more_than

    @property
    def casting_vote_applies(self) -> bool:
        """A casting vote settles equal votes under a simple majority only: under a larger
        share, equal votes fall short of it whoever casts one more."""
        return self.casting_vote and self.simple_majority

    def describe(self) -> str:
        whom = (
            "of the voting members present"
            if self.majority_of == MajorityOf.MEMBERS_PRESENT
            else "of the votes cast"
        )
        if self.unanimous:
            carried = (
                "a motion is carried only if every voting member present votes for it"
                if self.majority_of == MajorityOf.MEMBERS_PRESENT
                else "a motion is carried only if every vote cast is for it (abstentions aside)"
            )
        elif self.simple_majority:
            carried = f"a motion is carried by a simple majority {whom}"
        else:
            words = "more than" if self.more_than else "at least"
            carried = f"a motion is carried by {words} {share_words(self.fraction)} {whom}"
        parts = [carried]
        if self.casting_vote_applies:
            parts.append("on equal votes the person presiding has a casting vote")
        elif self.simple_majority:
            parts.append("there is no casting vote, so equal votes mean the motion is not carried")
        elif self.fraction > Fraction(1, 2) and not self.unanimous:
            parts.append("equal votes fall short of that share, so the motion is not carried")
        if self.partners:
            parts.append(
                f"it must also have more votes for than against among the voters of each of "
                f"{join((p.name for p in self.partners), 'and')}"
            )
        text = f"{join(parts)}."
        if self.consensus_first:
            text = f"{CONSENSUS_FIRST} {text}"
        if self.if_not_carried:
            text = f"{text} {self.then_sentence}"
        return text[0].upper() + text[1:]

    @property
    def then_sentence(self) -> str:
        """ "If a motion is not carried, the issue resolution process … is followed." """
        return f"If a motion is not carried, {self.if_not_carried.rstrip('.')}."


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
    partner_votes: dict[str, tuple[int, int, int]] | None = None,
) -> VoteResult:
    """Count a vote. ``eligible`` is the number present who may vote; on equal votes for and
    against, a casting vote (where the rule gives one) decides, and without it the result is
    undecided (``carried`` is None) until the person presiding gives it. Where the rule needs
    each partner's agreement, ``partner_votes`` gives each partner's (for, against,
    abstaining), by name."""
    if policy.partners and partner_votes is None:
        raise ValueError("Under this rule each partner's votes count: record the vote by name.")
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

    if votes_for == against and policy.casting_vote_applies:
        if casting is None:
            return result(
                None,
                False,
                f"The votes are equal ({tally}): the person presiding must give a casting vote.",
            )
        carried = casting == Casting.FOR
        outcome = "carried" if carried else "not carried"
        sentence = (
            f"The votes are equal ({tally}); the "
            f"motion is {outcome} on the casting vote of the person presiding."
        )
        casting_vote_used = True
        had = "the casting vote of the person presiding"
    else:
        basis = (
            f"{needed} of the {eligible} members present who may vote"
            if policy.majority_of == MajorityOf.MEMBERS_PRESENT
            else f"{needed} of the {base} votes cast"
        )
        carried = votes_for >= needed
        verdict = "carried" if carried else "not carried"
        sentence = f"The motion is {verdict} ({tally}): it needed {basis}."
        casting_vote_used = False
        had = f"the votes it needed ({basis})"
    if carried and (short := _partners_short(policy.partners, partner_votes or {})):
        carried = False
        sentence = (
            f"The motion is not carried ({tally}): it had {had}, but the terms need each "
            f"partner's agreement and {join(short)}."
        )
    if carried is False and policy.if_not_carried:
        sentence = f"{sentence} {policy.then_sentence}"
    return result(carried, casting_vote_used, sentence)


def _partners_short(partners: tuple[Partner, ...], votes: dict) -> list[str]:
    """Each partner whose voters present did not carry the motion, and why."""
    short = []
    for partner in partners:
        votes_for, against, abstentions = votes.get(partner.name, (0, 0, 0))
        if votes_for + against + abstentions == 0:
            short.append(f"no voter of {partner.name} voted")
        elif votes_for <= against:
            short.append(
                f"{partner.name} did not carry it ({votes_for} for, {against} against, "
                f"{abstentions} abstaining)"
            )
    return short


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
