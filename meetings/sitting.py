"""A meeting as it sits: who is in the room for each item, who presides, the quorum and the
electorate for the current item. Read once per request, in a fixed number of queries, and
everything on the console is drawn from the one reading, so no panel can disagree with
another."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from config import clock
from governance.models import Seat
from governance.rules import quorum
from governance.rules.attendance import Attendance as EngineAttendance
from governance.rules.attendance import Attendee, Capacity, DeputyPolicy
from governance.rules.chair import ChairKind, Presiding, presiding
from governance.rules.language import BodyRules
from governance.rules.voting import Electorate, VotingPolicy
from members.models import DeputyNomination, InterestDeclaration, Person
from members.snapshots import BodySnapshot, snapshot

from .models import AdvanceDeclaration, AgendaItem, Attendance, Declaration, Meeting


@dataclass
class Sitting:
    meeting: Meeting
    snapshot: BodySnapshot
    rules: BodyRules | None
    items: list[AgendaItem]
    rows: list[Attendance]
    declarations: list[Declaration]
    nominations: list[DeputyNomination]
    suggestions: list[tuple[Person, InterestDeclaration]] = field(default_factory=list)
    declared_in_advance: list[AdvanceDeclaration] = field(default_factory=list)

    @property
    def item(self) -> AgendaItem | None:
        return next((i for i in self.items if i.pk == self.meeting.current_item_id), None)

    @cached_property
    def turn(self) -> int:
        """The meeting's place in the body's run, for co-chairs who alternate."""
        return Meeting.objects.chair_turns([self.meeting]).get(self.meeting.pk, 0)

    @cached_property
    def nominated(self) -> set[tuple[int, int]]:
        """(seat, person) for each deputy nominated for a seat on the meeting's day."""
        return {(n.seat_id, n.person_id) for n in self.nominations}

    @property
    def day(self) -> datetime.date:
        return self.meeting.day

    @property
    def members(self) -> list[Attendance]:
        return [
            r
            for r in self.rows
            if r.capacity == Attendance.Capacity.MEMBER and r.seat.role != Seat.Role.IN_ATTENDANCE
        ]

    @property
    def standing_attendees(self) -> list[Attendance]:
        """Holders of posts that attend but are not members ("in attendance")."""
        return [
            r
            for r in self.rows
            if r.capacity == Attendance.Capacity.MEMBER and r.seat.role == Seat.Role.IN_ATTENDANCE
        ]

    @property
    def deputies(self) -> list[Attendance]:
        return [r for r in self.rows if r.capacity == Attendance.Capacity.DEPUTY]

    @property
    def visitors(self) -> list[Attendance]:
        return [r for r in self.rows if r.capacity == Attendance.Capacity.IN_ATTENDANCE]

    def present_for(self, item: AgendaItem | None) -> list[Attendance]:
        return [r for r in self.rows if r.present_for(item)]

    def attendance_for(self, item: AgendaItem | None) -> EngineAttendance:
        """The engine's view of who is in the room for ``item``."""
        item_declarations = {
            d.person_id: d for d in self.declarations if item and d.item_id == item.pk
        }
        present = []
        for row in self.rows:
            if not row.present_for(item):
                continue
            declared = item_declarations.get(row.person_id)
            if row.capacity == Attendance.Capacity.IN_ATTENDANCE:
                present.append(
                    Attendee(row.display_name, None, Capacity.IN_ATTENDANCE, ref=f"row{row.pk}")
                )
                continue
            present.append(
                Attendee(
                    row.display_name,
                    row.seat.key,
                    Capacity(row.capacity),
                    chair_agreed=bool(row.chair_agreed_by),
                    nominated=(row.seat_id, row.person_id) in self.nominated,
                    withdrawn=bool(
                        declared and declared.determination == Declaration.Determination.WITHDRAW
                    ),
                    no_vote=bool(
                        declared and declared.determination == Declaration.Determination.NO_VOTE
                    ),
                    remote=row.remote,
                    ref=f"row{row.pk}",
                )
            )
            if declared and declared.replacement_id:
                present.append(
                    Attendee(
                        declared.replacement.full_name,
                        row.seat.key,
                        Capacity.DEPUTY,
                        chair_agreed=True,
                        nominated=(row.seat_id, declared.replacement_id) in self.nominated,
                        replaces_withdrawn=True,
                        ref=f"declaration{declared.pk}",
                    )
                )
        apologies = tuple(
            r.seat.key for r in self.rows if r.status == Attendance.Status.APOLOGIES and r.seat_id
        )
        attendance = EngineAttendance(tuple(present), apologies)
        chair = self.presiding(attendance)
        return EngineAttendance(
            present=attendance.present,
            apologies=apologies,
            presiding=chair.name,
            presiding_as=chair.role,
        )

    def presiding(self, attendance: EngineAttendance | None = None) -> Presiding:
        if self.meeting.presiding_override_id:
            person = self.meeting.presiding_override
            return Presiding(
                person.full_name,
                None,
                f"{person.full_name} presides: {self.meeting.presiding_override_reason}.",
                "named to preside",
            )
        if self.rules is None:
            return Presiding(None, None, "No terms of reference are in force.")
        attendance = attendance or self.attendance_for(self.item)
        return presiding(
            self.rules.chair,
            self.snapshot.membership,
            attendance.present,
            self.day,
            turn=self.turn if self.rules.chair.kind == ChairKind.CO_CHAIRS else 0,
        )

    def quorum_for(self, item: AgendaItem | None) -> quorum.QuorumResult:
        if self.rules is None:
            return quorum.evaluate(
                None, self.snapshot.membership, self.attendance_for(item), DeputyPolicy()
            )
        return self.rules.judge(
            self.snapshot.membership,
            self.attendance_for(item),
            (item.business_type or None) if item else None,
        )

    def electorate_for(self, item: AgendaItem | None) -> Electorate:
        """Who present may vote on ``item``, by the same standing rules as the quorum."""
        if self.rules is None or item is None:
            return Electorate((), ())
        return self.rules.electorate(
            self.snapshot.membership, self.attendance_for(item), item.business_type or None
        )

    @cached_property
    def now(self) -> quorum.QuorumResult:
        """The quorum for the current item: what every panel of the console shows."""
        return self.quorum_for(self.item)

    @cached_property
    def electorate(self) -> Electorate:
        return self.electorate_for(self.item)

    @property
    def voting(self) -> VotingPolicy | None:
        """The voting rule for the current item's business."""
        if self.rules is None or self.item is None:
            return None
        return self.rules.voting_for(self.item.business_type or None)


