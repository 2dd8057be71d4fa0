"""Decisions outside meetings taken by named people ("the Chair may take an urgent decision
after consulting the Director of Public Health"): exhaustive over every answer and conflict
of those who decide and those consulted, with the sentences a clerk reads, and the body
file's refusals."""

from __future__ import annotations

import dataclasses
import itertools
from functools import cache

import pytest
import yaml

from governance import bodyfile
from governance.rules.attendance import Attendee
from governance.rules.resolutions import (
    Answer,
    Response,
    ResponseError,
    ValidWhen,
    decide_resolution,
)
from governance.snapshot import membership_of

HWB = bodyfile.SHIPPED_DIR / "examples" / "health-and-wellbeing-board.yaml"
LEADER, CABINET, DPH = "leader", "cabinet-member", "director-public-health"
CHOICES = [(answer, False) for answer in Answer] + [(Answer.NONE, True)]  # True: conflicted


@cache
def hwb():
    body_file = bodyfile.read(HWB)
    rules = body_file.rules()
    return rules, rules.membership_for(membership_of(body_file), rules.default_business.key)


def respond(membership, given: dict[str, tuple[Answer, bool]]) -> tuple[Response, ...]:
    return tuple(
        Response(Attendee(f"Holder of {key}", key, ref=key), answer, conflicted)
        for key, (answer, conflicted) in given.items()
    )


def decide(rule, given):
    rules, membership = hwb()
    return decide_resolution(rule, membership, respond(membership, given), rules.deputies)


def test_the_example_reads_as_the_terms_say():
    rules, membership = hwb()
    rule = rules.decisions_outside_meetings
    assert rule.valid_when == ValidWhen.NAMED
    assert (rule.decided_by, rule.after_consulting) == ((LEADER,), (DPH,))
    titles = {seat.key: seat.title for seat in membership.seats}
    assert rule.describe(titles) == (
        "A decision may be taken outside a meeting, by e-mail or signed letter. It is valid "
        "only if, by the stated date, the Leader of Westshire County Council agrees, after "
        "consulting the Director of Public Health. Members with a declared conflict of "
        "interest in the matter do not respond."
    )


@pytest.mark.parametrize("leader,dph", itertools.product(CHOICES, CHOICES))
def test_the_chair_decides_once_the_director_has_given_a_view(leader, dph):
    (said, leader_conflicted), (view, dph_conflicted) = leader, dph
    result = decide(hwb()[0].decisions_outside_meetings, {LEADER: leader, DPH: dph})
    leader_able = not leader_conflicted
    heard = dph_conflicted or view != Answer.NONE
    assert result.valid == (leader_able and said == Answer.FOR and heard)
    defeated = not leader_able or said in (Answer.AGAINST, Answer.ABSTAIN)
    assert result.certain == (result.valid or defeated)
    assert result.sentence.startswith("Valid:" if result.valid else "Not valid:")
    if not leader_able:
        assert "no one able to decide holds the Leader of Westshire County Council's seat" in (
            result.sentence
        )
    if leader_able and said == Answer.NONE:
        assert "Holder of leader (the Leader of Westshire County Council) has not answered" in (
            result.sentence
        )
    if not heard:
        assert "has not yet given a view" in result.sentence


@pytest.mark.parametrize("first,second", itertools.product(CHOICES, CHOICES))
def test_two_who_decide_together_must_both_agree(first, second):
    rule = dataclasses.replace(
        hwb()[0].decisions_outside_meetings, decided_by=(LEADER, CABINET), after_consulting=()
    )
    result = decide(rule, {LEADER: first, CABINET: second})
    agreed = [answer == Answer.FOR and not conflicted for answer, conflicted in (first, second)]
    assert result.valid == all(agreed)
    if result.valid:
        assert result.sentence == (
            "Valid: Holder of leader (the Leader of Westshire County Council) and Holder of "
            "cabinet-member (the Cabinet Member for Adult Social Care) agreed."
        )


def test_the_sentence_names_who_agreed_and_who_was_consulted():
    result = decide(
        hwb()[0].decisions_outside_meetings,
        {LEADER: (Answer.FOR, False), DPH: (Answer.AGAINST, False)},
    )
    assert result.valid  # a view against is heard, not a veto
    assert result.sentence == (
        "Valid: Holder of leader (the Leader of Westshire County Council) agreed, after "
        "consulting Holder of director-public-health (the Director of Public Health)."
    )


def test_only_those_named_may_answer():
    with pytest.raises(ResponseError) as refused:
        decide(
            hwb()[0].decisions_outside_meetings,
            {LEADER: (Answer.FOR, False), CABINET: (Answer.FOR, False)},
        )
    assert refused.value.problems == [
        "Holder of cabinet-member is not among those the terms name to decide or to consult."
    ]


def refusal(outside: dict) -> str:
    data = yaml.safe_load(HWB.read_text())
    data["terms"][-1]["rules"]["decisions_outside_meetings"] = outside
    with pytest.raises(bodyfile.BodyFileError) as refused:
        bodyfile.load_text(yaml.safe_dump(data), "hwb.yaml")
    return str(refused.value)


WHERE = "rules.decisions_outside_meetings"


@pytest.mark.parametrize(
    "outside,problem",
    [
        (
            {"allowed": True, "valid_when": "named"},
            f"{WHERE}: valid_when: named needs 'decided_by', the seats that decide",
        ),
        (
            {"allowed": True, "valid_when": "unanimous", "decided_by": [LEADER]},
            f"{WHERE}: decided_by and after_consulting go with valid_when: named",
        ),
        (
            {"allowed": True, "valid_when": "named", "decided_by": ["mayor"]},
            f"{WHERE}.decided_by: no seat 'mayor' on this body",
        ),
    ],
)
def test_a_named_rule_without_its_seats_is_refused_with_its_place(outside, problem):
    assert problem in refusal(outside)
