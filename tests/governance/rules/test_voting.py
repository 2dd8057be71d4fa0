"""Votes under each seed body's rule, ties with and without a casting vote."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from governance.rules.attendance import (
    Attendance,
    Attendee,
    Capacity,
    DeputyPolicy,
    Membership,
    Seat,
)
from governance.rules.language import Names, describe
from governance.rules.voting import (
    Casting,
    MajorityOf,
    Partner,
    VotingPolicy,
    decide,
    eligible_voters,
)

from .seeds import MSE, SEL, seed


def test_sel_tied_vote_is_settled_by_the_casting_vote():
    """SEL 9.1 "In the event of equal votes, the chair of the meeting will have a casting vote." """
    policy = seed(SEL)[0].voting
    waiting = decide(policy, votes_for=6, against=6, eligible=14)
    assert waiting.carried is None
    assert "must give a casting vote" in waiting.sentence
    carried = decide(policy, votes_for=6, against=6, eligible=14, casting=Casting.FOR)
    assert (carried.carried, carried.casting_vote_used) == (True, True)
    lost = decide(policy, votes_for=6, against=6, eligible=14, casting=Casting.AGAINST)
    assert lost.carried is False


def test_mse_has_no_casting_vote_so_a_tie_is_lost():
    """MSE: "supported by a simple majority of ICP members present at the meeting" """
    policy = seed(MSE)[0].voting
    result = decide(policy, votes_for=10, against=10, eligible=20)
    assert (result.carried, result.casting_vote_used) == (False, False)


def test_mse_majority_is_of_the_members_present_so_abstentions_count_against():
    policy = seed(MSE)[0].voting
    result = decide(policy, votes_for=15, against=14, abstentions=1, eligible=30)
    assert result.carried is False
    assert result.sentence == (
        "The motion is not carried (15 for, 14 against, 1 abstaining): it needed 16 of the 30 "
        "members present who may vote. If a motion is not carried, the issue resolution "
        "process in the Partnership MoU is followed."
    )


def test_what_follows_a_motion_not_carried_is_said_with_it_and_never_with_one_carried():
    """MSE: "If notwithstanding a consensus decision cannot be achieved, the issue resolution
    process outlined in the MoU will be followed." """
    policy = seed(MSE)[0].voting
    then = "If a motion is not carried, the issue resolution process in the Partnership MoU"
    assert then in policy.describe()
    for votes_for in range(0, 21):
        result = decide(policy, votes_for=votes_for, against=20 - votes_for, eligible=20)
        assert (then in result.sentence) == (result.carried is False)
    quiet = seed(SEL)[0].voting  # terms that say nothing of it add nothing
    assert (
        "If a motion is not carried"
        not in decide(quiet, votes_for=1, against=9, eligible=12).sentence
    )


def test_a_simple_majority_of_votes_cast_ignores_abstentions():
    result = decide(VotingPolicy(), votes_for=5, against=4, abstentions=6, eligible=15)
    assert (result.carried, result.needed) == (True, 5)


def test_two_thirds_is_at_least_two_thirds():
    policy = VotingPolicy(fraction=Fraction(2, 3), more_than=False)
    assert decide(policy, votes_for=8, against=4, eligible=12).carried
    assert not decide(policy, votes_for=7, against=5, eligible=12).carried


def test_more_votes_than_voters_is_refused():
    with pytest.raises(ValueError, match="only 5 present may vote"):
        decide(VotingPolicy(), votes_for=4, against=2, eligible=5)


def test_under_two_thirds_equal_votes_fall_short_and_no_casting_vote_settles_them():
    policy = VotingPolicy(fraction=Fraction(2, 3), more_than=False, casting_vote=True)
    result = decide(policy, votes_for=4, against=4, eligible=8, casting=Casting.FOR)
    assert (result.carried, result.casting_vote_used) == (False, False)
    assert policy.describe().endswith(
        "at least two-thirds of the votes cast and equal votes fall short of that share, so "
        "the motion is not carried."
    )


