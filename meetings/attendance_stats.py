"""Attendance statistics for a body over a period, read from the attendance lists of the
meetings held: a fixed number of queries, however many meetings and people."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from governance.models import Body
from governance.rules.attendance_record import Row, Tally, meets_expectation, tally
from governance.rules.words import LONDON, london_midnight
from members.models import Person

from .models import Apology, Attendance, Declaration, Meeting


@dataclass
class Line:
    person: Person
    places: list[str]
    tally: Tally
    meets: bool | None


@dataclass
class Statistics:
    since: datetime.date
    until: datetime.date
    counted: int  # meetings held with attendance on record
    cancelled: int
    unrecorded: int  # held, but with no attendance on record
    lines: list[Line]
    expectation: object | None  # the terms' AttendanceExpectation, if they state one
    public: bool  # only the meetings held in public are counted

    @property
    def members(self) -> list[Line]:
        return [line for line in self.lines if line.tally.expected]

    @property
    def others(self) -> list[Line]:
        return [line for line in self.lines if not line.tally.expected]

    @property
    def percent(self) -> int | None:
        """Of the meetings members were expected at, the share they attended, as the terms
        count it."""
        expected = sum(line.tally.expected for line in self.lines)
        attended = sum(line.tally.attended for line in self.lines)
        return round(100 * attended / expected) if expected else None


def statistics(
    body: Body, since: datetime.date, until: datetime.date, *, public: bool, expectation
) -> Statistics:
    """``public``: count only the meetings held in public, as the public may see them."""
    meetings = body.meetings.filter(
        starts_at__gte=london_midnight(since),
        starts_at__lt=london_midnight(until + datetime.timedelta(days=1)),
    )
    if public:
        meetings = meetings.filter(held_in_public=True)
    held = meetings.filter(closed_at__isnull=False).exclude(status=Meeting.Status.CANCELLED)
    counts = meetings.aggregate(
        cancelled=Count("pk", filter=Q(status=Meeting.Status.CANCELLED)),
        unrecorded=Count(
            "pk",
            filter=Q(closed_at__isnull=False)
            & ~Q(status=Meeting.Status.CANCELLED)
            & ~Q(Exists(Attendance.objects.filter(meeting=OuterRef("pk")))),
        ),
        counted=Count(
            "pk",
            filter=Q(closed_at__isnull=False)
            & ~Q(status=Meeting.Status.CANCELLED)
            & Q(Exists(Attendance.objects.filter(meeting=OuterRef("pk")))),
        ),
    )
    withdrawn = (
        Declaration.objects.filter(
            item__meeting=OuterRef("meeting"),
            person=OuterRef("person"),
            determination=Declaration.Determination.WITHDRAW,
        )
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    in_advance = Apology.objects.filter(
        meeting=OuterRef("meeting"),
        person=OuterRef("person"),
        received_at__lt=OuterRef("meeting__starts_at"),
    )
    rows = (
        Attendance.objects.filter(meeting__in=held, person__isnull=False)
        .annotate(withdrew=Coalesce(Subquery(withdrawn), 0), early=Exists(in_advance))
        .values_list(
            "meeting_id",
            "person_id",
            "seat_id",
            "capacity",
            "status",
            "remote",
            "arrived_during_id",
            "left_during_id",
            "withdrew",
            "early",
            "seat__title",
            "seat__position",
            "meeting__starts_at",
            named=True,
        )
    )
    facts, places = [], {}
    for row in rows:
        facts.append(
            Row(
                row.meeting_id,
                row.person_id,
                row.seat_id,
                row.capacity,
                row.status,
                part=bool(row.arrived_during_id or row.left_during_id),
                withdrew=row.withdrew,
                in_advance=row.early,
                day=row.meeting__starts_at.astimezone(LONDON).date(),
                remote=row.remote,
            )
        )
        if row.seat__title and row.capacity == Attendance.Capacity.MEMBER:
            places.setdefault(row.person_id, {})[row.seat__title] = row.seat__position
    tallies = tally(
        facts,
        deputy_attends_for_member=bool(expectation and expectation.deputy_attends_for_member),
        remote_attends=expectation is None or expectation.remote_attends,
    )
    people = Person.objects.filter(pk__in=tallies).order_by("family_name", "given_name", "pk")
    lines = [
        Line(
            person=person,
            places=sorted(places.get(person.pk, {}), key=places.get(person.pk, {}).get),
            tally=tallies[person.pk],
            meets=None
            if expectation is None
            else meets_expectation(
                tallies[person.pk],
                expectation.share,
                expectation.apologies_in_advance,
                expectation.missed_in_a_row,
            ),
        )
        for person in people
    ]
    return Statistics(since, until, counts["counted"], counts["cancelled"],
                      counts["unrecorded"], lines, expectation, public)  # fmt: skip
