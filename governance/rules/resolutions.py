"""Decisions taken outside meetings (written resolutions): who may respond, and what makes the
decision valid under the body's own rule.

Terms of reference set this threshold in several ways; each is one ``ValidWhen``:

- ``quorum_in_favour``: valid only if those in favour by the stated date would themselves
  form a quorum, make-up and all (South East London ICP, 10.1);
- ``unanimous``: every member entitled to respond agrees; one abstention, objection or
  silence defeats it;
- ``share``: more than (or at least) a share of the members entitled to respond are in
  favour ("two-thirds of the members");
- ``number``: at least so many members are in favour;
- ``named``: the holders of named seats decide, each agreeing ("the Chair, or the Chair and
  Vice Chair together"), after hearing the view of any other seats the terms say to consult
  ("after consulting the Director of Public Health"): the urgency procedure, or chair's
  action, of many councils' and NHS bodies' terms.

Members with a declared conflict are left out of those entitled where the rule says so, and a
nominated deputy may respond for an absent member where it allows deputies.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from .attendance import Attendance, Attendee, Capacity, DeputyPolicy, Membership
from .quorum import QuorumRule, evaluate
from .words import join, number
from .words import share as share_words


class ValidWhen(StrEnum):
    QUORUM_IN_FAVOUR = "quorum_in_favour"
    UNANIMOUS = "unanimous"
    SHARE = "share"
    NUMBER = "number"
    NAMED = "named"


class Answer(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"
    NONE = ""  # no response by the stated date


@dataclass(frozen=True)
class ResolutionRule:
    allowed: bool = False
    valid_when: ValidWhen = ValidWhen.QUORUM_IN_FAVOUR
    share: Fraction | None = None
    more_than: bool = False
    number: int | None = None
    deputies_may_respond: bool = False
    conflicted_excluded: bool = True
    decided_by: tuple[str, ...] = ()  # seat keys, for ``named``: each holder must agree
    after_consulting: tuple[str, ...] = ()  # seat keys whose holders give a view first
    assumed: bool = False
    clause: str = ""

    def describe(self, titles: Mapping[str, str] | None = None) -> str:
        """The rule in words; ``titles`` names the seats (key -> title) a ``named`` rule
        lists."""
        who = "members" + (", or their nominated deputies," if self.deputies_may_respond else "")
        if self.valid_when == ValidWhen.NAMED:
            deciders = _the(self.decided_by, titles)
            test = f"{deciders} {'agrees' if len(self.decided_by) == 1 else 'all agree'}"
            if self.after_consulting:
                test += f", after consulting {_the(self.after_consulting, titles)}"
        elif self.valid_when == ValidWhen.UNANIMOUS:
            test = f"every one of the {who} entitled to respond agrees"
        elif self.valid_when == ValidWhen.SHARE:
            words = "more than" if self.more_than else "at least"
            share = share_words(self.share)
            test = f"{words} {share} of the {who} entitled to respond are in favour"
        elif self.valid_when == ValidWhen.NUMBER:
            test = f"at least {self.number} {who} are in favour"
        else:
            test = (
                f"enough {who} to form a quorum (with the quorum's make-up) say they are in favour"
            )
        excluded = (
            " Members with a declared conflict of interest in the matter do not respond."
            if self.conflicted_excluded
            else ""
        )
        return (
            "A decision may be taken outside a meeting, by e-mail or signed letter. It is valid "
            f"only if, by the stated date, {test}.{excluded}"
        )


def _the(keys, titles: Mapping[str, str] | None) -> str:
    return join(f"the {(titles or {}).get(key, key)}" for key in keys)


@dataclass(frozen=True)
class Response:
    attendee: Attendee  # a member in their seat, or a deputy for one
    answer: Answer = Answer.NONE
    conflicted: bool = False


@dataclass(frozen=True)
class ResolutionResult:
    valid: bool
    certain: bool  # no outstanding response could change it
    in_favour: int
    against: int
    abstaining: int
    not_responded: int
    entitled: int
    needed: int | None
    sentence: str
    reasons: tuple[str, ...] = ()
    rule: str = ""
    clause: str = ""

    def to_dict(self) -> dict:
        return {key: getattr(self, key) for key in self.__dataclass_fields__} | {
            "reasons": list(self.reasons)
        }


class ResponseError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def decide_resolution(
    rule: ResolutionRule,
    membership: Membership,
    responses: tuple[Response, ...],
    deputies: DeputyPolicy,
    quorum_rule: QuorumRule | None = None,
) -> ResolutionResult:
    """Is the written resolution valid on these responses? Every member in post is listed
    (with ``Answer.NONE`` if they have not responded), so silence is counted as silence."""
    if not rule.allowed:
        raise ResponseError(["The terms do not allow decisions outside meetings."])
    problems, entitled, reasons = [], [], []
    per_seat: Counter[str] = Counter()
    named = rule.valid_when == ValidWhen.NAMED
    for response in responses:
        attendee = response.attendee
        seat = membership.by_key.get(attendee.seat or "")
        consulted = named and attendee.seat in rule.after_consulting
        if seat is None or not (seat.is_member or consulted):
            problems.append(f"{attendee.name} is not a member, so may not respond.")
            continue
        if named and not consulted and attendee.seat not in rule.decided_by:
            if response.answer == Answer.NONE:
                continue  # a member the rule does not ask, listed as silent
            problems.append(
                f"{attendee.name} is not among those the terms name to decide or to consult."
            )
            continue
        if attendee.capacity == Capacity.DEPUTY and not rule.deputies_may_respond:
            problems.append(f"{attendee.name} is a deputy, and the terms let only members respond.")
            continue
        if response.conflicted and rule.conflicted_excluded:
            reasons.append(f"{attendee.name} has a conflict of interest and does not respond.")
            continue
        per_seat[seat.key] += 1
        if per_seat[seat.key] > max(seat.places, 1):
            problems.append(f"The {seat.title} is listed more often than it has holders.")
            continue
        entitled.append(response)
    if problems:
        raise ResponseError(problems)
    by = {answer: [r for r in entitled if r.answer == answer] for answer in Answer}
    in_favour, silent = by[Answer.FOR], by[Answer.NONE]
    counts = {
        "in_favour": len(in_favour),
        "against": len(by[Answer.AGAINST]),
        "abstaining": len(by[Answer.ABSTAIN]),
        "not_responded": len(silent),
        "entitled": len(entitled),
    }
    if named:
        return _named(rule, membership, responses, entitled, tuple(reasons), counts)
    if rule.valid_when == ValidWhen.QUORUM_IN_FAVOUR:
        return _quorum_in_favour(rule, membership, in_favour, silent, deputies, quorum_rule, counts)
    if rule.valid_when == ValidWhen.UNANIMOUS:
        needed = len(entitled)
        dissent = [r.attendee.name for r in entitled if r.answer not in (Answer.FOR, Answer.NONE)]
        valid = needed > 0 and len(in_favour) == needed
        certain = valid or bool(dissent)
        if valid:
            sentence = f"Valid: all {needed} members entitled to respond are in favour."
        else:
            held_back = [f"{n} did not agree" for n in dissent] + [
                f"{r.attendee.name} has not responded" for r in silent
            ]
            sentence = f"Not valid: the rule needs every member to agree, and {join(held_back)}."
        return ResolutionResult(
            valid,
            certain,
            needed=needed,
            sentence=sentence,
            reasons=tuple(reasons),
            rule=rule.describe(),
            clause=rule.clause,
            **counts,
        )
    if rule.valid_when == ValidWhen.SHARE:
        exact = rule.share * len(entitled)
        needed = math.floor(exact) + 1 if rule.more_than else math.ceil(exact)
    else:
        needed = rule.number or 0
    valid = len(in_favour) >= needed
    certain = valid or len(in_favour) + len(silent) < needed
    sentence = (
        f"Valid: {len(in_favour)} in favour of the {needed} needed."
        if valid
        else f"Not valid: {len(in_favour)} in favour; it needs {needed}"
        + (f" ({number(needed - len(in_favour))} more)." if needed > len(in_favour) else ".")
    )
    return ResolutionResult(
        valid,
        certain,
        needed=needed,
        sentence=sentence,
        reasons=tuple(reasons),
        rule=rule.describe(),
        clause=rule.clause,
        **counts,
    )


def _quorum_in_favour(rule, membership, in_favour, silent, deputies, quorum_rule, counts):
    present = Attendance(tuple(r.attendee for r in in_favour))
    result = evaluate(quorum_rule, membership, present, deputies, business="the decision")
    if result.quorate:
        sentence = (
            f"Valid: the {len(in_favour)} in favour would form a quorum "
            f"({result.present} counted of {result.required} required)."
        )
        certain = True
    else:
        # The quorum engine counts people "present"; here they are people in favour.
        missing = [m.replace(" present (", " in favour (") for m in result.missing]
        sentence = (
            "Not valid: those in favour by the stated date are not a quorum; "
            f"it needs {join(missing)}."
        )
        everyone = Attendance(present.present + tuple(r.attendee for r in silent))
        certain = not evaluate(quorum_rule, membership, everyone, deputies).quorate
    return ResolutionResult(
        result.quorate,
        certain,
        needed=result.required,
        sentence=sentence,
        reasons=tuple(result.explanation[1:]),
        rule=rule.describe(),
        clause=rule.clause,
        **counts,
    )


def _named(rule, membership, responses, entitled, reasons, counts) -> ResolutionResult:
    """Every holder of a deciding seat agrees (a seat with no one able to decide defeats it),
    and every holder of a seat to consult has given a view, whatever it is."""
    title = {key: seat.title for key, seat in membership.by_key.items()}

    def who(response: Response) -> str:
        """ "Jo Bloggs (the Chair)"; just "the Chair" where the name is the seat's title."""
        name, seat = response.attendee.name, title.get(response.attendee.seat, "")
        return f"the {seat}" if name.startswith(seat) else f"{name} (the {seat})"

    deciders = [r for r in entitled if r.attendee.seat in rule.decided_by]
    consulted = [r for r in entitled if r.attendee.seat in rule.after_consulting]
    unable = [
        f"no one able to decide holds the {title.get(key, key)}'s seat"
        for key in rule.decided_by
        if not any(r.attendee.seat == key for r in deciders)
    ]
    against = [
        f"{who(r)} did not agree" for r in deciders if r.answer in (Answer.AGAINST, Answer.ABSTAIN)
    ]
    waiting = [f"{who(r)} has not answered" for r in deciders if r.answer == Answer.NONE] + [
        f"{who(r)} has not yet given a view" for r in consulted if r.answer == Answer.NONE
    ]
    valid = not (unable or against or waiting)
    if valid:
        heard = join(who(r) for r in consulted)
        sentence = f"Valid: {join(who(r) for r in deciders)} agreed" + (
            f", after consulting {heard}." if heard else "."
        )
    else:
        sentence = f"Not valid: {join(unable + against + waiting)}."
    return ResolutionResult(
        valid,
        valid or bool(unable or against),
        needed=len(rule.decided_by),
        sentence=sentence,
        reasons=reasons,
        rule=rule.describe(title),
        clause=rule.clause,
        **counts,
    )
