"""Writes that touch several models: scheduling, agendas, papers, publication, apologies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.rules.attendance import deputy_problems
from governance.rules.calendar import (
    NoticeDeadline,
    ProgrammeDate,
    monthly_programme,
    notice_deadline,
)
from governance.rules.language import BodyRules
from governance.rules.words import LONDON, long_datetime
from members.models import Appointment, DeputyNomination, Person, User
from members.snapshots import BodySnapshot

from . import papers as paper_files
from .models import AgendaItem, Apology, Meeting, MeetingChange, Paper, Publication

# Deadlines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadlines:
    publish_by: NoticeDeadline
    papers_due: datetime.datetime


def meeting_deadlines(meeting: Meeting, rules: BodyRules | None) -> Deadlines | None:
    """The publish-by deadline from the notice engine, and when papers are due from authors."""
    if rules is None or rules.notice is None:
        return None
    publish_by = notice_deadline(
        rules.notice,
        rules.calendar,
        meeting.starts_at,
        extraordinary=meeting.kind == Meeting.Kind.EXTRAORDINARY,
    )
    due_day, _ = rules.calendar.step(
        publish_by.deadline.date(), -rules.agenda.papers_due_working_days
    )
    papers_due = datetime.datetime.combine(due_day, rules.notice.cutoff, tzinfo=LONDON)
    return Deadlines(publish_by, papers_due)


# Scheduling ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposedMeeting:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    moved: str
    clash: bool


def programme_preview(
    *,
    body,
    rules: BodyRules,
    weekday: int,
    week: int,
    every_months: int,
    first_month: int,
    start: datetime.date,
    months: int,
    time: datetime.time,
    minutes: int,
) -> list[ProposedMeeting]:
    """A year's programme by pattern, moved off the body's non-working days, marking dates on
    which the body already meets."""
    dates: list[ProgrammeDate] = monthly_programme(
        rules.calendar,
        weekday=weekday,
        week=week,
        every_months=every_months,
        first_month=first_month,
        start=start,
        months=months,
    )
    taken = set(
        body.meetings.exclude(status=Meeting.Status.CANCELLED)
        .filter(starts_at__date__gte=start)
        .values_list("starts_at__date", flat=True)
    )
    proposals = []
    for date in dates:
        starts_at = datetime.datetime.combine(date.day, time, tzinfo=LONDON)
        proposals.append(
            ProposedMeeting(
                starts_at,
                starts_at + datetime.timedelta(minutes=minutes),
                date.reason,
                date.day in taken,
            )
        )
    return proposals


@transaction.atomic
def programme_confirm(
    *,
    body,
    proposals: list[ProposedMeeting],
    location: str,
    online_link: str,
    held_in_public: bool,
) -> list[Meeting]:
    """Create the proposed meetings, leaving out any on a day the body already meets."""
    created = []
    for proposal in proposals:
        if proposal.clash:
            continue
        created.append(
            meeting_add(
                body=body,
                starts_at=proposal.starts_at,
                ends_at=proposal.ends_at,
                location=location,
                online_link=online_link,
                held_in_public=held_in_public,
            )
        )
    return created


def meeting_add(
    *,
    body,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    online_link: str = "",
    held_in_public: bool = False,
    kind: str = Meeting.Kind.ORDINARY,
) -> Meeting:
    meeting = Meeting(
        body=body,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_link=online_link,
        held_in_public=held_in_public,
        kind=kind,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: Meeting,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    reason: str,
    user: User,
    now: datetime.datetime,
) -> Meeting:
    """Move a meeting, recording the change for the members' notices. Its publish-by
    deadline follows from the new date."""
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is moving."})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("A cancelled meeting cannot be rescheduled; add a new meeting.")
    previous = meeting.starts_at
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.full_clean()
    meeting.save(update_fields=["starts_at", "ends_at"])
    MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.RESCHEDULED,
        previous_starts_at=previous,
        new_starts_at=starts_at,
        reason=reason,
        changed_at=now,
        changed_by=user,
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, reason: str, user: User, now: datetime.datetime) -> Meeting:
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is cancelled."})
    meeting.status, meeting.cancellation_reason = Meeting.Status.CANCELLED, reason
    meeting.full_clean()
    meeting.save(update_fields=["status", "cancellation_reason"])
    MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.CANCELLED,
        previous_starts_at=meeting.starts_at,
        reason=reason,
        changed_at=now,
        changed_by=user,
    )
    return meeting


# The agenda ------------------------------------------------------------------------------


def agenda_published(meeting: Meeting) -> bool:
    return meeting.publications.filter(kind=Publication.Kind.AGENDA).exists()


@transaction.atomic
def agenda_start(*, meeting: Meeting, rules: BodyRules) -> list[AgendaItem]:
    """Put the body's standing items on an empty agenda."""
    if meeting.items.exists():
        raise ValidationError("The agenda already has items.")
    template = rules.agenda
    standing = [*template.opening, *template.closing]
    return [
        AgendaItem.objects.create(
            meeting=meeting,
            position=(n + 1) * 10,
            title=s.title,
            purpose=s.purpose,
            standing=True,
            paper_expected=False,
        )
        for n, s in enumerate(standing)
    ]


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, rules: BodyRules | None, **fields) -> AgendaItem:
    """Add an item before the closing standing items ("Any other business"), or a sub-item
    after its parent's last sub-item. After publication it is a supplementary item, to be
    published under the same rule."""
    Meeting.objects.select_for_update().get(pk=meeting.pk)
    item = AgendaItem(meeting=meeting, supplementary=agenda_published(meeting), **fields)
    items = list(meeting.items.order_by("position"))
    if item.parent_id:
        anchor = max(i.position for i in items if item.parent_id in (i.pk, i.parent_id))
    else:
        closing = {s.title for s in rules.agenda.closing} if rules else set()
        top = [i for i in items if i.parent_id is None]
        trailing = []
        while top and top[-1].standing and top[-1].title in closing:
            trailing.insert(0, top.pop())
        anchor = trailing[0].position - 1 if trailing else (items[-1].position if items else 0)
    later = [i for i in items if i.position > anchor]
    for other in later:
        other.position += 10
    AgendaItem.objects.bulk_update(later, ["position"])
    item.position = anchor + 5
    item.full_clean()
    item.save()
    return item


