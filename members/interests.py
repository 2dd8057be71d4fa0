"""The register of interests: who on a body has declared what, and when each last made their
declaration (a nil return when there was nothing to declare). A declaration is due on
appointment and then each year; NHS England's guidance expects the register to be public."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, Q, Subquery

from governance.models import Body

from .models import Appointment, DeputyNomination, InterestDeclaration, InterestReturn, Person


def a_year_after(day: datetime.date) -> datetime.date:
    """The same day a year on; 29 February falls due on 28 February."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def return_due(last_made_on: datetime.date | None, serving_since: datetime.date) -> datetime.date:
    """When the next declaration is due: a year after the last, or on appointment if none."""
    return serving_since if last_made_on is None else a_year_after(last_made_on)


@dataclass
class Entry:
    """A person's entry in a body's register: the places they hold, their current interests
    and their last declaration."""

    person: Person
    places: list[str] = field(default_factory=list)
    interests: list[InterestDeclaration] = field(default_factory=list)
    last_return: datetime.date | None = None
    nil: bool = False
    due: datetime.date | None = None


def with_last_return(people):
    """Each person's latest declaration date and whether it was a nil return (one query)."""
    latest = InterestReturn.objects.filter(person=OuterRef("pk")).order_by("-made_on", "-pk")
    return people.annotate(
        last_return=Subquery(latest.values("made_on")[:1]),
        last_nil=Subquery(latest.values("nil")[:1]),
    )


def _current_places(on: datetime.date, body: Body | None = None):
    """Each person's places on ``on`` in words, in the terms' order, and the day the earliest
    began: two queries."""
    places: dict[int, list[str]] = {}
    since: dict[int, datetime.date] = {}
    for model, words in ((Appointment, "{}"), (DeputyNomination, "Deputy for {}")):
        rows = model.objects.current(on).select_related("seat").order_by("seat__position", "pk")
        for row in rows.filter(seat__body=body) if body else rows:
            places.setdefault(row.person_id, []).append(words.format(row.seat.title))
            since[row.person_id] = min(since.get(row.person_id, row.starts_on), row.starts_on)
    return places, since


def register(body: Body, on: datetime.date) -> list[Entry]:
    """The entries of those holding a seat on the body, or nominated to deputise, on ``on``:
    four queries, however long the register's history."""
    places, since = _current_places(on, body)
    people = with_last_return(Person.objects.filter(pk__in=places))
    interests: dict[int, list] = {}
    for interest in (
        InterestDeclaration.objects.current(on)
        .filter(person__in=places)
        .select_related("organisation")
        .order_by("category", "-declared_on", "pk")
    ):
        interests.setdefault(interest.person_id, []).append(interest)
    return [
        Entry(
            person=person,
            places=places[person.pk],
            interests=interests.get(person.pk, []),
            last_return=person.last_return,
            nil=bool(person.last_nil),
            due=return_due(person.last_return, since[person.pk]),
        )
        for person in people.order_by("family_name", "given_name", "pk")
    ]


def serving(on: datetime.date):
    """Everyone holding a seat, or nominated to deputise, on ``on``, each with the day their
    earliest current place began as ``serving_since`` and their last declaration."""
    _, since = _current_places(on)
    people = list(with_last_return(Person.objects.filter(pk__in=since)))
    for person in people:
        person.serving_since = since[person.pk]
    return people


def current_interests(person: Person, on: datetime.date):
    return person.interests.current(on).select_related("organisation")


def past_interests(person: Person, on: datetime.date):
    return person.interests.filter(Q(ends_on__lt=on)).select_related("organisation")


def make_return(*, person: Person, user, now: datetime.datetime, today: datetime.date):
    """The person declares their entry complete today: a nil return if nothing is current."""
    return InterestReturn.objects.create(
        person=person,
        made_on=today,
        nil=not current_interests(person, today).exists(),
        recorded_at=now,
        recorded_by=user,
    )
