"""Keeping each body's cached snapshot fresh. A body's ``record_version`` is raised, in the
same transaction, by every change to what its snapshot holds: the body, its seats and their
categories and organisations, its terms, and the people appointed or nominated to its seats.
The snapshot is cached under the version, so a change is seen at once by every web process,
and an old snapshot is never read again (it simply expires). Within ``config.coalesce``'s
``coalesced()`` (importing a body), each body's version is raised once, at the end."""

from __future__ import annotations

from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save

from config.coalesce import once
from governance.models import Body, Organisation, Seat, SeatCategory, TermsOfReference

from .models import Appointment, DeputyNomination, Person


def touch(bodies: Q) -> None:
    """Raise the record version of the bodies matching ``bodies``."""
    Body.objects.filter(bodies).raise_record_version()


def _of_seats(seats) -> Q:
    return Q(pk__in=Seat.objects.filter(seats).values("body_id"))


def _touch_once(key, bodies: Q) -> None:
    once(("freshness", key), lambda: touch(bodies))


def _of_body(body_id) -> None:
    _touch_once(("body", body_id), Q(pk=body_id))


def _changed(sender, instance, created=False, **kwargs) -> None:
    if created and isinstance(instance, Person | Organisation):
        return  # no seat is theirs yet
    if isinstance(instance, Body):
        _of_body(instance.pk)
    elif isinstance(instance, Seat | SeatCategory | TermsOfReference):
        _of_body(instance.body_id)
    elif isinstance(instance, Appointment | DeputyNomination):
        if type(instance).seat.is_cached(instance):
            _of_body(instance.seat.body_id)
        else:
            _touch_once(("seat", instance.seat_id), _of_seats(Q(pk=instance.seat_id)))
    elif isinstance(instance, Person):
        _touch_once(
            ("person", instance.pk),
            _of_seats(Q(appointments__person=instance) | Q(deputy_nominations__person=instance)),
        )
    elif isinstance(instance, Organisation):
        _touch_once(
            ("organisation", instance.pk),
            _of_seats(Q(organisation=instance) | Q(also_represents=instance)),
        )


def _seat_links_changed(sender, instance, action, pk_set, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Seat):
        _of_body(instance.body_id)
    else:  # changed from the other side: the seats are in pk_set
        touch(_of_seats(Q(pk__in=pk_set or ())))


def connect() -> None:
    for model in (
        Body,
        Seat,
        SeatCategory,
        TermsOfReference,
        Appointment,
        DeputyNomination,
        Person,
        Organisation,
    ):
        post_save.connect(_changed, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"freshness-delete-{model.__name__}"
        )
    for through in (Seat.categories.through, Seat.also_represents.through):
        m2m_changed.connect(
            _seat_links_changed, sender=through, dispatch_uid=f"freshness-{through.__name__}"
        )
