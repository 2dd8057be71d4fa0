"""Who is in the room: the attendance list opened from the appointments, one-click arrivals
and departures by item and time, deputies, people in attendance, and corrections on record."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from config import clock
from governance.models import Seat
from governance.rules.attendance import deputy_problems
from governance.rules.language import BodyRules
from members.models import Appointment, DeputyNomination, Person, User
from members.snapshots import snapshot

from ..models import AgendaItem, Attendance, Meeting
from .locking import console_version_raise, moment_problem, on_record, open_meeting, revision_check


@transaction.atomic
def sitting_open(*, meeting: Meeting, user: User, now: datetime.datetime) -> None:
    """Put every seat holder on the attendance list, with the apologies and deputies already
    received; the first item becomes the current one. Opening twice changes nothing."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    apologies = {(a.seat_id, a.person_id): a for a in meeting.apologies.all()}
    existing = set(meeting.attendance.values_list("seat_id", "person_id"))
    for appointment in (
        Appointment.objects.current(meeting.day)
        .filter(seat__body=meeting.body)
        .select_related("seat")
    ):
        key = (appointment.seat_id, appointment.person_id)
        if key in existing:
            continue
        sent = apologies.get(key)
        Attendance.objects.create(
            meeting=meeting,
            seat=appointment.seat,
            person_id=appointment.person_id,
            capacity=Attendance.Capacity.MEMBER,
            status=Attendance.Status.APOLOGIES if sent else Attendance.Status.ABSENT,
            updated_at=now,
            updated_by=user,
        )
        if sent and sent.deputy_id and (sent.seat_id, sent.deputy_id) not in existing:
            Attendance.objects.create(
                meeting=meeting,
                seat=appointment.seat,
                person_id=sent.deputy_id,
                capacity=Attendance.Capacity.DEPUTY,
                status=Attendance.Status.ABSENT,
                chair_agreed_by=sent.chair_agreed_by,
                updated_at=now,
                updated_by=user,
            )
    if meeting.current_item_id is None:
        meeting.current_item = meeting.items.order_by("position").first()
        meeting.save(update_fields=["current_item"])
    console_version_raise(meeting)


class Mark:
    PRESENT = "present"
    ARRIVED = "arrived"
    LEFT = "left"
    APOLOGIES = "apologies"
    ABSENT = "absent"
    REMOTE = "remote"  # arrived, by video or telephone
    ALL = (PRESENT, ARRIVED, LEFT, APOLOGIES, ABSENT, REMOTE)


@transaction.atomic
def attendance_mark(
    *,
    meeting: Meeting,
    row: Attendance,
    revision: int,
    mark: str,
    user: User,
    now: datetime.datetime,
) -> Attendance:
    """One click: arrived (now, during the current item; from the start while the meeting is
    on its first item), remote (arrived, by video or telephone), present (from the start, to
    correct the record), left (now, during the current item), apologies or absent.
    ``revision`` is the row as the clerk saw it."""
    meeting = open_meeting(meeting)
    row = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=row.pk, meeting=meeting)
    )
    revision_check(row, revision, f"{row.display_name}'s attendance")
    if mark == Mark.PRESENT:
        row.status = Attendance.Status.PRESENT
        row.arrived_during = row.left_during = row.arrived_at = row.left_at = None
    elif mark in (Mark.ARRIVED, Mark.REMOTE):
        row.status, row.arrived_during, row.arrived_at = (
            Attendance.Status.PRESENT,
            _arrival(meeting),
            now,
        )
        row.left_during = row.left_at = None
    elif mark == Mark.LEFT:
        if row.status != Attendance.Status.PRESENT:
            raise ValidationError(f"{row.display_name} is not recorded as present.")
        row.left_during, row.left_at = meeting.current_item, now
    elif mark in (Mark.APOLOGIES, Mark.ABSENT):
        row.status = Attendance.Status(mark)
        row.arrived_during = row.left_during = row.arrived_at = row.left_at = None
    else:
        raise ValidationError(f"Unknown attendance mark '{mark}'.")
    if mark != Mark.LEFT:
        row.remote = mark == Mark.REMOTE
    row.updated_at, row.updated_by, row.revision = now, user, row.revision + 1
    row._history_user = user
    row.save()
    return row


