"""The demo's most recent meeting of each body, held and closed, with the record the console
would have captured: its agenda published in time, everyone in post present, a decision with
its reasons, an action, and (for a body meeting in public) a confidential decision. A new
user can draft its minutes in one click, publish the notice of its decisions, and see the
deadlines after it on the dashboard."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from governance.models import Body
from governance.rules.language import BodyRules
from governance.rules.words import LONDON
from members.models import User

from .models import AgendaItem, Decision, Meeting
from .services import attendance, proceedings, record
from .services.agenda import agenda_item_add, agenda_start
from .services.decisions import decision_record_complete
from .services.publication import agenda_publish, agreement_record
from .services.resolutions import resolution_issue, resolution_rules
from .services.schedule import meeting_deadlines
from .sitting import sitting_for

SUBSTANTIVE = "Better Care Fund: quarter two report"
CONFIDENTIAL = "Lease of the community diagnostics hub"


def held_record(body: Body, clerk: User, today: datetime.date) -> Meeting | None:
    """Record the body's last meeting before ``today``, unless it has an agenda already."""
    meeting = (
        body.meetings.filter(starts_at__date__lt=today, closed_at__isnull=True)
        .order_by("-starts_at")
        .first()
    )
    if meeting is None or meeting.items.exists():
        return None
    rules = body.terms_in_force(meeting.day).body_rules(body.rule_names())
    if rules.notice is None:
        return None
    _agenda(meeting, rules, clerk)
    starts = meeting.starts_at
    attendance.sitting_open(meeting=meeting, user=clerk, now=starts)
    for row in meeting.attendance.filter(capacity="member"):
        attendance.attendance_mark(
            meeting=meeting, row=row, revision=row.revision, mark="present", user=clerk, now=starts
        )
    at = starts + datetime.timedelta(minutes=40)
    _decide(
        meeting,
        SUBSTANTIVE,
        clerk,
        at,
        text="The quarter two report was noted and the plan's revised spending profile agreed.",
        reasons="Spending is on profile; the revised profile keeps the plan within budget.",
        alternatives="Holding the underspend to the year end: rejected, as services would wait.",
    )
    record.action_record(
        meeting=meeting,
        item=meeting.items.get(title=SUBSTANTIVE),
        text="Report the quarter three position",
        owner="Director of Health and Care Integration",
        due=meeting.day + datetime.timedelta(days=84),
        user=clerk,
        now=at,
    )
    if meeting.held_in_public:
        _decide(
            meeting,
            CONFIDENTIAL,
            clerk,
            at + datetime.timedelta(minutes=20),
            text="The lease was agreed on the terms in the confidential report.",
            reasons="The landlord's terms are below the district valuer's estimate.",
            alternatives="A shorter lease: rejected, as the fit-out would not be repaid.",
        )
    proceedings.meeting_close(
        meeting=meeting,
        closed_at=meeting.ends_at,
        user=clerk,
        now=meeting.ends_at,
    )
    return meeting


def _agenda(meeting: Meeting, rules: BodyRules, clerk: User) -> None:
    agenda_start(meeting=meeting, rules=rules)
    business = rules.business_types[-1].key if len(rules.business_types) > 1 else ""
    agenda_item_add(
        meeting=meeting,
        rules=rules,
        title=SUBSTANTIVE,
        presenter="Director of Health and Care Integration",
        purpose=AgendaItem.Purpose.DECISION,
        business_type=business,
        paper_expected=False,
    )
    if meeting.held_in_public:
        agenda_item_add(
            meeting=meeting,
            rules=rules,
            title=CONFIDENTIAL,
            purpose=AgendaItem.Purpose.DECISION,
            part=AgendaItem.Part.B,
            exempt_paragraph=3,
            paper_expected=False,
        )
    publish_at = meeting_deadlines(meeting, rules).publish_by.deadline - datetime.timedelta(hours=2)
    if rules.agenda.agreed_by:
        agreement_record(
            meeting=meeting,
            agreed_by=rules.agenda.agreed_by,
            agreed_at=publish_at - datetime.timedelta(hours=1),
            user=clerk,
            now=publish_at - datetime.timedelta(hours=1),
        )
    agenda_publish(meeting=meeting, rules=rules, user=clerk, now=publish_at)


def _decide(meeting, title, clerk, now, *, text, reasons, alternatives) -> Decision | None:
    """A decision on ``title``, made current; none where the meeting was not quorate for it
    (the demo's vacant seats can leave a body short of a required member)."""
    item = meeting.items.get(title=title)
    meeting.refresh_from_db()
    sitting = sitting_for(meeting)
    if not sitting.quorum_for(item).quorate:
        return None
    proceedings.item_go_to(
        meeting=meeting,
        item=item,
        seen_item=meeting.current_item_id,
        confirmed=True,
        sitting=sitting,
    )
    meeting.refresh_from_db()
    try:
        decision = record.decision_record(
            meeting=meeting,
            sitting=sitting_for(meeting),
            text=text,
            outcome=Decision.Outcome.AGREED_BY_CONSENSUS,
            value=None,
            vote=None,
            user=clerk,
            now=now,
            reasons=reasons,
        )
    except ValidationError:
        return None
    return decision_record_complete(
        decision=decision,
        reasons=reasons,
        alternatives=alternatives,
        dispensation="",
        revision=decision.revision,
        user=clerk,
    )


def open_resolution(body: Body, clerk: User, today: datetime.date):
    """Where the terms allow decisions outside meetings, a written resolution issued on the
    load day and open for a week, for members to answer."""
    now = datetime.datetime.combine(today, datetime.time(9), tzinfo=LONDON)
    try:
        resolution_rules(body, today)
    except ValidationError:
        return None
    respond_by = datetime.datetime.combine(
        today + datetime.timedelta(days=7), datetime.time(17), tzinfo=LONDON
    )
    return resolution_issue(
        body=body,
        title="Winter surge funding",
        text="To approve £250,000 from the system's winter allocation for 30 additional "
        "community beds from January to March.",
        business_type="",
        part=AgendaItem.Part.A,
        exempt_paragraph=None,
        paper=None,
        respond_by=respond_by,
        user=clerk,
        now=now,
    )
