"""The quorum expected at a meeting: every member in post attends except those who sent
apologies, and the deputies they named attend in their place."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from governance.rules import quorum
from governance.rules.attendance import Attendance, Attendee, Capacity
from governance.rules.chair import Presiding, presiding
from members.snapshots import BodySnapshot

from .models import Meeting


@dataclass(frozen=True)
class Forecast:
    business: str
    result: quorum.QuorumResult


def quorum_forecast(
    meeting: Meeting, snapshot: BodySnapshot, *, nominated: set[tuple[int, int]], turn: int = 0
) -> list[Forecast]:
    """One forecast per business type on the agenda (the default when it has none yet).
    ``meeting.apologies`` and ``meeting.items`` should be prefetched; ``nominated`` holds the
    (seat id, person id) pairs of current deputy nominations; ``turn`` is the meeting's place
    in the body's run (for co-chairs who alternate)."""
    day = meeting.day
    rules = snapshot.rules_on(day)
    if rules is None:
        return []
    attendance = expected_attendance(meeting, snapshot, nominated, day, rules, turn)
    keys = {item.business_type for item in meeting.items.all() if item.business_type}
    types = [b for b in rules.business_types if b.key in keys] or [rules.default_business]
    return [Forecast(b.name, rules.judge(snapshot.membership, attendance, b.key)) for b in types]


def expected_attendance(
    meeting, snapshot, nominated, day: datetime.date, rules, turn: int = 0
) -> Attendance:
    apologies = {}
    for apology in meeting.apologies.all():
        apologies.setdefault(apology.seat_id, []).append(apology)
    present = []
    for seat in snapshot.seats:
        sent = apologies.get(seat.pk, [])
        names = snapshot.holders.get(seat.key, [])
        for name in names[len(sent) :]:
            present.append(Attendee(name, seat.key))
        for apology in sent:
            if apology.deputy_id:
                present.append(
                    Attendee(
                        apology.deputy.full_name,
                        seat.key,
                        Capacity.DEPUTY,
                        chair_agreed=apology.chair_agreed,
                        nominated=(seat.pk, apology.deputy_id) in nominated,
                    )
                )
    chair = presiding(rules.chair, snapshot.membership, tuple(present), day, turn=turn)
    return Attendance(
        tuple(present),
        tuple(a.seat.key for a in meeting.apologies.all()),
        chair.name,
        chair.role,
    )


def expected_presiding(meeting: Meeting, snapshot: BodySnapshot) -> Presiding | None:
    """Who is expected to chair the meeting, from the members in post and the apologies
    received: for co-chairs who alternate, the one whose turn it is."""
    rules = snapshot.rules_on(meeting.day)
    if rules is None:
        return None
    turn = Meeting.objects.chair_turns([meeting]).get(meeting.pk, 0)
    attendance = expected_attendance(meeting, snapshot, set(), meeting.day, rules, turn)
    return presiding(rules.chair, snapshot.membership, attendance.present, meeting.day, turn=turn)