def agenda_item_update(*, item: AgendaItem, **fields) -> AgendaItem:
    if item.published_id:
        raise ValidationError(
            "This item has been published and cannot be changed. Add a "
            "supplementary item or a revised paper instead."
        )
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


def agenda_item_delete(*, item: AgendaItem) -> None:
    if item.published_id:
        raise ValidationError("A published item cannot be removed.")
    if item.papers.exists():
        raise ValidationError(
            "Remove this item's papers first; papers are never discarded silently."
        )
    item.delete()


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> bool:
    """Swap an item with its neighbour among its siblings, sub-items moving with their
    parent; False when it is already first (or last)."""
    siblings = list(item.meeting.items.filter(parent=item.parent).order_by("position"))
    index = siblings.index(item)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        return False
    other = siblings[other_index]
    if item.published_id or other.published_id:
        raise ValidationError("Published items keep their order.")

    def block(head: AgendaItem) -> list[AgendaItem]:
        return [head, *head.children.order_by("position")]

    earlier, later = (other, item) if up else (item, other)
    moved = block(later) + block(earlier)
    positions = sorted(i.position for i in moved)
    for each, position in zip(moved, positions, strict=True):
        each.position = position
    AgendaItem.objects.bulk_update(moved, ["position"])
    return True


def numbering(items: list[AgendaItem]) -> dict[int, str]:
    """Item numbers as the agenda prints them: 1, 2, 2.1, 2.2, 3."""
    numbers, top, sub = {}, 0, {}
    for item in sorted(items, key=lambda i: i.position):
        if item.parent_id is None:
            top += 1
            numbers[item.pk] = str(top)
        else:
            sub[item.parent_id] = sub.get(item.parent_id, 0) + 1
            numbers[item.pk] = f"{numbers.get(item.parent_id, '?')}.{sub[item.parent_id]}"
    return numbers


# Papers ----------------------------------------------------------------------------------