@transaction.atomic
def attendance_correct(
    *,
    meeting: Meeting,
    row: Attendance,
    revision: int,
    status: str,
    arrived_during: AgendaItem | None,
    arrived_at: datetime.datetime | None,
    left_during: AgendaItem | None,
    left_at: datetime.datetime | None,
    reason: str,
    user: User,
    now: datetime.datetime,
    remote: bool = False,
) -> Attendance:
    """Correct one person's attendance on record (when they arrived and left, by item and
    time), keeping what was recorded before, who changed it and why. The quorum of every
    item follows the corrected record."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    row = Attendance.objects.select_for_update(of=("self",)).get(pk=row.pk, meeting=meeting)
    revision_check(row, revision, f"{row.display_name}'s attendance")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the record is being corrected."})
    errors = {}
    for field, moment, what in (
        ("arrived_at", arrived_at, "The arrival time"),
        ("left_at", left_at, "The departure time"),
    ):
        if problem := moment_problem(meeting, moment, now, what):
            errors[field] = problem
    if status != Attendance.Status.PRESENT and (arrived_during or left_during or left_at):
        errors["status"] = "Only someone present can arrive or leave during an item."
    if status != Attendance.Status.PRESENT and remote:
        errors["remote"] = "Only someone present attends, remotely or in the room."
    if arrived_during and left_during and left_during.position < arrived_during.position:
        errors["left_during"] = "They cannot leave during an item before the one they arrived in."
    if arrived_at and left_at and left_at < arrived_at:
        errors["left_at"] = "They cannot leave before they arrived."
    if errors:
        raise ValidationError(errors)
    row.status = status
    row.arrived_during, row.arrived_at = arrived_during, arrived_at
    row.left_during, row.left_at = left_during, left_at
    row.remote = remote
    row.updated_at, row.updated_by = now, user
    on_record(row, user=user, reason=reason.strip())
    console_version_raise(meeting)
    return row


@transaction.atomic
def deputy_add(
    *,
    meeting: Meeting,
    seat: Seat,
    person: Person,
    chair_agreed_by: str,
    rules: BodyRules,
    user: User,
    now: datetime.datetime,
    remote: bool = False,
) -> Attendance:
    """A deputy arrives for a seat (in the room, or ``remote``ly), checked against the
    deputy policy."""
    meeting = open_meeting(meeting)
    here = [
        row
        for row in meeting.attendance.filter(seat=seat, capacity=Attendance.Capacity.MEMBER)
        .exclude(person=person)
        .select_related("person", "arrived_during", "left_during")
        if row.present_for(meeting.current_item)
    ]
    if len(here) >= seat.max_holders:
        raise ValidationError(
            {
                "seat": f"{here[0].display_name}, who holds the {seat.title}, is present: a "
                "deputy attends only in a member's absence."
            }
        )
    nominated = (
        DeputyNomination.objects.current(meeting.day).filter(seat=seat, person=person).exists()
    )
    engine_seat = snapshot(meeting.body, clock.today()).membership.seat(seat.key)
    problems = deputy_problems(
        rules.deputies, engine_seat, nominated=nominated, chair_agreed=bool(chair_agreed_by.strip())
    )
    if problems:
        raise ValidationError(problems)
    row, _ = Attendance.objects.update_or_create(
        meeting=meeting,
        seat=seat,
        person=person,
        defaults={
            "capacity": Attendance.Capacity.DEPUTY,
            "status": Attendance.Status.PRESENT,
            "arrived_during": _arrival(meeting),
            "arrived_at": now,
            "left_during": None,
            "left_at": None,
            "remote": remote,
            "chair_agreed_by": chair_agreed_by.strip(),
            "updated_at": now,
            "updated_by": user,
        },
    )
    return row


@transaction.atomic
def in_attendance_add(
    *, meeting: Meeting, name: str, user: User, now: datetime.datetime
) -> Attendance:
    meeting = open_meeting(meeting)
    if not name.strip():
        raise ValidationError({"name": "Give the name of the person in attendance."})
    return Attendance.objects.create(
        meeting=meeting,
        name=name.strip(),
        capacity=Attendance.Capacity.IN_ATTENDANCE,
        arrived_during=_arrival(meeting),
        arrived_at=now,
        updated_at=now,
        updated_by=user,
    )


def _arrival(meeting: Meeting) -> AgendaItem | None:
    """Someone joining after the first item arrived during the current one."""
    first = meeting.items.order_by("position").values_list("pk", flat=True).first()
    return None if meeting.current_item_id in (None, first) else meeting.current_item
