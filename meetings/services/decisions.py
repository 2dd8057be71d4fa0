"""Decision records and the notice of a meeting's decisions. A record gives what the 2012
regulations expect (governance/rules/decision_records.py) before the minutes go to the chair
or the notice is published; the notice, published within the body's deadline, starts the
call-in period, after which the decisions may be carried out."""

from __future__ import annotations

import datetime
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string

from governance.rules.deadlines import call_in_deadline
from governance.rules.decision_records import DecisionContent, record_gaps
from governance.rules.words import LONDON
from members.models import User
from members.snapshots import snapshot

from ..models import Decision, DecisionNotice, Declaration, Meeting
from .locking import on_record, revision_check


def meeting_decisions(meeting: Meeting) -> QuerySet[Decision]:
    return (
        Decision.objects.filter(item__meeting=meeting, struck_at__isnull=True)
        .select_related("body", "item")
        .prefetch_related("item__declarations__person")
        .order_by("number")
    )


def decision_gaps(meeting: Meeting) -> list[str]:
    """What the records of the meeting's decisions still lack, in decision order."""
    conflicted = Counter(
        Declaration.objects.filter(item__meeting=meeting)
        .exclude(determination=Declaration.Determination.WITHDRAW)
        .values_list("item_id", flat=True)
    )
    gaps = []
    for decision in meeting_decisions(meeting):
        gaps.extend(
            record_gaps(
                DecisionContent(
                    decision.reference,
                    decision.outcome,
                    decision.reasons,
                    decision.alternatives,
                    decision.dispensation,
                    conflicted[decision.item_id],
                )
            )
        )
    return gaps


def refuse_incomplete(meeting: Meeting, before: str) -> None:
    gaps = decision_gaps(meeting)
    if gaps:
        raise ValidationError([f"Complete the decision records {before}.", *gaps])


@transaction.atomic
def decision_record_complete(
    *,
    decision: Decision,
    reasons: str,
    alternatives: str,
    dispensation: str,
    revision: int | None,
    user: User,
) -> Decision:
    """Record a decision's reasons, the alternatives rejected and any dispensation; refused
    once the minutes that hold it are confirmed, or if another clerk changed it first."""
    decision = Decision.objects.select_for_update().select_related("body").get(pk=decision.pk)
    minutes = getattr(decision.item.meeting, "minutes", None)
    if minutes is not None and minutes.locked:
        raise ValidationError("The minutes holding this decision are confirmed and locked.")
    revision_check(decision, revision, "this decision's record")
    decision.reasons = reasons.strip()
    decision.alternatives = alternatives.strip()
    decision.dispensation = dispensation.strip()
    return on_record(decision, user=user, reason="Decision record completed")


def notice_html(meeting: Meeting, *, public: bool, call_in_ends: datetime.date | None) -> str:
    return render_to_string(
        "meetings/decisions/notice_document.html",
        {
            "meeting": meeting,
            "decisions": meeting_decisions(meeting),
            "public": public,
            "call_in_ends": call_in_ends,
        },
    )


@transaction.atomic
def decision_notice_publish(
    *, meeting: Meeting, user: User, now: datetime.datetime
) -> DecisionNotice:
    """Publish the notice of the meeting's decisions, once, after the meeting has closed and
    every record is complete. The call-in period runs from the day of publication."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",)).select_related("body").get(pk=meeting.pk)
    )
    if not meeting.closed:
        raise ValidationError("The notice of decisions is published after the meeting closes.")
    if DecisionNotice.objects.filter(meeting=meeting).exists():
        raise ValidationError("The notice of this meeting's decisions is already published.")
    if not meeting_decisions(meeting).exists():
        raise ValidationError(
            "The meeting recorded no decisions, so there is nothing to give notice of."
        )
    refuse_incomplete(meeting, "before the notice is published")
    today = now.astimezone(LONDON).date()
    rules = snapshot(meeting.body, today).rules_on(meeting.day)
    call_in = call_in_deadline(rules.decisions, rules.calendar, today) if rules else None
    ends = call_in.due if call_in else None
    return DecisionNotice.objects.create(
        meeting=meeting,
        published_at=now,
        published_by=user,
        call_in_ends=ends,
        members_text=notice_html(meeting, public=False, call_in_ends=ends),
        public_text=notice_html(meeting, public=True, call_in_ends=ends),
    )
