"""The minutes as the record tells them: who was there, and for each item the clerk's minute
beside the declarations, withdrawals, quorum, votes, decisions and actions on record. Read in a
fixed number of queries, from the record as it stands, so a correction shows in the draft."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.template.loader import render_to_string

from governance.models import Organisation
from governance.rules.chair import Presiding
from governance.rules.quorum import QuorumResult

from .models import Action, AgendaItem, Attendance, Decision, Declaration, Meeting, Minutes, Vote
from .services.agenda import numbering
from .sitting import sitting_for


@dataclass(frozen=True)
class PersonLine:
    name: str
    seat: str = ""
    organisation: str = ""
    note: str = ""  # "deputy for …", "arrived during item 4"


@dataclass
class ItemRecord:
    item: AgendaItem
    number: str
    withheld: bool  # an exempt item in the public copy: only its number and ground
    minute_text: str = ""
    public_summary: str = ""
    declarations: list[Declaration] = field(default_factory=list)
    movements: list[str] = field(default_factory=list)
    quorum: QuorumResult | None = None  # given where it differs from the item before
    votes: list[Vote] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)


@dataclass
class MinutesRecord:
    meeting: Meeting
    minutes: Minutes | None
    public: bool
    presiding: Presiding
    present: list[PersonLine]
    deputies: list[PersonLine]
    in_attendance: list[PersonLine]
    apologies: list[PersonLine]
    absent: list[PersonLine]
    items: list[ItemRecord]

    @property
    def actions(self) -> list[Action]:
        return [action for item in self.items for action in item.actions]

    @property
    def has_decisions(self) -> bool:
        return any(item.decisions for item in self.items)


def minutes_html(meeting: Meeting, *, public: bool, minutes: Minutes | None = None) -> str:
    """The minutes as a document: the page's, the PDF's and the signed copy's one source."""
    record = minutes_record(meeting, public=public, minutes=minutes)
    return render_to_string("meetings/minutes/document.html", {"record": record})


def minutes_record(
    meeting: Meeting, *, public: bool = False, minutes: Minutes | None = None
) -> MinutesRecord:
    """The record of ``meeting`` for its minutes; ``public`` leaves out exempt (Part B)
    business, which stays as a numbered line with its ground and any public summary."""
    sitting = sitting_for(meeting)
    if minutes is None:
        minutes = Minutes.objects.filter(meeting=meeting).first()
    written = {}
    if minutes is not None:
        written = {m.item_id: m for m in minutes.item_minutes.all()}
    numbers = numbering(sitting.items)
    by_item: dict[int, ItemRecord] = {}
    for item in sitting.items:
        minute = written.get(item.pk)
        by_item[item.pk] = ItemRecord(
            item=item,
            number=numbers[item.pk],
            withheld=public and item.part == AgendaItem.Part.B,
            minute_text=minute.text if minute else "",
            public_summary=minute.public_summary if minute else "",
        )
    records = list(by_item.values())
    _place_record(meeting, sitting, by_item)
    _place_quorum(sitting, records)
    _place_movements(sitting, by_item)
    organisations = Organisation.objects.in_bulk(
        {r.seat.organisation_id for r in sitting.rows if r.seat_id and r.seat.organisation_id}
    )

    def line(row: Attendance, note: str = "") -> PersonLine:
        organisation = organisations.get(row.seat.organisation_id) if row.seat_id else None
        if row.remote and row.status == Attendance.Status.PRESENT:
            note = f"{note}, attending remotely" if note else "attending remotely"
        return PersonLine(
            row.display_name,
            row.seat.title if row.seat_id else "",
            organisation.name if organisation else "",
            note,
        )

    held = [r for r in sitting.rows if r.status == Attendance.Status.PRESENT]
    seat_holders = {
        r.seat_id: r.display_name for r in sitting.rows if r.capacity == Attendance.Capacity.MEMBER
    }
    return MinutesRecord(
        meeting=meeting,
        minutes=minutes,
        public=public,
        presiding=sitting.presiding(sitting.attendance_for(None)),
        present=[line(r) for r in held if r in sitting.members],
        deputies=[
            line(r, f"deputy for {seat_holders.get(r.seat_id, 'the seat holder')}")
            for r in held
            if r.capacity == Attendance.Capacity.DEPUTY
        ],
        in_attendance=[line(r) for r in held if r in sitting.standing_attendees]
        + [line(r) for r in held if r.capacity == Attendance.Capacity.IN_ATTENDANCE],
        apologies=[line(r) for r in sitting.rows if r.status == Attendance.Status.APOLOGIES],
        absent=[
            line(r)
            for r in sitting.rows
            if r.status == Attendance.Status.ABSENT and r.capacity == Attendance.Capacity.MEMBER
        ],
        items=records,
    )


def _place_record(meeting, sitting, by_item: dict[int, ItemRecord]) -> None:
    """Declarations, votes, decisions and actions, each under its item (struck-out entries
    stay in the record but not in the minutes)."""
    for declaration in sitting.declarations:
        by_item[declaration.item_id].declarations.append(declaration)
    for vote in Vote.objects.filter(item__meeting=meeting, struck_at__isnull=True):
        by_item[vote.item_id].votes.append(vote)
    decisions = Decision.objects.filter(item__meeting=meeting, struck_at__isnull=True)
    for decision in decisions.select_related("body").order_by("number"):
        by_item[decision.item_id].decisions.append(decision)
    actions = meeting.actions.filter(struck_at__isnull=True, item__isnull=False)
    for action in actions.order_by("pk"):
        by_item[action.item_id].actions.append(action)


def _place_quorum(sitting, records: list[ItemRecord]) -> None:
    """The quorum at the first item, then wherever it changed: the verdict, or who counts."""
    before = None
    for record in records:
        result = sitting.quorum_for(record.item)
        seen = (result.quorate, result.present, result.rule)
        if seen != before:
            record.quorum = result
        before = seen


def _place_movements(sitting, by_item: dict[int, ItemRecord]) -> None:
    """Who arrived or left during each item, and who withdrew from it on a declaration."""
    for row in sitting.rows:
        if row.arrived_during_id in by_item:
            by_item[row.arrived_during_id].movements.append(f"{row.display_name} arrived.")
        if row.left_during_id in by_item:
            by_item[row.left_during_id].movements.append(f"{row.display_name} left the meeting.")
    for declaration in sitting.declarations:
        if declaration.determination == Declaration.Determination.WITHDRAW:
            by_item[declaration.item_id].movements.append(
                f"{declaration.person.full_name} withdrew for this item."
            )
