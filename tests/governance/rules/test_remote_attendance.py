"""Members attending by video or telephone: where the terms count only those in the room (a
council committee), someone attending remotely is, for the quorum and the vote, as if absent,
with the reason given; where the terms count them, nothing changes; one may count and not
vote. Exhaustive over the four rules, and as laws on random bodies and attendances."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from governance.rules.attendance import (
    Attendance,
    Attendee,
    Capacity,
    DeputyPolicy,
    Membership,
    RemoteAttendance,
    Seat,
)
from governance.rules.quorum import Minimum, QuorumRule, evaluate
from governance.rules.voting import eligible_voters
from tests.governance.rules.test_second_edition_properties import bodies, rules

BOARD = Membership(
    (
        Seat("chair", "Chair", organisation="council"),
        Seat("dph", "Director of Public Health", organisation="council"),
        Seat("ccg", "CCG Chair", organisation="ccg"),
        Seat("observer", "Observer", organisation="ccg", voting=False),
    )
)
FOUR = QuorumRule("four members", minimum=Minimum(number=4))  # the observer counts too


def sitting(remote_rule, *remote: str) -> Attendance:
    return Attendance(
        tuple(Attendee(k, k, remote=k in remote) for k in ("chair", "dph", "ccg", "observer")),
        remote_rule=remote_rule,
    )


@pytest.mark.parametrize("counts, votes", list(itertools.product((True, False), repeat=2)))
def test_each_rule_decides_whether_a_remote_member_counts_and_votes(counts, votes):
    rule = RemoteAttendance(counts_for_quorum=counts, may_vote=votes)
    assert evaluate(FOUR, BOARD, sitting(rule, "ccg"), DeputyPolicy()).quorate is counts
    voters = eligible_voters(sitting(rule, "ccg"), BOARD, DeputyPolicy())
    assert ("ccg" in voters.voters) is votes
    assert voters.voters[:2] == ("chair", "dph")  # those in the room are untouched


def test_the_reason_names_what_the_terms_withhold():
    rule = RemoteAttendance(counts_for_quorum=False, may_vote=False)
    voters = eligible_voters(sitting(rule, "dph"), BOARD, DeputyPolicy())
    assert ("dph", "attending remotely, and the terms do not let a member attending remotely "
            "count towards the quorum or vote") in voters.excluded  # fmt: skip
    counted_only = RemoteAttendance(counts_for_quorum=True, may_vote=False)
    voters = eligible_voters(sitting(counted_only, "dph"), BOARD, DeputyPolicy())
    assert ("dph", "attending remotely, and the terms do not let a member attending remotely "
            "vote") in voters.excluded  # fmt: skip


def test_a_non_voting_member_attending_remotely_keeps_the_reason_they_do_not_vote():
    rule = RemoteAttendance(counts_for_quorum=True, may_vote=False)
    voters = eligible_voters(sitting(rule, "observer"), BOARD, DeputyPolicy())
    assert ("observer", "non-voting member") in voters.excluded


def test_without_a_rule_a_remote_member_is_as_if_in_the_room():
    assert evaluate(FOUR, BOARD, sitting(None, "ccg", "dph"), DeputyPolicy()).quorate


def _present(data, membership):
    """Members present, some remotely, and deputies for some of those absent."""
    keys = [s.key for s in membership.seats]
    present = data.draw(st.lists(st.sampled_from(keys), unique=True))
    absent = [k for k in keys if k not in present]
    deputies = data.draw(st.lists(st.sampled_from(absent), unique=True)) if absent else []
    there = present + deputies
    remote = data.draw(st.sets(st.sampled_from(there))) if there else set()
    return tuple(Attendee(k, k, remote=k in remote) for k in present) + tuple(
        Attendee(f"deputy {k}", k, Capacity.DEPUTY, ref=f"d{k}", remote=k in remote)
        for k in deputies
    )


def _room(attendees) -> Attendance:
    return Attendance(tuple(dataclasses.replace(a, remote=False) for a in attendees))


@given(data=st.data(), membership=bodies(), rule=rules)
def test_where_only_the_room_counts_remote_members_are_as_if_absent(data, membership, rule):
    attendees = _present(data, membership)
    room_only = Attendance(attendees, remote_rule=RemoteAttendance(False, False))
    absent = Attendance(tuple(a for a in attendees if not a.remote))
    assert (
        evaluate(rule, membership, room_only, DeputyPolicy()).quorate
        == evaluate(rule, membership, absent, DeputyPolicy()).quorate
    )
    assert not any(a.remote for a in eligible_voters(room_only, membership, DeputyPolicy()).people)


@given(data=st.data(), membership=bodies(), rule=rules, votes=st.booleans())
def test_where_remote_members_count_the_quorum_is_as_if_all_were_in_the_room(
    data, membership, rule, votes
):
    """And where they may vote too, so is the vote; where they may not, only they lose it."""
    attendees = _present(data, membership)
    counted = Attendance(attendees, remote_rule=RemoteAttendance(may_vote=votes))
    room = _room(attendees)
    assert (
        evaluate(rule, membership, counted, DeputyPolicy()).quorate
        == evaluate(rule, membership, room, DeputyPolicy()).quorate
    )
    voters = eligible_voters(counted, membership, DeputyPolicy()).people
    in_room = eligible_voters(room, membership, DeputyPolicy()).people
    remote = {a.key for a in attendees if a.remote}
    assert [a.key for a in voters] == [a.key for a in in_room if votes or a.key not in remote]