def paper_add(
    *,
    item: AgendaItem,
    upload,
    title: str,
    author: str,
    user: User,
    now: datetime.datetime,
    replaces: Paper | None = None,
) -> Paper:
    """Take a paper for an item, or a new version of one. A published paper is never
    replaced: the new version is a revised paper and the earlier one stays available."""
    file_format = paper_files.check(upload)
    if replaces is not None:
        if replaces.item_id != item.pk:
            raise ValidationError("A new version must be for the same item.")
        if not replaces.is_current:
            raise ValidationError("That version has already been replaced.")
        kind = Paper.Kind.REVISED if replaces.published_id else replaces.kind
        version = replaces.version + 1
    else:
        kind = Paper.Kind.SUPPLEMENTARY if agenda_published(item.meeting) else Paper.Kind.ORIGINAL
        version = 1
    paper = Paper(
        item=item,
        title=title.strip(),
        author=author.strip(),
        kind=kind,
        version=version,
        replaces=replaces,
        file_format=file_format,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_at=now,
        uploaded_by=user,
    )
    paper.file.save(upload.name, upload, save=False)
    paper.full_clean()
    paper.save()
    return paper


# Publication -----------------------------------------------------------------------------


class LatePublicationError(ValidationError):
    pass


@dataclass(frozen=True)
class ChairAuthorisation:
    chair: str
    authorised_at: datetime.datetime
    reason: str


@transaction.atomic
def agenda_publish(
    *,
    meeting: Meeting,
    rules: BodyRules,
    user: User,
    now: datetime.datetime,
    authorisation: ChairAuthorisation | None = None,
) -> Publication:
    """Publish the agenda and every paper not yet published, in one act. After the notice
    deadline this needs the Chair's recorded authorisation ("unless later circulation has
    been authorised by the Chair"); items and papers added after the agenda went out are
    published as a supplement under the same rule."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("The meeting is cancelled.")
    items = list(meeting.items.filter(published__isnull=True))
    new_papers = list(
        Paper.objects.filter(
            item__meeting=meeting, published__isnull=True, replaced_by__isnull=True
        )
    )
    first = not agenda_published(meeting)
    if first and not meeting.items.exists():
        raise ValidationError("The agenda has no items yet.")
    if not first and not items and not new_papers:
        raise ValidationError("Everything on this agenda has been published already.")
    deadlines = meeting_deadlines(meeting, rules)
    if deadlines is None:
        raise ValidationError(
            "The body's terms of reference set no notice period, so there "
            "is no deadline to publish against."
        )
    deadline = deadlines.publish_by.deadline
    late = now > deadline
    if late and rules.notice.late_needs_chair_authorisation and authorisation is None:
        raise LatePublicationError(
            f"The deadline to publish was {long_datetime(deadline)}. Publishing now needs the "
            "Chair's authorisation: record who authorised it, when and why."
        )
    if authorisation is not None and not (
        authorisation.chair.strip() and authorisation.reason.strip()
    ):
        raise ValidationError("Record the Chair's name and the reason for late publication.")
    publication = Publication.objects.create(
        meeting=meeting,
        kind=Publication.Kind.AGENDA if first else Publication.Kind.SUPPLEMENT,
        published_at=now,
        published_by=user,
        deadline=deadline,
        late=late,
        chair_authorised_by=authorisation.chair if late and authorisation else "",
        chair_authorised_at=authorisation.authorised_at if late and authorisation else None,
        chair_authorisation_reason=authorisation.reason if late and authorisation else "",
        public_copy=meeting.held_in_public,
    )
    AgendaItem.objects.filter(pk__in=[i.pk for i in items]).update(published=publication)
    # An unpublished earlier version that a new one replaced before publication stays
    # unpublished: only the current version goes out.
    Paper.objects.filter(pk__in=[p.pk for p in new_papers]).update(published=publication)
    publication.notified.set(_members_to_notify(meeting))
    if meeting.status == Meeting.Status.SCHEDULED:
        meeting.status = Meeting.Status.NOTICE_GIVEN
        meeting.save(update_fields=["status"])
    return publication


def _members_to_notify(meeting: Meeting):
    day = meeting.starts_at.astimezone(LONDON).date()
    holders = Appointment.objects.current(day).filter(seat__body=meeting.body)
    deputies = DeputyNomination.objects.current(day).filter(seat__body=meeting.body)
    return Person.objects.filter(
        pk__in=[
            *holders.values_list("person_id", flat=True),
            *deputies.values_list("person_id", flat=True),
        ]
    )


# Apologies -------------------------------------------------------------------------------


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
    day = meeting.starts_at.astimezone(LONDON).date()
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
    return apology
