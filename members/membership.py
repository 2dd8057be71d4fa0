"""Keeping a body's membership, as its secretariat does: appointing people to its seats,
ending appointments, nominating deputies and ending nominations. The seat is locked while
its places are counted, so two clerks never put two people in one place; every change keeps
its history with who made it, and the body's cached snapshot follows (members/freshness.py).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from governance.models import Seat
from governance.rules.words import long_date

from .models import Appointment, DeputyNomination, Person, User


def people_named(people, find: str, limit: int):
    """The first ``limit`` of ``people`` whose names contain every word typed (up to five;
    a NUL, which no name holds and PostgreSQL refuses in a query, is dropped)."""
    for word in find.replace("\x00", "").split()[:5]:
        people = people.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
    return people.order_by("family_name", "given_name", "pk")[:limit]


def person_add(
    *, honorific: str, given_name: str, family_name: str, job_title: str, email: str, user: User
) -> Person:
    person = Person(
        honorific=honorific.strip(),
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        job_title=job_title.strip(),
        email=email.strip().lower(),
    )
    return _saved(person, user)


DETAILS = ("honorific", "given_name", "family_name", "job_title", "email", "phone")


@transaction.atomic
def person_update(*, person: Person, revision: int, details: dict, user: User) -> Person:
    """A person's names and contact details, changed; refused (``code="stale"``) where
    someone else changed them since ``revision`` was read."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.revision != revision:
        raise ValidationError(
            "Someone else changed these details while you had the form open.", code="stale"
        )
    for name in DETAILS:
        value = details[name].strip()
        setattr(person, name, value.lower() if name == "email" else value)
    person.revision += 1
    return _saved(person, user)


def _on_or_after(day: datetime.date) -> Q:
    """Dated rows that run on ``day`` or later."""
    return Q(ends_on__isnull=True) | Q(ends_on__gte=day)


def _saved(record, user: User):
    record.full_clean()
    record._history_user = user
    record.save()
    return record


def _free_place(seat: Seat, starts_on: datetime.date) -> int | None:
    """The first of the seat's places no one holds on or after ``starts_on``."""
    held = {a.place for a in seat.appointments.filter(_on_or_after(starts_on))}
    return next((p for p in range(1, seat.max_holders + 1) if p not in held), None)


@transaction.atomic
def appointment_add(
    *, seat: Seat, person: Person, tenure: str, starts_on: datetime.date, user: User
) -> Appointment:
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if seat.appointments.filter(_on_or_after(starts_on), person=person).exists():
        raise ValidationError(f"{person.full_name} already holds the {seat.title}'s seat.")
    place = _free_place(seat, starts_on)
    if place is None:
        raise ValidationError(
            {
                "starts_on": f"Every place on the {seat.title}'s seat is held on "
                f"{long_date(starts_on)} or after: end an appointment first."
            }
        )
    appointment = Appointment(
        person=person, seat=seat, place=place, tenure=tenure, starts_on=starts_on
    )
    return _saved(appointment, user)


@transaction.atomic
def record_end(*, record: Appointment | DeputyNomination, ends_on: datetime.date, user: User):
    """An appointment or a nomination, ended on its last day."""
    record = type(record).objects.select_for_update().get(pk=record.pk)
    what = "appointment" if isinstance(record, Appointment) else "nomination"
    if record.ends_on is not None:
        raise ValidationError(f"This {what} already ends on {long_date(record.ends_on)}.")
    if ends_on < record.starts_on:
        raise ValidationError(
            {"ends_on": f"The last day cannot be before it began, {long_date(record.starts_on)}."}
        )
    record.ends_on = ends_on
    return _saved(record, user)


@transaction.atomic
def nomination_add(
    *, seat: Seat, person: Person, starts_on: datetime.date, user: User
) -> DeputyNomination:
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if seat.appointments.current(starts_on).filter(person=person).exists():
        raise ValidationError(f"{person.full_name} holds the seat, so cannot deputise for it.")
    if seat.deputy_nominations.filter(_on_or_after(starts_on), person=person).exists():
        raise ValidationError(f"{person.full_name} is already a nominated deputy for this seat.")
    return _saved(DeputyNomination(person=person, seat=seat, starts_on=starts_on), user)
