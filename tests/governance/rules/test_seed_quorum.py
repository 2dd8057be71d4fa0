"""Each seed body's quorum, with attendances taken from its text. Each test names its clause."""

from __future__ import annotations

import datetime
import re

import pytest

from governance.rules.attendance import Attendee
from governance.rules.chair import presiding
from governance.rules.resolutions import Answer, Response, decide_resolution
from governance.whatif import AttendanceError

from .seeds import JCG, LIE, MSE, SEL, SEL_ELEVEN, STP, check, seed

# Leicestershire Integration Executive --------------------------------------------------

LIE_ROUTINE_SIX = [
    "clinical-chair-wlccg",
    "director-adults-communities",
    "director-uhl",
    "managing-director-elrccg",
    "director-public-health",
    "director-lpt",
]


def test_lie_routine_six_members_with_clinical_council_and_provider_are_quorate():
    """ "6 members must be present of which at least: 1 clinical; 1 LCC; 1 provider" """
    result = check(LIE, present=LIE_ROUTINE_SIX, business="routine")
    assert result.quorate
    assert (result.present, result.required) == (6, 6)


def test_lie_routine_six_members_without_a_provider_are_not_quorate():
    present = [
        *LIE_ROUTINE_SIX[:2],
        "managing-director-elrccg",
        "director-public-health",
        "healthwatch",
        "district-councils",
    ]
    result = check(LIE, present=present, business="routine")
    assert result.shortfall == (
        "The meeting is not quorate for routine business: it needs a provider representative."
    )


def test_lie_routine_five_members_are_one_short():
    result = check(LIE, present=LIE_ROUTINE_SIX[:5], business="routine")
    assert result.shortfall.endswith("it needs one more member present (5 of 6).")


def test_lie_routine_everyone_present_is_critical_at_exactly_six():
    result = check(LIE, present=LIE_ROUTINE_SIX, business="routine")
    assert len(result.critical) == 6


def test_lie_designate_counts_only_for_posts_named_or_their_designate():
    """ "Managing Director (or their designate) of West Leicestershire CCG" """
    present = LIE_ROUTINE_SIX[:5]
    designate = check(
        LIE,
        present=present,
        business="routine",
        deputies=[{"for": "managing-director-wlccg", "name": "A Designate"}],
    )
    assert designate.quorate
    stand_in = check(
        LIE,
        present=present,
        business="routine",
        deputies=[{"for": "director-children-families", "name": "A Stand-in"}],
    )
    assert not stand_in.quorate
    assert "designates only for named posts" in dict(stand_in.not_counted)["A Stand-in"]


def test_lie_resource_allocation_shortfall_names_what_is_missing():
    """ "6 members must be present as follows: 1 representative from each clinical
    commissioning group ... The representative from local healthwatch must also be present." """
    present = [
        "managing-director-elrccg",
        "clinical-chair-elrccg",
        "director-adults-communities",
        "director-public-health",
        "director-uhl",
        "director-children-families",
    ]
    result = check(LIE, present=present, business="resource-allocation")
    assert result.shortfall == (
        "The meeting is not quorate for decisions on resource allocation: it needs a "
        "representative of NHS West Leicestershire CCG and the Healthwatch representative."
    )


def test_lie_decisions_need_different_people_for_each_line_where_a_greedy_count_fails():
    """ "as follows": the Clinical Chair of WLCCG is a CCG representative or the clinical
    representative, not both; the matching finds the assignment that works."""
    present = [
        "clinical-chair-wlccg",
        "clinical-chair-elrccg",
        "director-finance-ccgs",
        "director-adults-communities",
        "director-public-health",
        "director-uhl",
        "healthwatch",
    ]
    result = check(LIE, present=present, business="programme-scope")
    assert result.quorate
    rows = {row.label: row.counted for row in result.requirements}
    assert rows["A representative of NHS West Leicestershire CCG"] == (
        "Director of Finance representing both CCGs",
    )


