"""Responses to a written resolution (a decision outside a meeting), from a file or the
secretariat's record: who answered what, who has a conflict, who has not answered.

The file's keys, all optional::

    for: [seat-key, ...]             # members in favour (a key twice for two holders)
    against: [seat-key, ...]
    abstain: [seat-key, ...]
    conflicted: [seat-key, ...]      # declared an interest in the matter: do not respond
    deputies:                        # a nominated deputy answering for an absent member
      - {for_seat: seat-key, name: Jo Bloggs, answer: for}
    vacant: [seat-key, ...]          # for a body file, which has no holders

Every other member in post is counted as not having responded.
"""

from __future__ import annotations

from collections import Counter

import jsonschema

from .rules.attendance import Attendee, Capacity, Membership
from .rules.resolutions import Answer, Response
from .whatif import SEAT_KEYS, shape_problems_against

ANSWERS = {"for": Answer.FOR, "against": Answer.AGAINST, "abstain": Answer.ABSTAIN}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        **dict.fromkeys((*ANSWERS, "conflicted", "vacant"), SEAT_KEYS),
        "deputies": {
            "type": "array",
            "maxItems": 500,
            "items": {
                "type": "object",
                "required": ["for_seat", "answer"],
                "additionalProperties": False,
                "properties": {
                    "for_seat": {"type": "string", "maxLength": 80},
                    "name": {"type": "string", "maxLength": 200},
                    "answer": {"enum": list(ANSWERS)},
                },
            },
        },
    },
}


class ResponsesError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def responses_from(
    spec: dict, membership: Membership, consulted: tuple[str, ...] = ()
) -> tuple[Response, ...]:
    """Every member in post, with their answer (or none), from a responses file; and the
    holders of any seats the rule consults though they are not members."""
    problems = shape_problems_against(jsonschema.Draft202012Validator(SCHEMA), spec)
    if problems:
        raise ResponsesError(problems)
    given: dict[str, list[Answer]] = {}
    for field, answer in ANSWERS.items():
        for key in spec.get(field, []):
            given.setdefault(key, []).append(answer)
    conflicted = Counter(spec.get("conflicted", []))
    deputies = {d["for_seat"]: d for d in spec.get("deputies", [])}
    for key in [*given, *conflicted, *deputies]:
        seat = membership.by_key.get(key)
        if seat is None:
            problems.append(f"there is no seat '{key}' on this body.")
        elif not seat.is_member and key not in consulted:
            why = seat.not_member_because or "in attendance, not a member"
            problems.append(f"the {seat.title} ({key}) is {why}, so may not respond.")
    for key, answers in given.items():
        seat = membership.by_key.get(key)
        if seat is not None and len(answers) > seat.filled:
            problems.append(
                f"the {seat.title} ({key}) has {seat.filled} holder(s) but answers "
                f"{len(answers)} times."
            )
    if problems:
        raise ResponsesError(sorted(set(problems)))
    responses = []
    heard = [membership.by_key[k] for k in consulted if not membership.by_key[k].is_member]
    for seat in [*membership.member_seats, *heard]:
        answers, deputy = given.get(seat.key, []), deputies.get(seat.key)
        for place in range(seat.filled):
            member = Attendee(
                seat.title + (f" ({place + 1})" if seat.filled > 1 else ""),
                seat.key,
                ref=f"{seat.key}#{place + 1}",
            )
            conflict = place < conflicted[seat.key]
            if place < len(answers):
                responses.append(Response(member, answers[place], conflict))
            elif deputy is not None and place == len(answers):
                name = deputy.get("name") or f"Deputy for the {seat.title}"
                stand_in = Attendee(name, seat.key, Capacity.DEPUTY, ref=f"deputy:{seat.key}")
                responses.append(Response(stand_in, ANSWERS[deputy["answer"]], conflict))
            else:
                responses.append(Response(member, Answer.NONE, conflict))
    return tuple(responses)
