"""What the bodies' terms call for beyond each meeting: the obligations with a date (reports,
reviews, assessments, the chair's term) that are due or overdue, and whether each body meets
as often as its terms say. Read for many bodies at once in a fixed number of queries, over a
window of a year back and ahead, so it never grows with history."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.models import Body, ObligationDone
from governance.rules.language import BodyRules
from governance.rules.obligations import Due, FrequencyCheck, add_months, frequency_check
from governance.rules.obligations import obligations_due as occasions
from governance.rules.words import LONDON
from members.models import Appointment, User
from members.snapshots import BodySnapshot

from .models import Meeting

LOOK_BACK_MONTHS = 12
LOOK_AHEAD_DAYS = 31
SHOWN = 3  # occasions of each obligation shown, the earliest first; the rest are counted


@dataclass
class BodyCompliance:
    body: Body
    due: list[Due]
    frequency: FrequencyCheck
    more: list[tuple[str, int]] = ()  # (what, how many more occasions) beyond those shown

    @property
    def overdue(self) -> list[Due]:
        return [d for d in self.due if d.state == "overdue"]

    @property
    def needs_attention(self) -> bool:
        return bool(self.due) or not self.frequency.ok


def compliance(snapshots: dict[int, BodySnapshot], today: datetime.date) -> list[BodyCompliance]:
    """For each body, the occasions due in the coming month or overdue within the last year
    (not yet recorded done; the earliest ``SHOWN`` of each obligation, and how many more),
    and the meeting-frequency check."""
    bodies = [s.body for s in snapshots.values()]
    since = add_months(today, -LOOK_BACK_MONTHS)
    meetings = defaultdict(list)
    for body_id, starts_at, kind in (
        Meeting.objects.filter(body__in=bodies)
        .on_days(add_months(since, -1), add_months(today, 12))
        .exclude(status=Meeting.Status.CANCELLED)
        .values_list("body_id", "starts_at", "kind")
    ):
        meetings[body_id].append((starts_at.astimezone(LONDON).date(), kind))
    done = occasions_done(bodies, since)
    chair_since = _chair_appointments(bodies, today)
    result = []
    for state in snapshots.values():
        rules, terms = state.rules_on(today), state.terms_on(today)
        if rules is None or terms is None:
            continue
        held = [day for day, _ in meetings[state.body.pk] if day <= today]
        ordinary = [day for day, kind in meetings[state.body.pk] if kind == "ordinary"]
        due, more = [], []
        for obligation in rules.all_obligations():
            start = terms.effective_from
            if obligation.kind == "chair_appointment":
                start = chair_since.get(state.body.pk, start)
            found = [
                d
                for d in occasions(
                    obligation,
                    start=start,
                    today=today,
                    ahead_days=LOOK_AHEAD_DAYS,
                    meetings=held,
                    calendar=rules.calendar,
                    done=done[(state.body.pk, obligation.key)],
                )
                if d.due >= since and d.state != "done"
            ]
            found.sort(key=lambda d: d.due)
            due += found[:SHOWN]
            if len(found) > SHOWN:
                more.append((obligation.what, len(found) - SHOWN))
        f = rules.frequency
        check = frequency_check(
            every_months=f.every_months if f else None,
            at_least_per_year=f.at_least_per_year if f else None,
            meetings=ordinary,
            today=today,
            since=terms.effective_from,
            clause=f.clause if f else "",
        )
        result.append(BodyCompliance(state.body, sorted(due, key=lambda d: d.due), check, more))
    return result


def occasions_done(bodies, since: datetime.date) -> dict[tuple[int, str], dict]:
    """The occasions recorded done since ``since``: for each (body, obligation key), each
    due date and the day it was done."""
    done = defaultdict(dict)
    for body_id, key, due_on, done_on in ObligationDone.objects.filter(
        body__in=bodies, due_on__gte=since
    ).values_list("body_id", "key", "due_on", "done_on"):
        done[(body_id, key)][due_on] = done_on
    return done


def duties_after(
    meeting: Meeting, rules: BodyRules | None, done: dict, today: datetime.date
) -> list[Due]:
    """What the terms call for after each meeting (the minutes shared with the partners, a
    summary of its key messages), for this meeting; ``done`` as ``occasions_done`` gives it."""
    if rules is None:
        return []
    return [
        due
        for obligation in rules.all_obligations()
        if obligation.after_each_meeting
        for due in occasions(
            obligation,
            start=meeting.day,
            today=today,
            ahead_days=(meeting.day - today).days + 366,  # whatever falls due in its year
            meetings=[meeting.day],
            calendar=rules.calendar,
            done=done[(meeting.body_id, obligation.key)],
        )
    ]


def _chair_appointments(bodies, today) -> dict[int, datetime.date]:
    """When each body's current chair took the chair: their term runs from then."""
    starts = {}
    for body_id, started in (
        Appointment.objects.current(today)
        .filter(seat__body__in=bodies, seat__role__in=["chair", "co_chair"])
        .order_by("seat__position")
        .values_list("seat__body_id", "starts_on")
    ):
        starts.setdefault(body_id, started)
    return starts


@transaction.atomic
def obligation_done(
    *,
    body: Body,
    key: str,
    due_on: datetime.date,
    done_on: datetime.date,
    note: str,
    user: User,
    now: datetime.datetime,
) -> ObligationDone:
    """Record an occasion of an obligation as done (the report sent, the review held)."""
    if done_on > now.astimezone(LONDON).date():
        raise ValidationError({"done_on": "It cannot be done in the future."})
    record = ObligationDone(
        body=body,
        key=key,
        due_on=due_on,
        done_on=done_on,
        note=note.strip(),
        recorded_at=now,
        recorded_by=user,
    )
    record._history_user = user
    record.full_clean()
    record.save()
    return record
