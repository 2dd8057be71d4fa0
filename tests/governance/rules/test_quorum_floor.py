"""A quorum that is a share of the members with a floor: "one quarter of the whole number of
members, provided that in no case shall the quorum be less than three", as councils' standing
orders set it for their committees. Exhaustive over small bodies; said back in words."""

from __future__ import annotations

import copy
import math
from fractions import Fraction

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from governance import bodyfile
from governance.rules import language
from governance.rules.attendance import Attendance, Attendee, DeputyPolicy, Membership, Seat
from governance.rules.quorum import Base, Minimum, QuorumRule, Rounding, evaluate

QUARTER_NOT_LESS_THAN_THREE = Minimum(
    fraction=Fraction(1, 4), base=Base.FILLED_SEATS, not_less_than=3
)


def board(size: int) -> Membership:
    return Membership(tuple(Seat(f"s{i}", f"Seat {i}") for i in range(size)))


def present(count: int) -> Attendance:
    return Attendance(tuple(Attendee(f"s{i}", f"s{i}") for i in range(count)))


@pytest.mark.parametrize("size", range(1, 25))
def test_the_quorum_is_the_share_or_the_floor_whichever_is_greater(size):
    rule = QuorumRule("quorum", minimum=QUARTER_NOT_LESS_THAN_THREE)
    required = max(math.ceil(size / 4), 3)
    for count in range(size + 1):
        result = evaluate(rule, board(size), present(count), DeputyPolicy())
        assert result.required == required
        assert result.quorate is (count >= required), (size, count)


def test_a_small_committee_needs_three_and_a_large_one_a_quarter():
    rule = QuorumRule("quorum", minimum=QUARTER_NOT_LESS_THAN_THREE)
    six = evaluate(rule, board(6), present(2), DeputyPolicy())
    assert not six.quorate
    assert six.required == 3  # a quarter of six is two; the floor is three
    assert six.shortfall.endswith("it needs one more member present (2 of 3).")
    assert evaluate(rule, board(16), present(3), DeputyPolicy()).required == 4


@given(
    size=st.integers(0, 30),
    numerator=st.integers(1, 4),
    denominator=st.integers(4, 6),
    floor=st.integers(1, 10),
    rounding=st.sampled_from(list(Rounding)),
)
def test_a_floor_only_ever_raises_the_share_and_to_no_more_than_itself(
    size, numerator, denominator, floor, rounding
):
    share = Minimum(fraction=Fraction(numerator, denominator), base=Base.SEATS, rounding=rounding)
    floored = Minimum(
        fraction=share.fraction, base=Base.SEATS, rounding=rounding, not_less_than=floor
    )
    membership, nobody = board(size), present(0)
    without = share.required(membership, nobody)
    assert floored.required(membership, nobody) == max(without, floor)


def test_it_is_said_back_in_words():
    assert QUARTER_NOT_LESS_THAN_THREE.describe() == (
        "at least a quarter of the members present, and never fewer than 3"
    )


def rules_with(minimum: dict) -> tuple[language.BodyRules, list]:
    names = language.Names(seats={"chair": "Chair"})
    document = {"quorum": [{"name": "Quorum", "minimum": minimum}]}
    try:
        return language.parse(document, names), []
    except language.RulesError as error:
        return None, error.problems


def test_the_language_reads_the_floor_and_the_terms_page_states_it():
    rules, problems = rules_with({"fraction": "1/4", "of": "filled_seats", "not_less_than": 3})
    assert not problems
    statement = language.describe_quorum(rules.quorum[0], rules)
    assert statement.sentences[0] == (
        "The meeting is quorate with at least a quarter of the members present, and never "
        "fewer than 3."
    )


def test_a_floor_beside_a_number_is_refused_with_the_place():
    _, problems = rules_with({"number": 4, "not_less_than": 3})
    assert ("quorum[0].minimum.not_less_than", "a floor goes with a fraction, not a number") in [
        (where.removeprefix("rules."), why) for where, why in problems
    ]


def test_a_body_file_with_the_floor_imports_and_one_beside_a_number_is_refused():
    path = bodyfile.SHIPPED_DIR / "examples" / "remuneration-committee.yaml"
    data = yaml.safe_load(path.read_text())
    quorum = {"name": "Quorum", "minimum": {"fraction": "1/4", "of": "seats", "not_less_than": 3}}
    floored = copy.deepcopy(data)
    floored["terms"][0]["rules"]["quorum"] = [quorum]
    bodyfile.load_text(yaml.safe_dump(floored), "committee.yaml")
    quorum["minimum"] = {"number": 4, "not_less_than": 3}
    with pytest.raises(bodyfile.BodyFileError) as refused:
        bodyfile.load_text(yaml.safe_dump(floored), "committee.yaml")
    assert "quorum[0].minimum.not_less_than: a floor goes with a fraction, not a number" in str(
        refused.value
    )
