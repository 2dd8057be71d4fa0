"""The minutes' workflow: drafted from the record once the meeting has closed; written item by
item; sent to the chair, who approves them or returns them with comments in the application;
circulated to members; confirmed by the next meeting as a correct record (a decision of that
meeting, with any amendments agreed item by item), then signed and locked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from governance.rules.deadlines import Deadline, minutes_deadlines, notice_deadline
from governance.rules.language import BodyRules
from governance.rules.words import LONDON, long_date
from members.models import Person, User

from .. import signals
from ..minutes_record import minutes_html
from ..models import (
    Attendance,
    Decision,
    DecisionNotice,
    ItemMinute,
    Meeting,
    Minutes,
    MinutesAmendment,
    WrittenResolution,
)
from ..richtext import clean_minute
from ..sitting import Sitting, sitting_for
from .decisions import refuse_incomplete
from .locking import on_record, revision_check
from .record import decision_record
from .resolutions import report_back_minute


def presiding_person(meeting: Meeting) -> Person | None:
    """The person who presided over the (opening of the) meeting, from the record."""
    if meeting.presiding_override_id:
        return meeting.presiding_override
    sitting = sitting_for(meeting)
    chair = sitting.presiding(sitting.attendance_for(None))
    if chair.seat is None:
        return None
    return next(
        (
            row.person
            for row in sitting.rows
            if row.seat_id
            and row.seat.key == chair.seat
            and row.capacity == Attendance.Capacity.MEMBER
            and row.status == Attendance.Status.PRESENT
            and row.person_id
        ),
        None,
    )


@transaction.atomic
def minutes_draft(*, meeting: Meeting, user: User, now: datetime.datetime) -> Minutes:
    """Start the minutes of a closed meeting: one minute for each item, and the chair who is
    to approve them (whoever presided)."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not meeting.closed:
        raise ValidationError(
            "The meeting has not been closed in the console: the minutes are drafted from "
            "the record once the meeting has closed."
        )
    if Minutes.objects.filter(meeting=meeting).exists():
        raise ValidationError("The minutes of this meeting have already been drafted.")
    minutes = Minutes(
        meeting=meeting, drafted_at=now, drafted_by=user, chair=presiding_person(meeting)
    )
    minutes._history_user = user
    minutes.save()
    reported = {
        r.report_item_id: report_back_minute(r)
        for r in WrittenResolution.objects.filter(report_item__meeting=meeting).select_related(
            "body", "decision"
        )
    }
    bulk_create_with_history(
        [
            ItemMinute(
                minutes=minutes,
                item=item,
                text=reported.get(item.pk, ""),
                updated_at=now,
                updated_by=user,
            )
            for item in meeting.items.all()
        ],
        ItemMinute,
        default_user=user,
        default_change_reason="Drafted from the record",
    )
    return minutes


def _editable(minutes: Minutes) -> None:
    if not minutes.editable:
        raise ValidationError(
            f"The minutes are {minutes.get_status_display().lower()}: they can be changed only "
            "while in draft or after the chair returns them."
        )


@transaction.atomic
def minute_save(
    *,
    minute: ItemMinute,
    text: str,
    public_summary: str,
    revision: int | None,
    user: User,
    now: datetime.datetime,
) -> ItemMinute:
    """Save the clerk's minute of one item (sanitised), refused if another clerk saved it
    since this clerk's screen was drawn."""
    minute = ItemMinute.objects.select_for_update().select_related("minutes").get(pk=minute.pk)
    _editable(minute.minutes)
    revision_check(minute, revision, "this minute")
    minute.text = clean_minute(text)
    minute.public_summary = clean_minute(public_summary) if minute.item.part == "B" else ""
    minute.updated_at, minute.updated_by = now, user
    return on_record(minute, user=user)


@transaction.atomic
def minutes_send_to_chair(
    *, minutes: Minutes, chair: Person, user: User, now: datetime.datetime
) -> Minutes:
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    _editable(minutes)
    refuse_incomplete(minutes.meeting, "before the minutes go to the chair")
    if chair.user_id is None:
        raise ValidationError(
            {
                "chair": f"{chair.full_name} has no sign-in to Quorate, so cannot approve the "
                "minutes in it. Give them one from their page under People, or choose who "
                "else is to approve."
            }
        )
    minutes.chair = chair
    minutes.status = Minutes.Status.WITH_CHAIR
    minutes.sent_to_chair_at = now
    minutes.chair_decided_at = minutes.chair_decided_by = None
    return on_record(minutes, user=user, reason=f"Sent to {chair.full_name} for approval")


def may_approve(minutes: Minutes, user: User) -> bool:
    return (
        minutes.status == Minutes.Status.WITH_CHAIR
        and minutes.chair is not None
        and minutes.chair.user_id == user.pk
    )


