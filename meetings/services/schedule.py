"""Setting a body's meetings: deadlines, a year's programme, one-off meetings, moves and
cancellations, with warnings for dates a clerk would want to think twice about."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.rules.calendar import (
    NoticeDeadline,
    ProgrammeDate,
    monthly_programme,
    notice_deadline,
)
from governance.rules.language import BodyRules
from governance.rules.words import LONDON, join, long_date, long_datetime
from members.models import User

from .. import signals
from ..models import Meeting, MeetingChange
from .locking import revision_check

# Deadlines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadlines:
    publish_by: NoticeDeadline
    papers_due: datetime.datetime

    def working_days_left(self, calendar, now: datetime.datetime) -> int:
        """Working days from today to the publish-by day: 0 on the day until its cut-off,
        -1 once the deadline has passed (on that day too)."""
        if now > self.publish_by.deadline:
            return -1
        today = now.astimezone(LONDON).date()
        return calendar.working_days_between(today, self.publish_by.deadline.date())


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


# Warnings --------------------------------------------------------------------------------


def _month_index(day: datetime.date) -> int:
    return day.year * 12 + day.month - 1


def _month_name(index: int) -> str:
    return f"{datetime.date(index // 12, index % 12 + 1, 1):%B %Y}"


def schedule_warnings(
    *,
    body,
    rules: BodyRules | None,
    starts: list[datetime.datetime],
    kind: str = Meeting.Kind.ORDINARY,
    exclude: Meeting | None = None,
) -> list[str]:
    """What a careful clerk would want to know before adding meetings at ``starts``: a day
    that is not a working day, another meeting of the body on the same day, or ordinary
    meetings closer together than the body's terms say it meets ("every two months")."""
    if not starts:
        return []
    days = [s.astimezone(LONDON).date() for s in starts]
    others = body.meetings.exclude(status=Meeting.Status.CANCELLED)
    if exclude is not None:
        others = others.exclude(pk=exclude.pk)
    low, high = min(days) - datetime.timedelta(days=400), max(days) + datetime.timedelta(days=400)
    others = list(others.on_days(low, high).only("starts_at", "kind"))
    warnings = [w for w in (_day_off(rules.calendar, d) for d in days) if w] if rules else []
    for start, day in zip(starts, days, strict=True):
        for other in others:
            if other.day == day:
                warnings.append(
                    f"The {body.short_name} already meets on {long_datetime(other.starts_at)}, "
                    f"the same day as {long_datetime(start)}."
                )
    every = rules.frequency.every_months if rules and rules.frequency else None
    if kind == Meeting.Kind.ORDINARY and every and every > 1:
        ordinary = {_month_index(o.day) for o in others if o.kind == Meeting.Kind.ORDINARY}
        proposed = sorted({_month_index(d) for d in days})
        clashes = []
        for month in proposed:
            near = sorted(
                m
                for m in ordinary | (set(proposed) - {month})
                if m != month and abs(m - month) < every
            )
            if near:
                clashes.append(f"{_month_name(month)} (near {join(map(_month_name, near))})")
        if clashes:
            clause = f" (“{rules.frequency.clause}”)" if rules.frequency.clause else ""
            warnings.append(
                f"The terms say the {body.short_name} meets every {every} months{clause}, "
                f"but these months would have meetings closer together: {join(clashes)}. "
                "Check the month the pattern counts from."
            )
    return warnings


def _day_off(calendar, day: datetime.date) -> str:
    """ "Friday 25 December 2026 is not a working day: Christmas Day, a bank holiday.", or
    nothing for a working day."""
    if calendar.is_working_day(day):
        return ""
    if holiday := calendar.bank_holiday(day):
        why = f"{holiday}, a bank holiday"
    elif day in calendar.closures:
        why = "a closure day in the body's terms"
    else:
        why = f"a {day:%A}"
    return f"{long_date(day)} is not a working day: {why}."


def past_date_problem(starts_at: datetime.datetime, now: datetime.datetime, note: str) -> str:
    """A meeting in the past is allowed only to enter the record of a meeting already held,
    and the clerk says so."""
    if starts_at < now and not note.strip():
        return (
            f"{long_datetime(starts_at)} is in the past. To enter a meeting that has already "
            "been held, say why in “Reason for a past date”."
        )
    return ""


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
    taken = {
        m.day
        for m in body.meetings.exclude(status=Meeting.Status.CANCELLED)
        .on_days(start - datetime.timedelta(days=1))
        .only("starts_at")
    }
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


def next_programme_month(body, every: int, today: datetime.date) -> int:
    """The month a programme should count from: the month of the body's last ordinary meeting
    (which keeps a two-monthly body on its own months), else next month."""
    last = (
        body.meetings.filter(kind=Meeting.Kind.ORDINARY)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("-starts_at")
        .first()
    )
    if last is not None:
        return last.day.month
    return (today.replace(day=1) + datetime.timedelta(days=32)).month


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
    history_note: str = "",
    now: datetime.datetime | None = None,
) -> Meeting:
    """Add a meeting. With ``now``, a date in the past needs ``history_note``."""
    if now is not None and (problem := past_date_problem(starts_at, now, history_note)):
        raise ValidationError({"history_note": problem})
    meeting = Meeting(
        body=body,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_link=online_link,
        held_in_public=held_in_public,
        kind=kind,
        history_note=history_note.strip(),
        status=Meeting.Status.HELD
        if now is not None and ends_at < now
        else Meeting.Status.SCHEDULED,
    )
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_reschedule(
    *,
    meeting: Meeting,
    revision: int,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    reason: str,
    user: User,
    now: datetime.datetime,
) -> Meeting:
    """Move a meeting, recording the change for the members' notices. Its publish-by
    deadline follows from the new date."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    revision_check(meeting, revision, "this meeting")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is moving."})
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError("A cancelled meeting cannot be rescheduled; add a new meeting.")
    if meeting.closed:
        raise ValidationError("The meeting has been held and closed; it cannot be moved.")
    if starts_at < now:
        raise ValidationError({"day": f"{long_datetime(starts_at)} is in the past."})
    previous = meeting.starts_at
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.revision += 1
    meeting._history_user, meeting._change_reason = user, reason.strip()
    meeting.full_clean()
    meeting.save(update_fields=["starts_at", "ends_at", "revision"])
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.RESCHEDULED,
        previous_starts_at=previous,
        new_starts_at=starts_at,
        reason=reason,
        changed_at=now,
        changed_by=user,
    )
    signals.meeting_change.send(sender=MeetingChange, change=change)
    return meeting


@transaction.atomic
def meeting_cancel(
    *, meeting: Meeting, revision: int, reason: str, user: User, now: datetime.datetime
) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    revision_check(meeting, revision, "this meeting")
    if not reason.strip():
        raise ValidationError({"reason": "Say why the meeting is cancelled."})
    if meeting.closed:
        raise ValidationError("The meeting has been held and closed; it cannot be cancelled.")
    meeting.status, meeting.cancellation_reason = Meeting.Status.CANCELLED, reason
    meeting.revision += 1
    meeting._history_user, meeting._change_reason = user, reason.strip()
    meeting.full_clean()
    meeting.save(update_fields=["status", "cancellation_reason", "revision"])
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.CANCELLED,
        previous_starts_at=meeting.starts_at,
        reason=reason,
        changed_at=now,
        changed_by=user,
    )
    signals.meeting_change.send(sender=MeetingChange, change=change)
    return meeting
