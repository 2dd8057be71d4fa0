"""The attendance engine: every expected meeting is counted once, as present, a deputy sent,
apologies or absent; a deputy's attendance is theirs; withdrawing is still being present;
and the terms' expectation is judged as the terms word it."""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from governance.rules.attendance_record import (
    ABSENT,
    APOLOGIES,
    DEPUTY,
    IN_ATTENDANCE,
    MEMBER,
    PRESENT,
    Row,
    Tally,
    meets_expectation,
    tally,
)

ADA, DEE, VIC = 1, 2, 3  # a member, her deputy, a visitor


def test_a_member_who_sends_a_deputy_is_not_counted_present_and_the_deputy_is():
    rows = [
        Row(10, ADA, 5, MEMBER, PRESENT, withdrew=2),
        Row(11, ADA, 5, MEMBER, APOLOGIES, in_advance=False),
        Row(11, DEE, 5, DEPUTY, PRESENT),
        Row(12, ADA, 5, MEMBER, APOLOGIES),
        Row(13, ADA, 5, MEMBER, ABSENT),
        Row(13, DEE, 5, DEPUTY, ABSENT),  # put down to attend, did not come
        Row(13, VIC, None, IN_ATTENDANCE, PRESENT),
        Row(14, ADA, 5, MEMBER, PRESENT, part=True),
    ]
    t = tally(rows)
    ada = t[ADA]
    assert (ada.expected, ada.present, ada.part, ada.sent_deputy, ada.apologies, ada.absent) == (
        5, 2, 1, 1, 1, 1,
    )  # fmt: skip
    assert ada.rate == Fraction(2, 5) and ada.percent == 40
    assert ada.withdrew == 2 and ada.late_apologies == 1
    assert (t[DEE].expected, t[DEE].deputised) == (0, 1)
    assert t[VIC].in_attendance == 1
    assert ada.explanation() == (
        "Expected at 5 meetings held while they held the seat: present at 2 (1 for part of the "
        "meeting), sent a deputy to 1, gave apologies for 1 without a deputy and absent from 1 "
        "without apologies; 40% attended themselves. Apologies for 1 meeting came only at the "
        "meeting. Withdrew from 2 items for an interest, counted as present."
    )
    assert t[DEE].explanation() == "Attended 1 meeting as a deputy for a member."


def test_a_member_attending_remotely_is_present_and_the_record_says_so():
    rows = [
        Row(10, ADA, 5, MEMBER, PRESENT, remote=True),
        Row(11, ADA, 5, MEMBER, PRESENT, remote=True, part=True),
        Row(12, ADA, 5, MEMBER, PRESENT),
        Row(13, ADA, 5, MEMBER, APOLOGIES, remote=True),  # not there, so not remotely either
        Row(13, DEE, 5, DEPUTY, PRESENT, remote=True),
    ]
    t = tally(rows)
    assert (t[ADA].present, t[ADA].remote, t[ADA].percent) == (3, 2, 75)
    assert t[ADA].explanation() == (
        "Expected at 4 meetings held while they held the seat: present at 3 (1 for part of the "
        "meeting, 2 remotely) and sent a deputy to 1; 75% attended themselves."
    )


def test_withdrawing_counts_only_when_present():
    assert tally([Row(1, ADA, 5, MEMBER, ABSENT, withdrew=3)])[ADA].withdrew == 0


def _tally(present, expected, absent=0, late=0):
    return Tally(ADA, expected=expected, present=present, absent=absent, late_apologies=late)


def test_the_expectation_as_the_terms_word_it():
    three_quarters = Fraction(3, 4)
    # "at least three-quarters of meetings"
    assert meets_expectation(_tally(3, 4), three_quarters, False) is True
    assert meets_expectation(_tally(2, 4), three_quarters, False) is False
    # "attend every meeting"
    assert meets_expectation(_tally(4, 4), None, False) is True
    assert meets_expectation(_tally(3, 4), None, False) is False
    # "attend all meetings or provide apologies in advance" (South East London 11.2)
    assert meets_expectation(_tally(1, 4), None, True) is True
    assert meets_expectation(_tally(3, 4, absent=1), None, True) is False
    assert meets_expectation(_tally(3, 4, late=1), None, True) is False
    # both: a share, and no absence without apologies in advance
    assert meets_expectation(_tally(2, 4), three_quarters, True) is False
    assert meets_expectation(_tally(0, 0), three_quarters, True) is None


def test_every_combination_of_one_meeting_is_counted_once():
    for member, deputy in itertools.product((PRESENT, APOLOGIES, ABSENT), (None, PRESENT, ABSENT)):
        rows = [Row(1, ADA, 5, MEMBER, member)]
        if deputy:
            rows.append(Row(1, DEE, 5, DEPUTY, deputy))
        ada = tally(rows)[ADA]
        counted = (ada.present, ada.sent_deputy, ada.apologies, ada.absent)
        assert sum(counted) == ada.expected == 1, (member, deputy)
        if member != PRESENT and deputy == PRESENT:
            assert ada.sent_deputy == 1


ROWS = st.lists(
    st.builds(
        Row,
        meeting=st.integers(1, 6),
        person=st.integers(1, 5),
        seat=st.integers(1, 3),
        capacity=st.sampled_from([MEMBER, DEPUTY, IN_ATTENDANCE]),
        status=st.sampled_from([PRESENT, APOLOGIES, ABSENT]),
        part=st.booleans(),
        remote=st.booleans(),
        withdrew=st.integers(0, 3),
        in_advance=st.booleans(),
    ),
    max_size=40,
)