def test_lie_the_director_of_finance_represents_east_leicestershire_too():
    """The Director of Finance "representing both CCGs" fills the East Leicestershire and
    Rutland line when that CCG has no one else present, though the post is West's."""
    present = [
        "managing-director-wlccg",
        "director-finance-ccgs",
        "clinical-chair-wlccg",
        "director-adults-communities",
        "director-public-health",
        "director-uhl",
        "healthwatch",
    ]
    result = check(LIE, present=present, business="resource-allocation")
    assert result.quorate
    rows = {row.label: row.counted for row in result.requirements}
    assert rows["A representative of NHS East Leicestershire and Rutland CCG"] == (
        "Director of Finance representing both CCGs",
    )
    # One person, one line: without West's Managing Director, the finance director cannot
    # stand for both CCGs at once.
    short = check(LIE, present=present[1:], business="resource-allocation")
    assert not short.quorate


def test_lie_decisions_fail_when_one_person_would_have_to_fill_two_lines():
    present = [
        "clinical-chair-wlccg",
        "managing-director-elrccg",
        "director-adults-communities",
        "director-public-health",
        "director-uhl",
        "healthwatch",
    ]
    result = check(LIE, present=present, business="resource-allocation")
    assert not result.quorate
    assert "clinical representative" in result.shortfall


# Leicestershire Joint Commissioning Group ---------------------------------------------

JCG_ALL = [
    "commissioning-lead-lcc",
    "commissioning-lead-lcc",
    "finance-lcc",
    "commissioning-lead-wlccg",
    "finance-wlccg",
    "commissioning-lead-elrccg",
    "finance-elrccg",
]


def test_jcg_chair_plus_a_lead_and_finance_from_each_organisation_is_quorate():
    """ "the Chair plus at least one commissioning lead from each organisation and one finance
    representative from each organisation" """
    result = check(JCG, present=JCG_ALL)
    assert result.quorate
    assert result.requirements[0].label == "The person presiding, counted in addition"
    chair = result.requirements[0].counted[0]
    assert chair == (
        "The Commissioning lead officer, Leicestershire County Council, who holds the chair"
    )


def test_jcg_the_chair_does_not_count_as_their_organisations_lead():
    present = list(JCG_ALL)
    present.remove("commissioning-lead-lcc")  # only one LCC lead now, and they chair
    result = check(JCG, present=present)
    assert result.shortfall == (
        "The meeting is not quorate for all business: it needs a commissioning lead from "
        "Leicestershire County Council."
    )


def test_jcg_chair_rotates_to_the_ccgs_after_six_months():
    """ "The Chair will rotate between the LA and the CCG(s) every six months." """
    rules, membership = seed(JCG)
    present = tuple(Attendee(k, k) for k in dict.fromkeys(JCG_ALL))
    council = presiding(rules.chair, membership, present, datetime.date(2020, 12, 1))
    ccgs = presiding(rules.chair, membership, present, datetime.date(2021, 5, 1))
    assert council.seat == "commissioning-lead-lcc"
    assert ccgs.seat == "commissioning-lead-wlccg"
    assert "the County CCGs from Thursday 1 April 2021 to Thursday 30 September 2021" in ccgs.reason


def test_jcg_a_deputising_chair_from_either_organisation_presides_in_absence():
    """ "Deputising, in the case of absence of the designated Chair, can be provided from either
    organisation." """
    present = [k for k in JCG_ALL if k != "commissioning-lead-lcc"]
    result = check(JCG, present=present)
    assert not result.quorate
    # Someone deputises in the chair, and the row names them, not "the Chair".
    assert result.requirements[0].counted == (
        "The Finance representative (operational), Leicestershire County Council, deputising "
        "for the absent Chair",
    )


# LLR STP Partnership Group -------------------------------------------------------------


