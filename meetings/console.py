"""The live meeting console: who is in the room for each item, the quorum for the current
item, and the record the minutes are drafted from.

Every change goes through a function here that locks the rows it changes. Where two clerks
could overwrite each other (one person's attendance, the current item, who presides, a
declaration) the change says what the clerk's screen showed, and is refused
(``StaleConsole``) if someone else has changed it since. Each change also raises the
meeting's console version, which tells the other screens to refresh.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from governance.models import Seat
from governance.rules import quorum
from governance.rules.attendance import Attendance as EngineAttendance
from governance.rules.attendance import Attendee, Capacity, DeputyPolicy, deputy_problems
from governance.rules.chair import Presiding, presiding
from governance.rules.language import BodyRules
from governance.rules.voting import Casting, decide, eligible_voters
from governance.rules.words import LONDON
from members.models import Appointment, DeputyNomination, InterestDeclaration, Person, User
from members.snapshots import BodySnapshot, snapshot

from .agenda import agenda_items
from .models import Action, AgendaItem, Attendance, Decision, Declaration, Meeting, Vote


class StaleConsole(ValidationError):
    """The clerk's screen was out of date: someone else changed the meeting first."""


# Reading the state -----------------------------------------------------------------------


@dataclass
class Console:
    meeting: Meeting
    snapshot: BodySnapshot
    rules: BodyRules | None
    items: list[AgendaItem]
    rows: list[Attendance]
    declarations: list[Declaration]
    nominated: set[tuple[int, int]]
    suggestions: list[tuple[Person, InterestDeclaration]] = field(default_factory=list)

    @property
    def item(self) -> AgendaItem | None:
        return next((i for i in self.items if i.pk == self.meeting.current_item_id), None)

    @property
    def day(self) -> datetime.date:
        return self.meeting.starts_at.astimezone(LONDON).date()

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
                present.append(Attendee(row.display_name, None, Capacity.IN_ATTENDANCE))
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
                    )
                )
        apologies = tuple(
            r.seat.key for r in self.rows if r.status == Attendance.Status.APOLOGIES and r.seat_id
        )
        attendance = EngineAttendance(tuple(present), apologies)
        return EngineAttendance(
            present=attendance.present,
            apologies=apologies,
            presiding=self.presiding(attendance).name,
        )

    def presiding(self, attendance: EngineAttendance | None = None) -> Presiding:
        if self.meeting.presiding_override_id:
            person = self.meeting.presiding_override
            return Presiding(
                person.full_name,
                None,
                f"{person.full_name} presides: {self.meeting.presiding_override_reason}.",
            )
        if self.rules is None:
            return Presiding(None, None, "No terms of reference are in force.")
        attendance = attendance or self.attendance_for(self.item)
        return presiding(self.rules.chair, self.snapshot.membership, attendance.present, self.day)

    def quorum_for(self, item: AgendaItem | None) -> quorum.QuorumResult:
        rules = self.rules
        business = rules.business(item.business_type or None) if item and rules else None
        if business is None:
            business = rules.default_business if rules else None
        rule = rules.quorum_rule_for(business.key) if rules else None
        return quorum.evaluate(
            rule,
            self.snapshot.membership,
            self.attendance_for(item),
            rules.deputies if rules else DeputyPolicy(),
            business=business.name if business else "the business",
        )


def load(meeting: Meeting) -> Console:
    """The console's state, in a fixed number of queries however many seats or people."""
    state = snapshot(meeting.body, timezone.localdate())
    day = meeting.starts_at.astimezone(LONDON).date()
    rows = list(
        meeting.attendance.select_related("seat", "person", "arrived_during", "left_during")
    )
    declarations = list(
        Declaration.objects.filter(item__meeting=meeting).select_related("person", "replacement")
    )
    nominated = set(
        DeputyNomination.objects.current(day)
        .filter(seat__body=meeting.body)
        .values_list("seat_id", "person_id")
    )
    console = Console(
        meeting, state, state.rules_on(day), agenda_items(meeting), rows, declarations, nominated
    )
    console.suggestions = _suggested_declarations(console)
    return console


