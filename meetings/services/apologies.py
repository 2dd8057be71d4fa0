"""Apologies received before a meeting, and the deputy sent instead."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from governance.rules.attendance import deputy_problems
from members.models import Appointment, DeputyNomination, Person, User
from members.snapshots import BodySnapshot

from .. import signals
from ..models import Apology, Meeting


def apology_record(
    *,
    meeting: Meeting,
    snapshot: BodySnapshot,
    seat_key: str,
    person: Person,
    deputy: Person | None,
    chair_agreed_by: str,
    user: User,
    now: datetime.datetime,
) -> Apology:
    """Record apologies and any deputy, checked against the deputy policy in force for the
    meeting: must it be the nominated deputy? must the chair agree?"""
    day = meeting.day
    rules = snapshot.rules_on(day)
    seat = next((s for s in snapshot.seats if s.key == seat_key), None)
    if seat is None:
        raise ValidationError({"seat": "Choose a seat on this body."})
    if not Appointment.objects.current(day).filter(seat=seat, person=person).exists():
        raise ValidationError(
            {"person": f"{person} does not hold the {seat.title} on the day of the meeting."}
        )
    errors = []
    if deputy is not None and rules is not None:
        errors = deputy_problems(
            rules.deputies,
            snapshot.membership.seat(seat.key),
            nominated=DeputyNomination.objects.current(day)
            .filter(seat=seat, person=deputy)
            .exists(),
            chair_agreed=bool(chair_agreed_by),
        )
    if errors:
        raise ValidationError({"deputy": errors})
    apology, _ = Apology.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={
            "seat": seat,
            "deputy": deputy,
            "chair_agreed": bool(chair_agreed_by),
            "chair_agreed_by": chair_agreed_by,
            "received_at": now,
            "recorded_by": user,
        },
    )
    signals.apology_recorded.send(sender=Apology, apology=apology)
    return apology
