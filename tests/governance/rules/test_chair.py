"""Who presides, for each seed body's chair arrangements."""

from __future__ import annotations

import datetime

from governance.rules.attendance import Attendee, Capacity
from governance.rules.chair import presiding

from .seeds import JCG, LIE, MSE, SEL, STP, seed

ON = datetime.date(2026, 11, 23)


def who(slug, keys, turn=0, deputies=()):
    rules, membership = seed(slug)
    present = tuple(Attendee(k, k) for k in keys) + tuple(
        Attendee(f"deputy {k}", k, Capacity.DEPUTY) for k in deputies
    )
    return presiding(rules.chair, membership, present, ON, turn=turn)


def test_lie_the_clinical_chair_of_wlccg_presides():
    assert who(LIE, ["director-uhl", "clinical-chair-wlccg"]).seat == "clinical-chair-wlccg"


def test_lie_without_its_chair_the_members_choose():
    result = who(LIE, ["director-uhl"])
    assert result.name is None
    assert "must choose one of their number" in result.reason


def test_mse_a_vice_chair_presides_in_the_chairs_absence():
    result = who(MSE, ["ceo-icb", "chair-hwb-essex", "chair-hwb-thurrock"])
    assert result.seat == "chair-hwb-essex"
    assert "as vice chair" in result.reason


def test_sel_co_chairs_alternate_and_either_presides_alone():
    """SEL 7.1 "alternate in chairing"; 7.2 "one of the co-chairs if present shall preside" """
    both = ["icb-chair", "elected-member-lewisham"]
    assert who(SEL, both, turn=0).seat == "icb-chair"
    assert who(SEL, both, turn=1).seat == "elected-member-lewisham"
    assert who(SEL, ["icb-chair"], turn=1).seat == "icb-chair"


def test_a_deputy_never_presides():
    assert who(SEL, [], deputies=["icb-chair"]).name is None


def test_stp_the_independent_chair_presides():
    assert who(STP, ["uhl", "independent-chair"]).seat == "independent-chair"


def test_a_shared_chair_seats_first_holder_presides():
    """JCG: the council's commissioning-lead seat has two places; its first holder chairs."""
    rules, membership = seed(JCG)
    present = (
        Attendee("First lead", "commissioning-lead-lcc"),
        Attendee("Second lead", "commissioning-lead-lcc"),
    )
    result = presiding(rules.chair, membership, present, datetime.date(2020, 12, 1))
    assert result.name == "First lead"