def test_unanimity_of_the_members_present_needs_every_one_of_them():
    policy = VotingPolicy(
        fraction=Fraction(1), more_than=False, majority_of=MajorityOf.MEMBERS_PRESENT
    )
    assert decide(policy, votes_for=5, against=0, eligible=5).carried
    assert not decide(policy, votes_for=4, against=0, abstentions=1, eligible=5).carried
    assert policy.describe() == (
        "Decisions are reached by consensus where possible; when a vote is needed, a motion is "
        "carried only if every voting member present votes for it."
    )


def test_a_rule_for_some_business_takes_the_rest_from_the_bodys_rule():
    """The example Health and Wellbeing Board: a simple majority with a casting vote, and
    every voting member present for a variation of the pooled budget."""
    rules = seed("examples/health-and-wellbeing-board")[0]
    general, pooled = rules.voting_for("routine"), rules.voting_for("pooled-budget")
    assert general is rules.voting and rules.voting_for() is general
    assert (pooled.unanimous, pooled.majority_of) == (True, MajorityOf.MEMBERS_PRESENT)
    assert (pooled.consensus_first, pooled.casting_vote) == (True, True)  # as the body's
    assert not pooled.casting_vote_applies
    assert pooled.clause.startswith("A variation of the Better Care Fund pooled budget")
    statements = {s.heading: s for s in describe(rules, Names())}
    assert statements["Voting on variations of the Better Care Fund pooled budget"].sentences == (
        pooled.describe(),
    )


def everyone_voted(policy, votes_for, against, abstentions):
    """Every voter present voted; a casting vote for the motion where one is asked for."""
    eligible = votes_for + against + abstentions
    return decide(policy, votes_for=votes_for, against=against, abstentions=abstentions,
                  eligible=eligible, casting=Casting.FOR)  # fmt: skip


COUNCIL, NHS = Partner("the Council", frozenset({"lcc"})), Partner("the CCGs", frozenset({"ccg"}))


def test_a_rule_of_partners_needs_each_partners_voters_to_carry_it():
    """ "Decisions require the agreement of both the Council and the CCGs." """
    policy = VotingPolicy(casting_vote=True, partners=(COUNCIL, NHS))
    agreed = decide(
        policy,
        votes_for=5,
        against=2,
        eligible=7,
        partner_votes={"the Council": (2, 1, 0), "the CCGs": (3, 1, 0)},
    )
    assert agreed.carried
    refused = decide(
        policy,
        votes_for=5,
        against=2,
        eligible=7,
        partner_votes={"the Council": (1, 2, 0), "the CCGs": (4, 0, 0)},
    )
    assert refused.carried is False
    assert refused.sentence == (
        "The motion is not carried (5 for, 2 against, 0 abstaining): it had the votes it "
        "needed (4 of the 7 votes cast), but the terms need each partner's agreement and the "
        "Council did not carry it (1 for, 2 against, 0 abstaining)."
    )
    absent = decide(
        policy, votes_for=3, against=0, eligible=3, partner_votes={"the CCGs": (3, 0, 0)}
    )
    assert absent.carried is False and "no voter of the Council voted" in absent.sentence
    tied = decide(
        policy,
        votes_for=2,
        against=2,
        eligible=4,
        casting=Casting.FOR,
        partner_votes={"the Council": (1, 1, 0), "the CCGs": (1, 1, 0)},
    )
    assert (tied.carried, tied.casting_vote_used) == (False, True)
    assert tied.sentence.startswith(
        "The motion is not carried (2 for, 2 against, 0 abstaining): it had the casting vote "
        "of the person presiding, but the terms need each partner's agreement and the Council "
        "did not carry it"
    )
    assert policy.describe().endswith(
        "it must also have more votes for than against among the voters of each of the "
        "Council and the CCGs."
    )
    with pytest.raises(ValueError, match="record the vote by name"):
        decide(policy, votes_for=5, against=2, eligible=7)


@given(
    council=st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 2)),
    ccgs=st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(0, 2)),
)
def test_a_motion_of_partners_is_carried_iff_carried_and_each_partner_carries_it(council, ccgs):
    counts = [a + b for a, b in zip(council, ccgs, strict=True)]
    votes = {"the Council": council, "the CCGs": ccgs}
    plain = decide(VotingPolicy(), votes_for=counts[0], against=counts[1],
                   abstentions=counts[2], eligible=sum(counts))  # fmt: skip
    result = decide(VotingPolicy(partners=(COUNCIL, NHS)), votes_for=counts[0],
                    against=counts[1], abstentions=counts[2], eligible=sum(counts),
                    partner_votes=votes)  # fmt: skip
    assert result.carried == (plain.carried and council[0] > council[1] and ccgs[0] > ccgs[1])