def test_stp_quorum_is_half_the_expected_attendance_rounded_up():
    """ "The meeting will be quorate with half the number of the expected attendance." """
    _, membership = seed(STP)
    places = sum(s.places for s in membership.seats)
    apologies = ["uhl", "lpt", "dhu"]
    present = [
        "independent-chair",
        "hwb-chair-leicester-city",
        "hwb-chair-leicestershire",
        "hwb-chair-rutland",
        "elrccg",
        "wlccg",
        "lcccg",
        "ppg-chair",
    ]
    result = check(STP, present=present, apologies=apologies)
    assert result.required == -(-(places - 3) // 2) == 8
    assert result.quorate
    assert not check(STP, present=present[:-1], apologies=apologies).quorate


def test_stp_a_member_whose_deputy_attends_is_still_expected():
    """ "Exceptionally ... a deputy may attend if of sufficient seniority" """
    result = check(
        STP,
        present=["independent-chair"],
        apologies=["uhl"],
        deputies=[{"for": "uhl", "name": "UHL deputy", "nominated": False}],
    )
    assert result.required == 10  # 19 places, none excused: the deputy stands in
    assert result.present == 2


def test_stp_a_member_the_chair_withdraws_does_not_count_for_that_item():
    """ "the Chair may determine that such group member(s) should not take part" """
    present = ["independent-chair", "uhl", "lpt"]
    result = check(STP, present=present, withdrawn=["uhl"])
    assert result.present == 2
    assert (
        "withdrawn from this item"
        in dict(result.not_counted)[
            "Non-executive member, University Hospitals of Leicester NHS Trust"
        ]
    )


# Mid and South Essex ICP ---------------------------------------------------------------


def test_mse_sets_no_quorum_and_says_so():
    result = check(MSE, present=["chair-icb"])
    assert result.quorate
    assert result.explanation[0] == (
        "The terms of reference set no quorum, so any meeting is quorate; 1 present."
    )
    assert result.headline == "The terms set no quorum: 1 person present."


def test_mse_a_deputy_may_take_the_place_of_a_conflicted_member():
    """ "the relevant organisation represented by that member may send a deputy to take the
    place of the conflicted member in relation to that matter." """
    result = check(
        MSE,
        present=["chair-icb", "ceo-icb"],
        withdrawn=["ceo-icb"],
        deputies=[{"for": "ceo-icb", "name": "ICB deputy", "replaces_withdrawn": True}],
    )
    assert result.present == 2


# South East London ICP -----------------------------------------------------------------


def test_sel_half_the_members_with_the_icb_two_councillors_and_two_provider_chairs():
    """8.1 "at least 50% of members including at least the ICB Chair or Chief Executive, at
    least two elected members ... and at least two chairs of NHS provider organisations" """
    result = check(SEL, present=SEL_ELEVEN)
    assert (result.quorate, result.present, result.required) == (True, 11, 11)


def test_sel_ten_of_twenty_one_is_not_half():
    result = check(SEL, present=SEL_ELEVEN[:-1])
    assert result.shortfall.endswith("it needs one more member present (10 of 11).")


def test_sel_quorum_follows_the_members_in_post():
    result = check(SEL, present=SEL_ELEVEN[:-1], vacant=["chair-slam", "chair-kch"])
    assert (result.required, result.quorate) == (10, True)


def test_sel_without_the_icb_chair_or_chief_executive_is_not_quorate():
    present = [k for k in SEL_ELEVEN if k != "icb-chief-executive"] + ["chair-slam"]
    result = check(SEL, present=present)
    assert result.shortfall == (
        "The meeting is not quorate for all business: it needs the ICB Chair or Chief Executive."
    )


def test_sel_a_deputy_counts_only_with_the_co_chairs_agreement():
    """11.3/11.4 "Nominated deputies will count towards the meeting quorum ... if attendance
    has been agreed by the committee chair." """
    present = SEL_ELEVEN[:-1]
    refused = check(SEL, present=present, deputies=[{"for": "chair-slam", "name": "D"}])
    agreed = check(
        SEL, present=present, deputies=[{"for": "chair-slam", "name": "D", "chair_agreed": True}]
    )
    other = check(
        SEL,
        present=present,
        deputies=[{"for": "chair-slam", "name": "D", "chair_agreed": True, "nominated": False}],
    )
    assert (refused.quorate, agreed.quorate, other.quorate) == (False, True, False)


def test_sel_a_counted_deputy_is_named_as_a_deputy_in_the_make_up():
    """The file's reading of 11.4: a provider chair's agreed deputy is one of the two provider
    chairs 8.1 asks for, and the row says whose deputy they are."""
    present = [k for k in SEL_ELEVEN if k not in ("chair-oxleas", "chair-bromley-healthcare")]
    present.append("elected-member-greenwich")
    deputy = {"for": "chair-slam", "name": "Dana Deputy", "chair_agreed": True}
    result = check(SEL, present=present, deputies=[deputy])
    rows = {row.label: row.counted for row in result.requirements}
    assert (
        "Dana Deputy (deputy for the Chair, South London and Maudsley NHS Foundation Trust)"
        in (rows["At least 2 chairs of NHS provider organisations"])
    )


def test_sel_a_decision_by_email_needs_a_quorum_in_favour():
    """10.1 "valid only if the same minimum quorum ... states that they are in favour" """
    rules, membership = seed(SEL)

    def responses(in_favour):
        return tuple(
            Response(Attendee(s.key, s.key), Answer.FOR if s.key in in_favour else Answer.NONE)
            for s in membership.seats
        )

    def decided(in_favour):
        return decide_resolution(
            rules.decisions_outside_meetings,
            membership,
            responses(in_favour),
            rules.deputies,
            rules.quorum[0],
        )

    assert decided(SEL_ELEVEN).valid
    invalid = decided(SEL_ELEVEN[:-1])
    assert not invalid.valid and not invalid.certain
    assert invalid.sentence == (
        "Not valid: those in favour by the stated date are not a quorum; it needs one more "
        "member in favour (10 of 11)."
    )


def test_people_in_attendance_never_count():
    result = check(SEL, present=SEL_ELEVEN[:-1], in_attendance=["ICS programme director"])
    assert result.present == 10
    assert ("ICS programme director", "in attendance, not a member") in result.not_counted


# Bad attendance is refused, with what is wrong ------------------------------------------


@pytest.mark.parametrize(
    ("spec", "problem"),
    [
        ({"present": ["treasurer"]}, "present[0]: there is no seat 'treasurer' on this body."),
        ({"present": ["chair-gstt", "chair-gstt"]}, "has 1 holder(s) but is listed 2 times"),
        ({"present": ["chair-gstt"], "vacant": ["chair-gstt"]}, "is vacant."),
        (
            {"deputies": [{"for": "chair-gstt"}], "vacant": ["chair-gstt"]},
            "the terms do not allow a deputy for a vacant seat",
        ),
        ({"deputies": [{"name": "Someone"}]}, "give the seat the deputy sits for"),
        ({"withdrawn": ["vcse"]}, "withdrawn: 'vcse' is not listed as present."),
        ({"present": ["vcse"], "apologies": ["vcse"]}, "apologies: 'vcse' is listed as present"),
        ({"chair": "icb-chair"}, "chair: 'icb-chair' is not listed as present."),
        ({"visitors": ["x"]}, "'visitors' is not understood"),
    ],
)
def test_impossible_attendance_is_refused_with_the_reason(spec, problem):
    with pytest.raises(AttendanceError, match=re.escape(problem)):
        check(SEL, **spec)


def test_an_unknown_business_type_is_refused():
    with pytest.raises(ValueError, match="no business type 'budget'"):
        check(LIE, present=["director-uhl"], business="budget")
