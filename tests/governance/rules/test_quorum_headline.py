"""The quorum panel's first line says which part of the rule decides the verdict."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from governance.rules.attendance import Attendance, Attendee, DeputyPolicy, Membership, Seat
from governance.rules.quorum import Minimum, QuorumRule, Requirement, evaluate

MEMBERSHIP = Membership(
    (
        *(Seat(f"m{i}", f"Member {i}", organisation="trust") for i in range(8)),
        Seat("council", "Director of Adult Social Care", organisation="council"),
    ),
    {"trust": "the trust", "council": "the County Council"},
)
RULE = QuorumRule(
    "routine",
    minimum=Minimum(number=6),
    requirements=(
        Requirement(
            noun="representative of the County Council", organisations=frozenset({"council"})
        ),
    ),
)


def attending(*keys: str) -> Attendance:
    return Attendance(tuple(Attendee(f"Person {k}", k) for k in keys))


def test_when_the_number_is_met_but_a_requirement_is_not_the_headline_says_so():
    result = evaluate(RULE, MEMBERSHIP, attending(*(f"m{i}" for i in range(8))), DeputyPolicy())
    assert result.headline == (
        "Not quorate: the number is met (8 counted of 6 required), but it still needs a "
        "representative of the County Council."
    )


def test_when_the_number_is_short_the_headline_gives_the_count():
    result = evaluate(RULE, MEMBERSHIP, attending("m0", "council"), DeputyPolicy())
    assert result.headline == "Not quorate: 2 counted of 6 required."


def test_terms_without_a_quorum_say_so_and_count_those_present():
    result = evaluate(None, MEMBERSHIP, attending("m0", "m1"), DeputyPolicy())
    assert result.headline == "The terms set no quorum: 2 people present."


@given(st.sets(st.sampled_from([*(f"m{i}" for i in range(8)), "council"])))
def test_the_headline_begins_with_the_verdict(present):
    result = evaluate(RULE, MEMBERSHIP, attending(*sorted(present)), DeputyPolicy())
    assert result.headline.startswith("Quorate:" if result.quorate else "Not quorate:")
