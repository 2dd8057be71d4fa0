"""Laws of the quorum engine, checked on random bodies, rules and attendances."""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from governance.rules.attendance import Attendance, Attendee, DeputyPolicy, Membership, Seat
from governance.rules.quorum import Base, Minimum, QuorumRule, Requirement, evaluate

CATEGORIES = ("clinical", "provider", "finance", "council")
ORGANISATIONS = ("icb", "lcc", "trust")
POLICY = DeputyPolicy()


@st.composite
def bodies(draw, min_seats=1, max_seats=9):
    count = draw(st.integers(min_seats, max_seats))
    seats = tuple(
        Seat(
            key=f"s{i}",
            title=f"Seat {i}",
            organisation=draw(st.sampled_from(ORGANISATIONS)),
            categories=frozenset(draw(st.sets(st.sampled_from(CATEGORIES), max_size=2))),
            voting=draw(st.booleans()),
        )
        for i in range(count)
    )
    return Membership(seats)


requirements = st.builds(
    Requirement,
    noun=st.just("member"),
    plural=st.just("members"),
    at_least=st.integers(1, 2),
    categories=st.sets(st.sampled_from(CATEGORIES), max_size=1).map(frozenset),
    organisations=st.sets(st.sampled_from(ORGANISATIONS), max_size=1).map(frozenset),
)
minimums = st.one_of(
    st.none(),
    st.builds(Minimum, number=st.integers(1, 6)),
    st.builds(
        Minimum,
        fraction=st.sampled_from([Fraction(1, 2), Fraction(1, 3)]),
        base=st.sampled_from(list(Base)),
        not_less_than=st.one_of(st.none(), st.integers(1, 4)),
    ),
)
rules = st.builds(
    QuorumRule,
    name=st.just("rule"),
    minimum=minimums,
    requirements=st.lists(requirements, max_size=4).map(tuple),
    distinct=st.booleans(),
    voting_members_only=st.booleans(),
)


def attend(keys, withdrawn=()) -> Attendance:
    return Attendance(tuple(Attendee(k, k, withdrawn=k in withdrawn) for k in keys))


@given(data=st.data(), membership=bodies(), rule=rules)
def test_adding_a_present_unconflicted_voting_member_never_ends_a_quorum(data, membership, rule):
    keys = [s.key for s in membership.seats]
    present = data.draw(st.lists(st.sampled_from(keys), unique=True))
    absent_voting = [s.key for s in membership.seats if s.key not in present and s.voting]
    assume(absent_voting)
    newcomer = data.draw(st.sampled_from(absent_voting))
    before = evaluate(rule, membership, attend(present), POLICY)
    after = evaluate(rule, membership, attend([*present, newcomer]), POLICY)
    assert not before.quorate or after.quorate


def composition_exists(rule: QuorumRule, membership: Membership, present: list[str]) -> bool:
    """Brute force: is there any way to give each requirement's places different people?"""
    places = [req for req in rule.requirements for _ in range(req.at_least)]
    if len(places) > len(present):
        return False
    for people in itertools.permutations(present, len(places)):
        if all(req.admits(membership.seat(p)) for req, p in zip(places, people, strict=True)):
            return True
    return False


@settings(max_examples=300)
@given(
    data=st.data(),
    membership=bodies(max_seats=7),
    reqs=st.lists(requirements, min_size=1, max_size=4).map(tuple),
)
def test_composition_passes_exactly_when_an_assignment_of_different_people_exists(
    data, membership, reqs
):
    rule = QuorumRule(name="composition", requirements=reqs, distinct=True)
    present = data.draw(st.lists(st.sampled_from([s.key for s in membership.seats]), unique=True))
    result = evaluate(rule, membership, attend(present), POLICY)
    assert result.quorate == composition_exists(rule, membership, present)
    if result.quorate:
        assigned = [name for row in result.requirements for name in row.counted]
        assert len(assigned) == len(set(assigned))


def greedy(rule: QuorumRule, membership: Membership, present: list[str]) -> bool:
    """What a hand count does: fill each line in turn with the first person who fits."""
    free = list(present)
    for req in rule.requirements:
        for _ in range(req.at_least):
            match = next((p for p in free if req.admits(membership.seat(p))), None)
            if match is None:
                return False
            free.remove(match)
    return True


def test_composition_finds_the_assignment_that_a_greedy_count_misses():
    membership = Membership(
        (
            Seat("gp", "GP and CCG chair", "ccg", categories=frozenset({"clinical"})),
            Seat("nurse", "Nurse director", "trust", categories=frozenset({"clinical"})),
        )
    )
    rule = QuorumRule(
        name="as follows",
        distinct=True,
        requirements=(
            Requirement("clinical representative", categories=frozenset({"clinical"})),
            Requirement("CCG representative", organisations=frozenset({"ccg"})),
        ),
    )
    present = ["gp", "nurse"]
    assert not greedy(rule, membership, present)
    result = evaluate(rule, membership, attend(present), POLICY)
    assert result.quorate
    assert [row.counted for row in result.requirements] == [("nurse",), ("gp",)]


@given(data=st.data(), membership=bodies(), rule=rules)
def test_the_critical_people_are_exactly_those_whose_departure_ends_the_quorum(
    data, membership, rule
):
    present = data.draw(
        st.lists(st.sampled_from([s.key for s in membership.seats]), unique=True, min_size=1)
    )
    result = evaluate(rule, membership, attend(present), POLICY)
    assume(result.quorate)
    for name in present:
        rest = [k for k in present if k != name]
        still = evaluate(rule, membership, attend(rest), POLICY).quorate
        assert (name in result.critical) == (not still)


@given(data=st.data(), membership=bodies(), rule=rules)
def test_a_withdrawn_member_counts_as_if_absent_for_that_item(data, membership, rule):
    present = data.draw(
        st.lists(st.sampled_from([s.key for s in membership.seats]), unique=True, min_size=1)
    )
    withdrawn = data.draw(st.sampled_from(present))
    with_conflict = evaluate(rule, membership, attend(present, {withdrawn}), POLICY)
    without = evaluate(rule, membership, attend([k for k in present if k != withdrawn]), POLICY)
    assert (with_conflict.quorate, with_conflict.present) == (without.quorate, without.present)


@given(membership=bodies(), rule=rules)
def test_the_shortfall_is_given_exactly_when_not_quorate(membership, rule):
    result = evaluate(rule, membership, attend([]), POLICY)
    assert bool(result.shortfall) == (not result.quorate)