@given(
    votes_for=st.integers(0, 20),
    against=st.integers(0, 20),
    abstentions=st.integers(0, 5),
    numerator=st.integers(1, 12),
    denominator=st.integers(1, 12),
    more_than=st.booleans(),
    of_present=st.booleans(),
)
def test_a_share_is_carried_iff_the_votes_for_reach_it(
    votes_for, against, abstentions, numerator, denominator, more_than, of_present
):
    """Any share of the votes cast or of the members present, "more than" or "at least",
    counted exactly; with no votes to count, nothing is carried."""
    fraction = Fraction(numerator, denominator)
    assume(fraction < 1 or (fraction == 1 and not more_than))
    policy = VotingPolicy(
        fraction=fraction,
        more_than=more_than,
        casting_vote=True,
        majority_of=MajorityOf.MEMBERS_PRESENT if of_present else MajorityOf.VOTES_CAST,
    )
    eligible = votes_for + against + abstentions
    result = everyone_voted(policy, votes_for, against, abstentions)
    if result.casting_vote_used:
        assert policy.simple_majority and votes_for == against
        return
    base = eligible if of_present else votes_for + against
    share = Fraction(votes_for, base) if base else None
    reached = share is not None and (share > fraction if more_than else share >= fraction)
    assert result.carried == (reached and votes_for > 0)


def test_the_rule_is_described_for_the_minutes():
    assert seed(SEL)[0].voting.describe() == (
        "Decisions are reached by consensus where possible; when a vote is needed, a motion "
        "is carried by a simple majority of the votes cast and on equal votes the person "
        "presiding has a casting vote."
    )


@given(
    votes_for=st.integers(0, 30),
    against=st.integers(0, 30),
    abstentions=st.integers(0, 5),
    casting=st.booleans(),
    of_present=st.booleans(),
)
def test_a_simple_majority_is_carried_iff_more_for_than_half(
    votes_for, against, abstentions, casting, of_present
):
    policy = VotingPolicy(
        casting_vote=casting,
        majority_of=MajorityOf.MEMBERS_PRESENT if of_present else MajorityOf.VOTES_CAST,
    )
    eligible = votes_for + against + abstentions
    result = everyone_voted(policy, votes_for, against, abstentions)
    if votes_for == against and casting:
        assert result.carried and result.casting_vote_used
    else:
        base = eligible if of_present else votes_for + against
        assert result.carried == (votes_for * 2 > base)


def test_who_may_vote_follows_the_seats_the_deputy_policy_and_conflicts():
    """SEL 9.1 "each member may cast a single vote"; 11.4 deputies vote if the chair agreed."""
    rules, membership = seed(SEL)
    present = Attendance(
        (
            Attendee("Chair", "icb-chair"),
            Attendee("Conflicted", "chair-gstt", withdrawn=True),
            Attendee("Agreed deputy", "chair-kch", Capacity.DEPUTY, chair_agreed=True),
            Attendee("Unagreed deputy", "chair-slam", Capacity.DEPUTY),
            Attendee("Officer", None, Capacity.IN_ATTENDANCE),
        )
    )
    electorate = eligible_voters(present, membership, rules.deputies)
    assert electorate.voters == ("Chair", "Agreed deputy")
    assert dict(electorate.excluded) == {
        "Conflicted": "withdrawn from this item for a conflict of interest",
        "Unagreed deputy": "a deputy attending without the co-chairs' agreement",
        "Officer": "in attendance, not a member",
    }


def test_a_non_voting_seat_does_not_vote():
    membership = Membership((Seat("adviser", "Adviser", voting=False),))
    electorate = eligible_voters(
        Attendance((Attendee("A", "adviser"),)), membership, DeputyPolicy()
    )
    assert electorate.excluded == (("A", "non-voting member"),)