def _suggested_declarations(console: Console) -> list[tuple[Person, InterestDeclaration]]:
    """Members present with a declared interest in an organisation the current item names."""
    item = console.item
    if item is None:
        return []
    people = {r.person_id for r in console.rows if r.person_id and r.present_for(item)}
    declared = {d.person_id for d in console.declarations if d.item_id == item.pk}
    text = f"{item.title} {item.presenter}".lower()
    interests = (
        InterestDeclaration.objects.current(console.day)
        .filter(person_id__in=people - declared, organisation__isnull=False)
        .select_related("person", "organisation")
    )
    return [
        (i.person, i)
        for i in interests
        if i.organisation.name.lower() in text
        or (i.organisation.short_name and i.organisation.short_name.lower() in text.split())
    ]


# Changing it -----------------------------------------------------------------------------


STALE = (
    "so your change was not saved. The console now shows the latest; make your change "
    "again if it is still needed."
)


def _touch(meeting: Meeting) -> Meeting:
    """Lock the meeting's row and raise its console version."""
    locked = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("current_item")
        .get(pk=meeting.pk)
    )
    locked.console_version += 1
    locked.save(update_fields=["console_version"])
    return locked


@transaction.atomic
def console_open(*, meeting: Meeting, user: User, now: datetime.datetime) -> None:
    """Put every seat holder on the attendance list, with the apologies and deputies already
    received; the first item becomes the current one. Opening twice changes nothing."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    day = meeting.starts_at.astimezone(LONDON).date()
    apologies = {(a.seat_id, a.person_id): a for a in meeting.apologies.all()}
    existing = set(meeting.attendance.values_list("seat_id", "person_id"))
    for appointment in (
        Appointment.objects.current(day).filter(seat__body=meeting.body).select_related("seat")
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
    meeting.console_version += 1
    meeting.save(update_fields=["current_item", "console_version"])


MARKS = ("present", "apologies", "absent", "arrived", "left")


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
    """One click: arrived (during the current item, or from the start while the meeting is
    on its first item), present (from the start, to correct the record), left (during the
    current item), apologies or absent. ``revision`` is the row as the clerk saw it."""
    meeting = _touch(meeting)
    row = (
        Attendance.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=row.pk, meeting=meeting)
    )
    if row.revision != revision:
        raise StaleConsole(f"Someone else changed {row.display_name}'s attendance first, {STALE}")
    current = meeting.current_item
    if mark == "present":
        row.status, row.arrived_during, row.left_during = Attendance.Status.PRESENT, None, None
    elif mark == "arrived":
        row.status, row.arrived_during, row.left_during = (
            Attendance.Status.PRESENT,
            _arrival(meeting),
            None,
        )
    elif mark == "left":
        if row.status != Attendance.Status.PRESENT:
            raise ValidationError(f"{row.display_name} is not recorded as present.")
        row.left_during = current
    elif mark in ("apologies", "absent"):
        row.status = Attendance.Status(mark)
        row.arrived_during = row.left_during = None
    else:
        raise ValidationError(f"Unknown attendance mark '{mark}'.")
    row.updated_at, row.updated_by, row.revision = now, user, row.revision + 1
    row.save()
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
) -> Attendance:
    """A deputy arrives for a seat, checked against the deputy policy."""
    meeting = _touch(meeting)
    day = meeting.starts_at.astimezone(LONDON).date()
    nominated = DeputyNomination.objects.current(day).filter(seat=seat, person=person).exists()
    engine_seat = snapshot(meeting.body, timezone.localdate()).membership.seat(seat.key)
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
            "left_during": None,
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
    meeting = _touch(meeting)
    if not name.strip():
        raise ValidationError("Give the name of the person in attendance.")
    return Attendance.objects.create(
        meeting=meeting,
        name=name.strip(),
        capacity=Attendance.Capacity.IN_ATTENDANCE,
        arrived_during=_arrival(meeting),
        updated_at=now,
        updated_by=user,
    )


def _arrival(meeting: Meeting) -> AgendaItem | None:
    """Someone joining after the first item arrived during the current one."""
    first = meeting.items.order_by("position").values_list("pk", flat=True).first()
    return None if meeting.current_item_id in (None, first) else meeting.current_item


@dataclass(frozen=True)
class MoveWarning:
    item: AgendaItem
    result: quorum.QuorumResult


@transaction.atomic
def item_go_to(
    *, meeting: Meeting, item: AgendaItem, seen_item: int | None, confirmed: bool, console: Console
) -> MoveWarning | None:
    """Move the meeting to ``item``. If the meeting would not be quorate for it, warn first
    (returned; nothing changed) unless the clerk has confirmed. ``seen_item`` is the current
    item the clerk's screen showed."""
    if item.meeting_id != meeting.pk:
        raise ValidationError("That item is not on this meeting's agenda.")
    result = console.quorum_for(item)
    if not result.quorate and not confirmed:
        return MoveWarning(item, result)
    meeting = _touch(meeting)
    if meeting.current_item_id != seen_item:
        raise StaleConsole(f"Someone else moved the meeting to another item first, {STALE}")
    meeting.current_item = item
    meeting.save(update_fields=["current_item"])
    return None


