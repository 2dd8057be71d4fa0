"""Laws of the second edition of the rule language, on random bodies, rules and attendances:
posts in attendance never change a verdict; a deputy counting for the number never meets a
requirement; a member for some business only is counted only for it; no seat counts twice;
unanimity fails with one abstention or silence."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from hypothesis import assume, given
from hypothesis import strategies as st

from governance.rules.attendance import (
    Attendance,
    Attendee,
    BusinessOnly,
    Capacity,
    DeputyPolicy,
    Membership,
    Seat,
)
from governance.rules.quorum import Minimum, QuorumRule, Requirement, evaluate
from governance.rules.resolutions import (
    Answer,
    ResolutionRule,
    Response,
    ValidWhen,
    decide_resolution,
)

CATEGORIES = ("ned", "finance", "clinical")


@st.composite
def bodies(draw, min_seats=2, max_seats=8):
    count = draw(st.integers(min_seats, max_seats))
    return Membership(
        tuple(
            Seat(
                key=f"s{i}",
                title=f"Seat {i}",
                organisation=draw(st.sampled_from(("a", "b", "c"))),
                categories=frozenset(draw(st.sets(st.sampled_from(CATEGORIES), max_size=2))),
            )
            for i in range(count)
        )
    )


requirements = st.builds(
    Requirement,
    noun=st.just("member"),
    plural=st.just("members"),
    at_least=st.integers(1, 2),
    categories=st.sets(st.sampled_from(CATEGORIES), max_size=1).map(frozenset),
)
rules = st.builds(
    QuorumRule,
    name=st.just("rule"),
    minimum=st.one_of(st.none(), st.builds(Minimum, number=st.integers(1, 5))),
    requirements=st.lists(requirements, max_size=3).map(tuple),
    distinct=st.booleans(),
)


def attend(keys, deputies=()) -> Attendance:
    return Attendance(
        tuple(Attendee(k, k) for k in keys)
        + tuple(
            Attendee(f"deputy {k}", k, Capacity.DEPUTY, chair_agreed=True, ref=f"d{k}")
            for k in deputies
        )
    )


@given(data=st.data(), membership=bodies(), rule=rules)
def test_a_post_in_attendance_never_changes_a_verdict(data, membership, rule):
    officer = Seat(
        "officer",
        "Director of Finance",
        organisation="a",
        categories=frozenset(CATEGORIES),
        role="in_attendance",
    )
    with_officer = Membership((*membership.seats, officer))
    keys = [s.key for s in membership.seats]
    present = data.draw(st.lists(st.sampled_from(keys), unique=True))
    without = evaluate(rule, with_officer, attend(present), DeputyPolicy())
    alongside = evaluate(rule, with_officer, attend([*present, "officer"]), DeputyPolicy())
    assert without.quorate == alongside.quorate
    assert without.present == alongside.present


@given(data=st.data(), membership=bodies(), rule=rules)
def test_a_deputy_for_the_number_only_never_meets_a_requirement(data, membership, rule):
    keys = [s.key for s in membership.seats]
    present = data.draw(st.lists(st.sampled_from(keys), unique=True))
    absent = [k for k in keys if k not in present]
    deputised = data.draw(st.lists(st.sampled_from(absent), unique=True)) if absent else []
    policy = DeputyPolicy(fills_requirements=False)
    result = evaluate(rule, membership, attend(present, deputised), policy)
    for row in result.requirements:
        assert not any(name.startswith("deputy ") for name in row.counted)
    # ... but each deputy counts towards the number.
    assert result.present == len(present) + len(deputised)


@given(data=st.data(), membership=bodies(), rule=rules)
def test_a_member_for_some_business_only_counts_only_for_it(data, membership, rule):
    only = {
        membership.seats[0].key: BusinessOnly(
            frozenset({"appointments"}), "a member only for appointments"
        )
    }
    keys = [s.key for s in membership.seats]
    present = data.draw(st.lists(st.sampled_from(keys), unique=True, min_size=1))
    assume(membership.seats[0].key in present)
    other = evaluate(
        rule, membership.for_business("routine", only), attend(present), DeputyPolicy()
    )
    own = evaluate(
        rule, membership.for_business("appointments", only), attend(present), DeputyPolicy()
    )
    assert other.present == own.present - 1
    assert any("a member only for appointments" in reason for _, reason in other.not_counted)


@given(data=st.data(), membership=bodies(), rule=rules)
def test_no_seat_counts_twice(data, membership, rule):
    keys = [s.key for s in membership.seats]
    present = data.draw(st.lists(st.sampled_from(keys), unique=True, min_size=1))
    doubled = data.draw(st.lists(st.sampled_from(present), unique=True))
    plain = evaluate(rule, membership, attend(present), DeputyPolicy())
    twice = evaluate(rule, membership, attend(present, doubled), DeputyPolicy())
    assert (plain.present, plain.quorate) == (twice.present, twice.quorate)


@given(
    size=st.integers(1, 9),
    spoiler=st.sampled_from([Answer.ABSTAIN, Answer.AGAINST, Answer.NONE]),
    data=st.data(),
)
def test_unanimity_fails_with_one_abstention_objection_or_silence(size, spoiler, data):
    membership = Membership(tuple(Seat(f"s{i}", f"Member {i}") for i in range(size)))
    rule = ResolutionRule(allowed=True, valid_when=ValidWhen.UNANIMOUS)
    odd_one = data.draw(st.integers(0, size - 1))
    answers = tuple(
        Response(Attendee(s.title, s.key), spoiler if i == odd_one else Answer.FOR)
        for i, s in enumerate(membership.seats)
    )
    result = decide_resolution(rule, membership, answers, DeputyPolicy())
    assert not result.valid
    everyone = tuple(dataclasses.replace(r, answer=Answer.FOR) for r in answers)
    assert decide_resolution(rule, membership, everyone, DeputyPolicy()).valid


@given(size=st.integers(1, 12), in_favour=st.integers(0, 12))
def test_a_share_is_met_exactly_when_enough_are_in_favour(size, in_favour):
    assume(in_favour <= size)
    membership = Membership(tuple(Seat(f"s{i}", f"Member {i}") for i in range(size)))
    rule = ResolutionRule(allowed=True, valid_when=ValidWhen.SHARE, share=Fraction(2, 3))
    answers = tuple(
        Response(Attendee(s.title, s.key), Answer.FOR if i < in_favour else Answer.AGAINST)
        for i, s in enumerate(membership.seats)
    )
    result = decide_resolution(rule, membership, answers, DeputyPolicy())
    assert result.valid == (3 * in_favour >= 2 * size)


@given(counted=st.integers(1, 20), neds=st.integers(0, 20))
def test_a_majority_share_of_those_counted_is_more_than_half(counted, neds):
    assume(neds <= counted)
    membership = Membership(
        tuple(
            Seat(f"s{i}", "Member", categories=frozenset({"ned"} if i < neds else set()))
            for i in range(counted)
        )
    )
    rule = QuorumRule(
        "majority",
        requirements=(Requirement("ned", categories=frozenset({"ned"}), share=Fraction(1, 2)),),
    )
    result = evaluate(rule, membership, attend([s.key for s in membership.seats]), DeputyPolicy())
    assert result.quorate == (2 * neds > counted)