@given(ROWS)
def test_each_tally_adds_up(rows):
    for t in tally(rows).values():
        assert t.present + t.sent_deputy + t.apologies + t.absent == t.expected
        assert t.part <= t.present and t.remote <= t.present
        assert t.late_apologies <= t.sent_deputy + t.apologies
        assert t.rate is None or 0 <= t.rate <= 1
        mine = [r for r in rows if r.person == t.person]
        assert t.expected == sum(r.capacity == MEMBER for r in mine)
        assert t.deputised == sum(r.capacity == DEPUTY and r.status == PRESENT for r in mine)
        assert t.explanation() or not (t.expected or t.deputised or t.in_attendance)


def _day(n: int) -> datetime.date:
    return datetime.date(2026, 1, 1) + datetime.timedelta(weeks=4 * n)


def test_meetings_missed_in_a_row_are_counted_in_the_order_they_were_held():
    """ "A member who fails to attend three consecutive meetings": apologies do not excuse
    them; the rows may come in any order."""
    rows = [
        Row(14, ADA, 5, MEMBER, ABSENT, day=_day(4)),
        Row(10, ADA, 5, MEMBER, APOLOGIES, day=_day(0)),
        Row(12, ADA, 5, MEMBER, PRESENT, day=_day(2)),
        Row(13, ADA, 5, MEMBER, APOLOGIES, day=_day(3)),
        Row(11, ADA, 5, MEMBER, ABSENT, day=_day(1)),
        Row(15, ADA, 5, MEMBER, APOLOGIES, day=_day(5)),
    ]
    ada = tally(rows)[ADA]
    assert ada.missed_in_a_row == [_day(3), _day(4), _day(5)]
    assert ada.explanation().endswith(
        "Missed three meetings in a row, Thursday 26 March 2026 to Thursday 21 May 2026."
    )
    assert meets_expectation(ada, None, False, missed_in_a_row=3) is False
    assert meets_expectation(ada, None, False, missed_in_a_row=4) is True  # the only limit
    assert meets_expectation(ada, Fraction(1, 2), False, missed_in_a_row=4) is False


def test_a_deputy_attending_breaks_the_run_only_where_the_terms_say_so():
    rows = [
        Row(10, ADA, 5, MEMBER, APOLOGIES, day=_day(0)),
        Row(11, ADA, 5, MEMBER, APOLOGIES, day=_day(1)),
        Row(11, DEE, 5, DEPUTY, PRESENT, day=_day(1)),
        Row(12, ADA, 5, MEMBER, APOLOGIES, day=_day(2)),
    ]
    assert len(tally(rows)[ADA].missed_in_a_row) == 3
    assert tally(rows, deputy_attends_for_member=True)[ADA].missed_in_a_row == [_day(0)]


@given(ROWS, st.booleans())
def test_the_run_is_the_longest_stretch_of_meetings_missed(rows, deputy_counts):
    rows = [dataclasses.replace(r, day=_day(r.meeting)) for r in rows]
    stood_in = {(r.meeting, r.seat) for r in rows if r.capacity == DEPUTY and r.status == PRESENT}
    for person, t in tally(rows, deputy_attends_for_member=deputy_counts).items():
        mine = sorted(
            (r for r in rows if r.person == person and r.capacity == MEMBER),
            key=lambda r: (r.day, r.meeting),
        )
        missed = [
            r.status != PRESENT and not (deputy_counts and (r.meeting, r.seat) in stood_in)
            for r in mine
        ]
        longest = max((len(list(g)) for k, g in itertools.groupby(missed) if k), default=0)
        assert len(t.missed_in_a_row) == longest
        assert t.missed_in_a_row == sorted(t.missed_in_a_row)


def test_where_the_terms_count_only_the_room_attending_remotely_is_not_attending():
    """A council's members must attend in person (Local Government Act 1972, s.85)."""
    rows = [
        Row(10, ADA, 5, MEMBER, PRESENT, remote=True, day=_day(0)),
        Row(11, ADA, 5, MEMBER, PRESENT, remote=True, day=_day(1)),
        Row(12, ADA, 5, MEMBER, PRESENT, day=_day(2)),
        Row(13, ADA, 5, MEMBER, PRESENT, remote=True, day=_day(3)),
    ]
    counted, room_only = tally(rows)[ADA], tally(rows, remote_attends=False)[ADA]
    assert (counted.present, counted.attended, counted.percent) == (4, 4, 100)
    assert (room_only.present, room_only.attended, room_only.percent) == (4, 1, 25)
    assert counted.missed_in_a_row == []
    assert room_only.missed_in_a_row == [_day(0), _day(1)]
    assert room_only.explanation().startswith(
        "Expected at 4 meetings held while they held the seat: present at 4 (3 remotely, which "
        "the terms do not count); 25% attended themselves."
    )
    assert meets_expectation(counted, Fraction(3, 4), False) is True
    assert meets_expectation(room_only, Fraction(3, 4), False) is False


@given(ROWS)
def test_counting_only_the_room_is_as_if_each_remote_member_had_been_absent(rows):
    rows = [dataclasses.replace(r, day=_day(r.meeting)) for r in rows]
    away = [
        dataclasses.replace(r, status=ABSENT, remote=False)
        if r.capacity == MEMBER and r.status == PRESENT and r.remote
        else r
        for r in rows
    ]
    room_only, as_absent = tally(rows, remote_attends=False), tally(away)
    for person, t in room_only.items():
        assert t.rate == as_absent[person].rate
        assert t.missed_in_a_row == as_absent[person].missed_in_a_row
        assert t.present == as_absent[person].present + t.remote