@transaction.atomic
def presiding_set(
    *, meeting: Meeting, person: Person | None, reason: str, seen_override: int | None
) -> None:
    """Override who presides, with the reason, or return to the chair arrangements."""
    meeting = _touch(meeting)
    if meeting.presiding_override_id != seen_override:
        raise StaleConsole(f"Someone else changed who presides first, {STALE}")
    if person is not None and not reason.strip():
        raise ValidationError("Say why someone else presides.")
    meeting.presiding_override = person
    meeting.presiding_override_reason = reason.strip() if person else ""
    meeting.save(update_fields=["presiding_override", "presiding_override_reason"])


@transaction.atomic
def declaration_record(
    *,
    meeting: Meeting,
    item: AgendaItem,
    person: Person,
    description: str,
    determination: str,
    determined_by: str,
    replacement: Person | None,
    interest: InterestDeclaration | None,
    rules: BodyRules,
    user: User,
    now: datetime.datetime,
) -> Declaration:
    """A declaration on an item and the chair's determination; a deputy may take a withdrawn
    member's place for this item only, where the terms allow it."""
    _touch(meeting)
    if item.declarations.filter(person=person).exists():
        raise StaleConsole(f"A declaration by {person} on this item is already recorded, {STALE}")
    if replacement is not None:
        if determination != Declaration.Determination.WITHDRAW:
            raise ValidationError("A deputy can stand in only for a member who withdraws.")
        if not rules.deputies.may_replace_withdrawn:
            raise ValidationError(
                "The terms do not allow a deputy to take the place of a "
                "member withdrawn for a conflict of interest."
            )
    return Declaration.objects.create(
        item=item,
        person=person,
        description=description.strip() or "Declared an interest",
        determination=determination,
        determined_by=determined_by.strip(),
        replacement=replacement,
        interest=interest,
        recorded_at=now,
        recorded_by=user,
    )


@transaction.atomic
def vote_record(
    *,
    meeting: Meeting,
    console: Console,
    motion: str,
    votes: dict[str, str],
    casting: str,
    user: User,
    now: datetime.datetime,
    counts: tuple[int, int, int] | None = None,
) -> Vote:
    """A vote on the current item: named (``votes`` maps each voter present to for, against
    or abstain) or by ``counts`` (for, against, abstaining). The body's rule decides it,
    with the casting vote of the person presiding on equal votes."""
    item = console.item
    if item is None:
        raise ValidationError("Go to an item before recording a vote.")
    electorate = eligible_voters(
        console.attendance_for(item), console.snapshot.membership, console.rules.deputies
    )
    strangers = set(votes) - set(electorate.voters)
    if strangers:
        raise ValidationError(f"May not vote on this item: {', '.join(sorted(strangers))}.")
    if counts is not None and votes:
        raise ValidationError("Record the votes by name or by numbers, not both.")
    if counts is None:
        counts = tuple(
            sum(1 for v in votes.values() if v == choice)
            for choice in ("for", "against", "abstain")
        )
    votes_for, against, abstentions = counts
    try:
        result = decide(
            console.rules.voting,
            votes_for=votes_for,
            against=against,
            abstentions=abstentions,
            eligible=len(electorate.voters),
            casting=Casting(casting) if casting else None,
        )
    except ValueError as error:
        raise ValidationError(str(error)) from error
    if result.carried is None:
        raise ValidationError(result.sentence)
    _touch(meeting)
    return Vote.objects.create(
        item=item,
        motion=motion.strip(),
        votes_for=votes_for,
        against=against,
        abstentions=abstentions,
        eligible=len(electorate.voters),
        casting=casting,
        carried=result.carried,
        reasoning=f"{result.sentence} Rule: {result.rule}",
        named=votes,
        recorded_at=now,
        recorded_by=user,
    )


