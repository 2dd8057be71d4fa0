"""The example body files (governance/bodies/examples/), each a kind of clause real terms of
reference use that the seeds do not, judged as a careful clerk would."""

from __future__ import annotations

import datetime
from functools import cache

import pytest

from governance import bodyfile
from governance.rules.attendance import Attendee
from governance.rules.resolutions import Answer, Response, decide_resolution
from governance.snapshot import membership_of
from governance.whatif import AttendanceError, check_quorum

EXAMPLES = bodyfile.SHIPPED_DIR / "examples"
ON = datetime.date(2026, 11, 23)


@cache
def example(name: str):
    body_file = bodyfile.read(EXAMPLES / f"{name}.yaml")
    return body_file.rules(), membership_of(body_file)


def judge(name: str, business: str | None = None, **spec):
    rules, membership = example(name)
    return check_quorum(rules, membership, spec, business=business, on=ON).result


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_each_example_reads_and_exports_its_rules(path):
    body_file = bodyfile.read(path)
    assert body_file.rules().quorum


# An audit committee: officers in attendance; a deputy counts for the number only -----------


def test_audit_two_non_executive_directors_are_a_quorum_and_officers_never_count():
    result = judge(
        "trust-audit-committee",
        present=["committee-chair", "ned-a", "director-of-finance", "company-secretary"],
    )
    assert result.quorate and result.present == 2
    assert (
        "Director of Finance",
        "the Director of Finance is in attendance and is not a member",
    ) in result.not_counted


def test_audit_a_deputy_counts_towards_the_two_but_is_not_a_non_executive_director():
    result = judge(
        "trust-audit-committee",
        present=["committee-chair"],
        apologies=["ned-a"],
        deputies=[{"for": "ned-a", "name": "Pat Deputy", "chair_agreed": True}],
    )
    assert not result.quorate
    assert result.headline == (
        "Not quorate: the number is met (2 counted of 2 required), but it still needs one more "
        "non-executive director."
    )


def test_audit_two_directors_of_the_same_title_are_told_apart():
    """Either of two "Non-executive director"s could leave without ending the quorum."""
    result = judge("trust-audit-committee", present=["committee-chair", "ned-a", "ned-b"])
    assert result.quorate and result.critical == ()
    pair = judge("trust-audit-committee", present=["ned-a", "ned-b"])
    assert pair.critical == ("Non-executive director", "Non-executive director")


def test_audit_a_deputy_for_a_member_who_is_present_is_refused():
    with pytest.raises(AttendanceError, match="a deputy attends only in a member's absence"):
        judge(
            "trust-audit-committee",
            present=["committee-chair", "ned-a"],
            deputies=[{"for": "ned-a", "name": "Pat Deputy", "chair_agreed": True}],
        )


# A remuneration committee: a member for some business only; alternatives; unanimity ------


def test_remuneration_the_chief_executive_is_not_a_member_for_pay_decisions():
    result = judge("remuneration-committee", present=["trust-chair", "ned-a", "chief-executive"])
    assert not result.quorate and result.present == 2
    assert (
        "Chief Executive",
        "the Chief Executive is a member only for the appointment of executive directors, so is "
        "in attendance for this item",
    ) in result.not_counted


def test_appointments_the_chief_executive_counts_and_either_alternative_will_do():
    with_ceo = judge(
        "remuneration-committee",
        business="executive-appointments",
        present=["trust-chair", "ned-a", "ned-b", "chief-executive"],
    )
    assert with_ceo.quorate and with_ceo.present == 4
    without = judge(
        "remuneration-committee",
        business="executive-appointments",
        present=["trust-chair", "ned-a", "ned-b"],
    )
    assert without.quorate


def test_appointments_short_of_both_alternatives_says_what_each_needs():
    result = judge(
        "remuneration-committee",
        business="executive-appointments",
        present=["ned-a", "chief-executive"],
    )
    assert not result.quorate
    assert " or " in result.shortfall
    assert "two more non-executive directors" in result.shortfall


def responses(membership, answers: dict[str, Answer]):
    return tuple(
        Response(Attendee(s.title, s.key, ref=s.key), answers.get(s.key, Answer.NONE))
        for s in membership.member_seats
    )


def test_an_email_decision_needs_every_member_and_one_abstention_defeats_it():
    rules, membership = example("remuneration-committee")
    members = rules.membership_for(membership, rules.default_business.key)
    everyone = {s.key: Answer.FOR for s in members.member_seats}
    rule = rules.decisions_outside_meetings
    assert decide_resolution(rule, members, responses(members, everyone), rules.deputies).valid
    abstained = {**everyone, "ned-c": Answer.ABSTAIN}
    result = decide_resolution(rule, members, responses(members, abstained), rules.deputies)
    assert not result.valid and result.certain
    assert "Non-executive director did not agree" in result.sentence


# A Health and Wellbeing Board: each CCG, written once; councillors from two councils -------


def test_hwb_needs_a_representative_of_each_ccg_whichever_there_are():
    rules, _ = example("health-and-wellbeing-board")
    labels = [r.label for r in rules.quorum[0].requirements]
    assert "A representative of NHS North Westshire CCG" in labels
    assert "A representative of NHS South Westshire CCG" in labels


def test_hwb_two_county_councillors_are_not_councillors_of_two_councils():
    result = judge(
        "health-and-wellbeing-board",
        present=["leader", "cabinet-member", "north-ccg-chair", "south-ccg-chair"],
    )
    assert not result.quorate
    assert result.missing == ("councillors from one more organisation",)
    spread = judge(
        "health-and-wellbeing-board",
        present=["leader", "north-councillor", "north-ccg-chair", "south-ccg-chair"],
    )
    assert spread.quorate