def sitting_for(meeting: Meeting) -> Sitting:
    """The sitting's state, in a fixed number of queries however many seats or people."""
    state = snapshot(meeting.body, clock.today())
    rows = list(
        meeting.attendance.select_related("seat", "person", "arrived_during", "left_during")
    )
    declarations = list(
        Declaration.objects.filter(item__meeting=meeting).select_related("person", "replacement")
    )
    nominations = list(
        DeputyNomination.objects.current(meeting.day)
        .filter(seat__body=meeting.body)
        .select_related("person", "seat")
        .order_by("seat__position", "person__family_name")
    )
    sitting = Sitting(
        meeting,
        state,
        state.rules_on(meeting.day),
        list(meeting.items.select_related("published", "meeting__body").order_by("position")),
        rows,
        declarations,
        nominations,
    )
    sitting.suggestions = _suggested_declarations(sitting)
    sitting.declared_in_advance = _declared_in_advance(sitting)
    return sitting


def _declared_in_advance(sitting: Sitting) -> list[AdvanceDeclaration]:
    """Interests members declared in the current item before the meeting, awaiting the
    chair's determination (those already determined drop out)."""
    item = sitting.item
    if item is None:
        return []
    determined = {d.person_id for d in sitting.declarations if d.item_id == item.pk}
    return [
        d
        for d in AdvanceDeclaration.objects.filter(item=item).select_related("person")
        if d.person_id not in determined
    ]


def _suggested_declarations(sitting: Sitting) -> list[tuple[Person, InterestDeclaration]]:
    """Members present with a declared interest in an organisation the current item names."""
    item = sitting.item
    if item is None:
        return []
    people = {r.person_id for r in sitting.rows if r.person_id and r.present_for(item)}
    declared = {d.person_id for d in sitting.declarations if d.item_id == item.pk}
    text = f"{item.title} {item.presenter}".lower()
    interests = (
        InterestDeclaration.objects.current(sitting.day)
        .filter(person_id__in=people - declared, organisation__isnull=False)
        .select_related("person", "organisation")
    )
    return [
        (i.person, i)
        for i in interests
        if i.organisation.name.lower() in text
        or (i.organisation.short_name and i.organisation.short_name.lower() in text.split())
    ]