INQUORATE_OUTCOMES = {Decision.Outcome.DEFERRED, Decision.Outcome.NOTED}


@transaction.atomic
def decision_record(
    *,
    meeting: Meeting,
    console: Console,
    text: str,
    outcome: str,
    value: int | None,
    vote: Vote | None,
    user: User,
    now: datetime.datetime,
) -> Decision:
    """Number and record a decision on the current item (LIE/2026/014). An inquorate item
    can only be deferred or noted; a value above the body's delegated limit makes the
    decision a recommendation to the body that holds the authority."""
    item = console.item
    if item is None:
        raise ValidationError("Go to an item before recording a decision.")
    result = console.quorum_for(item)
    if not result.quorate and outcome not in INQUORATE_OUTCOMES:
        raise ValidationError(
            f"{result.shortfall} A decision can only be recorded as "
            "deferred or noted without decision."
        )
    if vote is not None:
        outcome = (
            Decision.Outcome.CARRIED_ON_A_VOTE if vote.carried else Decision.Outcome.LOST_ON_A_VOTE
        )
    limit_note = ""
    limits = [limit.amount for limit in console.rules.delegated_limits] if console.rules else []
    if (
        value is not None
        and limits
        and value > max(limits)
        and outcome not in (*INQUORATE_OUTCOMES, Decision.Outcome.LOST_ON_A_VOTE)
    ):
        to = (
            meeting.body.reports_to.name
            if meeting.body.reports_to
            else ("the body that holds the authority")
        )
        outcome = Decision.Outcome.RECOMMENDED
        limit_note = (
            f"£{value:,} is above the £{max(limits):,} delegated limit: recorded as "
            f"a recommendation to {to}."
        )
    locked = _touch(meeting)
    year = locked.starts_at.astimezone(LONDON).year
    # The body's row serialises its numbering across all its meetings.
    type(meeting.body).objects.select_for_update().get(pk=meeting.body_id)
    last = Decision.objects.filter(body=meeting.body, year=year).aggregate(n=Max("number"))["n"]
    decision = Decision(
        body=meeting.body,
        year=year,
        number=(last or 0) + 1,
        item=item,
        text=text.strip(),
        outcome=outcome,
        vote=vote,
        value=value,
        limit_note=limit_note,
        quorum_note=result.shortfall
        or f"{result.verdict}: {result.present} counted of {result.required} required.",
        recorded_at=now,
        recorded_by=user,
    )
    decision.full_clean()
    decision.save()
    return decision


@transaction.atomic
def action_record(
    *,
    meeting: Meeting,
    item: AgendaItem | None,
    text: str,
    owner: str,
    due: datetime.date | None,
    user: User,
    now: datetime.datetime,
) -> Action:
    _touch(meeting)
    action = Action(
        meeting=meeting,
        item=item,
        text=text.strip(),
        owner=owner.strip(),
        due=due,
        recorded_at=now,
        recorded_by=user,
    )
    action.full_clean()
    action.save()
    return action


@transaction.atomic
def action_status_set(*, meeting: Meeting, action: Action, status: str) -> Action:
    """Close an action (done or dropped) or open it again."""
    if action.meeting.body_id != meeting.body_id:
        raise ValidationError("That action belongs to another body.")
    if status not in Action.Status.values:
        raise ValidationError(f"Unknown action status '{status}'.")
    _touch(meeting)
    action.status = status
    action.save(update_fields=["status"])
    return action


def action_log(meeting: Meeting):
    """Open actions from the body's earlier meetings, for this meeting's action log."""
    return (
        Action.objects.filter(
            meeting__body=meeting.body,
            status=Action.Status.OPEN,
            meeting__starts_at__lt=meeting.starts_at,
        )
        .select_related("meeting")
        .order_by("due", "pk")
    )
