"""How the meeting proceeds: the item it is on, who presides, declarations of interest and
the chair's determinations, adjournments, and closing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.rules import quorum
from governance.rules.language import BodyRules
from governance.rules.words import long_datetime
from members.models import InterestDeclaration, Person, User

from ..models import Adjournment, AgendaItem, Declaration, Meeting
from ..sitting import Sitting
from .locking import STALE, StaleChange, meeting_touch, moment_problem, open_meeting


@dataclass(frozen=True)
class MoveWarning:
    item: AgendaItem
    result: quorum.QuorumResult


@transaction.atomic
def item_go_to(
    *, meeting: Meeting, item: AgendaItem, seen_item: int | None, confirmed: bool, sitting: Sitting
) -> MoveWarning | None:
    """Move the meeting to ``item``. If the meeting would not be quorate for it, warn first
    (returned; nothing changed) unless the clerk has confirmed. ``seen_item`` is the current
    item the clerk's screen showed."""
    if item.meeting_id != meeting.pk:
        raise ValidationError("That item is not on this meeting's agenda.")
    result = sitting.quorum_for(item)
    if not result.quorate and not confirmed:
        return MoveWarning(item, result)
    meeting = open_meeting(meeting)
    if meeting.current_item_id != seen_item:
        raise StaleChange(f"Someone else moved the meeting to another item first, {STALE}")
    meeting.current_item = item
    meeting.save(update_fields=["current_item"])
    return None


@transaction.atomic
def presiding_set(
    *, meeting: Meeting, person: Person | None, reason: str, seen_override: int | None
) -> None:
    """Override who presides, with the reason, or return to the chair arrangements."""
    meeting = open_meeting(meeting)
    if meeting.presiding_override_id != seen_override:
        raise StaleChange(f"Someone else changed who presides first, {STALE}")
    if person is not None and not reason.strip():
        raise ValidationError({"reason": "Say why someone else presides."})
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
    open_meeting(meeting)
    if item.declarations.filter(person=person).exists():
        raise StaleChange(f"A declaration by {person} on this item is already recorded, {STALE}")
    if replacement is not None:
        if determination != Declaration.Determination.WITHDRAW:
            raise ValidationError(
                {"replacement": "A deputy can stand in only for a member who withdraws."}
            )
        if not rules.deputies.may_replace_withdrawn:
            raise ValidationError(
                {
                    "replacement": "The terms do not allow a deputy to take the place of a "
                    "member withdrawn for a conflict of interest."
                }
            )
    declaration = Declaration(
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
    declaration._history_user = user
    declaration.save()
    return declaration


@transaction.atomic
def meeting_adjourn(
    *, meeting: Meeting, reason: str, user: User, now: datetime.datetime
) -> Adjournment:
    """The meeting adjourns (a break, a fire alarm, a vote elsewhere) during the current item."""
    meeting = open_meeting(meeting)
    if meeting.adjournments.filter(resumed_at__isnull=True).exists():
        raise ValidationError("The meeting is already adjourned: resume it first.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting adjourns."})
    adjournment = Adjournment(
        meeting=meeting,
        during=meeting.current_item,
        adjourned_at=now,
        reason=reason.strip(),
        recorded_by=user,
    )
    adjournment._history_user = user
    adjournment.save()
    return adjournment


@transaction.atomic
def meeting_resume(*, meeting: Meeting, user: User, now: datetime.datetime) -> Adjournment:
    meeting = open_meeting(meeting)
    adjournment = meeting.adjournments.filter(resumed_at__isnull=True).first()
    if adjournment is None:
        raise ValidationError("The meeting is not adjourned.")
    adjournment.resumed_at = now
    adjournment._history_user = user
    adjournment.save(update_fields=["resumed_at"])
    return adjournment


@transaction.atomic
def meeting_close(
    *, meeting: Meeting, closed_at: datetime.datetime, user: User, now: datetime.datetime
) -> Meeting:
    """The person presiding closes the meeting; the record then changes only by correction.
    ``closed_at`` is when it closed, which the clerk may give later than the moment itself."""
    meeting = open_meeting(meeting)
    if closed_at <= meeting.starts_at:
        started = "started" if meeting.starts_at <= now else "is due to start"
        raise ValidationError(
            {
                "closed_at": f"The meeting {started} at {long_datetime(meeting.starts_at)}: it "
                "must close after that."
            }
        )
    if problem := moment_problem(meeting, closed_at, now, "The closing time"):
        raise ValidationError({"closed_at": problem})
    open_adjournment = meeting.adjournments.filter(resumed_at__isnull=True).first()
    if open_adjournment is not None:
        open_adjournment.resumed_at = max(closed_at, open_adjournment.adjourned_at)
        open_adjournment.save(update_fields=["resumed_at"])
    meeting.closed_at, meeting.closed_by = closed_at, user
    meeting.status = Meeting.Status.HELD
    meeting._history_user = user
    meeting.save(update_fields=["closed_at", "closed_by", "status"])
    return meeting


@transaction.atomic
def meeting_reopen(*, meeting: Meeting, reason: str, user: User) -> Meeting:
    """Undo a closing made by mistake, on record with the reason."""
    meeting = meeting_touch(meeting)
    if not meeting.closed:
        raise ValidationError("The meeting is not closed.")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is reopened."})
    meeting.closed_at = meeting.closed_by = None
    meeting._history_user, meeting._change_reason = user, reason.strip()
    meeting.save(update_fields=["closed_at", "closed_by"])
    return meeting