@transaction.atomic
def minutes_chair_decide(
    *, minutes: Minutes, approve: bool, comments: str, user: User, now: datetime.datetime
) -> Minutes:
    """The chair approves the draft, or returns it to the secretariat saying what to change."""
    minutes = (
        Minutes.objects.select_for_update(of=("self",)).select_related("chair").get(pk=minutes.pk)
    )
    if not may_approve(minutes, user):
        raise ValidationError("These minutes are not awaiting your approval.")
    comments = comments.strip()
    if not approve and not comments:
        raise ValidationError({"comments": "Say what should change before the minutes return."})
    minutes.status = Minutes.Status.APPROVED if approve else Minutes.Status.RETURNED
    minutes.chair_decided_at, minutes.chair_decided_by = now, user
    minutes.chair_comments = comments
    verb = "Approved" if approve else "Returned with comments"
    return on_record(minutes, user=user, reason=f"{verb} by {minutes.chair.full_name}")


@transaction.atomic
def minutes_circulate(*, minutes: Minutes, user: User, now: datetime.datetime) -> Minutes:
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status != Minutes.Status.APPROVED:
        raise ValidationError("Only minutes the chair has approved go to the members.")
    minutes.status = Minutes.Status.CIRCULATED
    minutes.circulated_at = now
    on_record(minutes, user=user, reason="Circulated to members")
    signals.minutes_release.send(sender=Minutes, meeting=minutes.meeting)
    signals.minutes_circulated.send(sender=Minutes, minutes=minutes)
    return minutes


def awaiting_confirmation(meeting: Meeting):
    """The body's earlier minutes that this meeting may confirm as a correct record."""
    return (
        Minutes.objects.filter(
            meeting__body_id=meeting.body_id,
            meeting__starts_at__lt=meeting.starts_at,
            status__in=[Minutes.Status.APPROVED, Minutes.Status.CIRCULATED],
        )
        .select_related("meeting__body")
        .order_by("meeting__starts_at")
    )


@transaction.atomic
def minutes_confirm(
    *,
    minutes: Minutes,
    meeting: Meeting,
    sitting: Sitting,
    amendments: dict[int, str],
    user: User,
    now: datetime.datetime,
) -> Decision:
    """The meeting in the console confirms the earlier minutes as a correct record (amended
    as agreed, item by item): a numbered decision of this meeting; the minutes are then
    signed by whoever presides and locked."""
    minutes = Minutes.objects.select_for_update().select_related("meeting").get(pk=minutes.pk)
    if not awaiting_confirmation(meeting).filter(pk=minutes.pk).exists():
        raise ValidationError("These minutes are not awaiting confirmation by this meeting.")
    chair = sitting.presiding()
    if chair.name is None:
        raise ValidationError("No one presides: the minutes are signed by the person presiding.")
    written = {m.pk: m for m in minutes.item_minutes.select_related("item")}
    changed = {pk: clean_minute(text) for pk, text in amendments.items() if text.strip()}
    if unknown := set(changed) - set(written):
        raise ValidationError(f"No such minute to amend: {sorted(unknown)}.")
    held_on = long_date(minutes.meeting.day)
    text = f"The minutes of the meeting held on {held_on} were confirmed as a correct record"
    if changed:
        titles = "; ".join(written[pk].item.title for pk in sorted(changed))
        text += f", as amended at: {titles}"
    decision = decision_record(
        meeting=meeting,
        sitting=sitting,
        text=text + ".",
        outcome=Decision.Outcome.AGREED_BY_CONSENSUS,
        value=None,
        vote=None,
        user=user,
        now=now,
    )
    for pk, wording in changed.items():
        minute = written[pk]
        minute.text, minute.updated_at, minute.updated_by = wording, now, user
        on_record(minute, user=user, reason=f"Amended on confirmation ({decision.reference})")
        MinutesAmendment.objects.create(
            minutes=minutes, item_minute=minute, wording=wording, agreed_by=decision
        )
    minutes.status = Minutes.Status.CONFIRMED
    minutes.confirmed_by = decision
    minutes.signed_by = chair.name
    minutes.signed_on = meeting.day
    minutes.signed_text = minutes_html(minutes.meeting, public=False, minutes=minutes)
    minutes.signed_public_text = minutes_html(minutes.meeting, public=True, minutes=minutes)
    on_record(minutes, user=user, reason=f"Confirmed as a correct record ({decision.reference})")
    signals.minutes_release.send(sender=Minutes, meeting=minutes.meeting)
    return decision


@dataclass(frozen=True)
class DeadlineState:
    deadline: Deadline
    done_on: datetime.date | None
    state: str  # met, late, overdue, due


def after_meeting(
    meeting: Meeting,
    minutes: Minutes | None,
    notice: DecisionNotice | None,
    rules: BodyRules | None,
    today: datetime.date,
) -> list[DeadlineState]:
    """The deadlines the body's rules set after a meeting (the minutes', the notice of
    decisions), each with the day it was done and its state."""
    if rules is None:
        return []
    done = {
        "to_chair": minutes.sent_to_chair_at if minutes else None,
        "circulate": minutes.circulated_at if minutes else None,
        "notice": notice.published_at if notice else None,
    }
    deadlines = list(minutes_deadlines(rules.minutes, rules.calendar, meeting.day))
    notice_due = notice_deadline(rules.decisions, rules.calendar, meeting.day)
    if notice_due is not None:
        deadlines.append(notice_due)
    states = []
    for deadline in deadlines:
        moment = done[deadline.kind]
        day = moment.astimezone(LONDON).date() if moment else None
        states.append(DeadlineState(deadline, day, deadline.state(day, today)))
    return states
