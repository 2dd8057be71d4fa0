from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from members.models import Appointment
from tests.factories import (
    AppointmentFactory,
    DeputyNominationFactory,
    InterestDeclarationFactory,
    PersonFactory,
    SeatFactory,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_an_appointment_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        AppointmentFactory(starts_on=D(2026, 5, 1), ends_on=D(2026, 4, 30))


@pytest.mark.parametrize(
    "factory", [DeputyNominationFactory, InterestDeclarationFactory], ids=["deputy", "interest"]
)
def test_dated_records_cannot_end_before_they_start(factory):
    with pytest.raises(IntegrityError):
        factory(starts_on=D(2026, 5, 1), ends_on=D(2026, 4, 30))


def test_the_database_refuses_a_second_current_holder_of_a_single_seat():
    seat = SeatFactory()
    AppointmentFactory(seat=seat)
    with pytest.raises(IntegrityError):
        AppointmentFactory(seat=seat)


def test_validation_refuses_an_overlapping_holder_with_the_reason():
    seat = SeatFactory()
    AppointmentFactory(
        seat=seat,
        starts_on=D(2025, 1, 1),
        ends_on=D(2025, 12, 31),
        person__given_name="Amara",
        person__family_name="Okafor",
    )
    overlapping = Appointment(person=PersonFactory(), seat=seat, starts_on=D(2025, 6, 1))
    with pytest.raises(ValidationError, match="Amara Okafor already holds this place"):
        overlapping.full_clean()


def test_a_successor_may_take_the_seat_when_the_holder_leaves():
    seat = SeatFactory()
    AppointmentFactory(seat=seat, starts_on=D(2025, 1, 1), ends_on=D(2025, 12, 31))
    successor = Appointment(person=PersonFactory(), seat=seat, starts_on=D(2026, 1, 1))
    successor.full_clean()


def test_a_seat_with_two_places_takes_two_holders_but_not_three():
    seat = SeatFactory(max_holders=2)
    AppointmentFactory(seat=seat, place=1)
    second = Appointment(person=PersonFactory(), seat=seat, place=2, starts_on=D(2025, 1, 1))
    second.full_clean()
    second.save()
    third = Appointment(person=PersonFactory(), seat=seat, place=3, starts_on=D(2025, 1, 1))
    with pytest.raises(ValidationError, match="2 place"):
        third.full_clean()


def test_the_same_person_cannot_hold_two_places_of_one_seat_at_once():
    seat = SeatFactory(max_holders=2)
    first = AppointmentFactory(seat=seat, place=1)
    again = Appointment(person=first.person, seat=seat, place=2, starts_on=D(2025, 3, 1))
    with pytest.raises(ValidationError, match="already holds this seat"):
        again.full_clean()


def test_current_finds_appointments_in_force_on_a_date():
    seat = SeatFactory()
    past = AppointmentFactory(seat=seat, starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 31))
    present = AppointmentFactory(seat=seat, starts_on=D(2025, 1, 1))
    assert list(Appointment.objects.current(D(2024, 12, 31))) == [past]
    assert list(Appointment.objects.current(D(2025, 1, 1))) == [present]
    assert list(Appointment.objects.current(D(2023, 12, 31))) == []


def test_str_marks_acting_and_interim_appointments():
    appointment = AppointmentFactory(
        tenure=Appointment.Tenure.INTERIM,
        person__given_name="Sam",
        person__family_name="Reid",
        seat__title="Director of Finance",
        seat__body__short_name="JCG",
    )
    assert str(appointment) == "Sam Reid as Director of Finance (JCG) (Interim)"
