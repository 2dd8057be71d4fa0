"""The daily sweep (run by beat; run it again, or twice at once, and nothing is sent twice):
the reminders the bodies' rules call for on a day, each keyed by what it is about, who it
is for and the day it falls due.

- the secretariat: the agenda to publish in 2 and in 1 working days, and a deadline missed;
  the draft minutes due to the chair, and the approved minutes due to members (on the day,
  and once overdue);
- the chair: draft minutes awaiting their approval;
- the secretariat: a meeting in the next fortnight forecast to be inquorate from the
  apologies received (with the engine's shortfall), once for each shortfall;
- members and deputies: the meeting tomorrow (a courtesy reminder);
- those asked to answer a written resolution who have not: two working days before the
  date for answers, and on the day;
- report authors (where the item gives their address): the paper due in 5 and in 1
  working days, and overdue (once);
- action owners (where the action gives their address): due in 5 working days, and
  overdue (once);
- the secretariat: each obligation with a date in the body's rules (reports, reviews,
  assessments, the chair's term) due in 5 working days and overdue (once); a body meeting
  less often than its terms require (once a month while it lasts); and an agenda the terms
  say the chair agrees, not yet agreed 5 and 2 working days before the publish-by deadline;
- members and deputies: their declaration of interests, when due (on appointment, then
  yearly) and four weeks later if still not made.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterator

from django.db.models import Q

from governance.models import Body
from governance.rules.words import LONDON, long_date, long_datetime
from meetings.compliance import compliance
from meetings.forecast import quorum_forecast
from meetings.models import Action, AgendaItem, Meeting, Minutes, WrittenResolution
from meetings.queries import people_to_notify
from meetings.services.minutes import after_meeting
from meetings.services.publication import agreement_missing
from meetings.services.resolutions import entitled_to_answer
from meetings.services.schedule import meeting_deadlines
from members.interests import return_due, serving
from members.models import DeputyNomination, User
from members.snapshots import snapshot, snapshots

from .composing import rendered, resolution_message, secretariat
from .links import meeting_link, site_link
from .sending import Message, notices_queue

AHEAD = datetime.timedelta(days=45)  # the publish-by deadline is never further ahead
FORECAST = datetime.timedelta(days=14)
PAPER_LEADS = (5, 1)  # working days before papers are due
ACTION_LEAD = 5  # working days before an action is due
DUTY_LEAD = 5  # working days before an obligation falls due
DUTY_OVERDUE_FOR = datetime.timedelta(days=31)  # older occasions are the dashboard's to show
AGREEMENT_LEADS = (5, 2)  # working days before the publish-by deadline
OVERDUE_FOR = datetime.timedelta(days=92)  # owners of actions overdue longer were told already
RETURN_CHASED_AFTER = datetime.timedelta(days=28)  # a declaration still not made, asked again
WHAT = {"to_chair": "draft minutes to the chair", "circulate": "approved minutes to members"}


def sweep(today: datetime.date) -> int:
    """Queue every reminder due on ``today``; returns how many were newly claimed."""
    staff: dict[int, list[User]] = {}  # each body's secretariat, read once a sweep
    return notices_queue(
        [
            *publish_reminders(today, staff),
            *minutes_reminders(today, staff),
            *inquorate_forecasts(today, staff),
            *tomorrow(today),
            *resolution_reminders(today),
            *paper_reminders(today),
            *action_reminders(today),
            *duty_reminders(today, staff),
            *interest_return_reminders(today),
        ]
    )


def _message(kind, key, user_or_person, meeting, subject, context, statutory=True):
    context = {
        "meeting": meeting,
        "link": meeting_link(meeting),
        "name": getattr(user_or_person, "full_name", None) or str(user_or_person),
        **context,
    }
    return Message(
        key=key,
        kind=kind,
        address=user_or_person.email,
        subject=subject,
        **rendered("reminder", context),
        person=user_or_person if not isinstance(user_or_person, User) else None,
        meeting=meeting,
        statutory=statutory,
    )


def publish_reminders(today: datetime.date, staff: dict) -> Iterator[Message]:
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=LONDON)
    meetings = (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=start + AHEAD)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(publications__isnull=True)
        .select_related("body")
        .order_by("starts_at")
    )
    for meeting in meetings:
        rules = snapshot(meeting.body, today).rules_on(meeting.day)
        deadlines = meeting_deadlines(meeting, rules)
        if deadlines is None:
            continue
        due = deadlines.publish_by.deadline
        due_day = due.astimezone(LONDON).date()
        left = rules.calendar.working_days_between(today, due_day)
        if today > due_day:
            kind, lead = "publish_missed", "Deadline missed: the agenda"
            words = f"The deadline to publish the agenda was {long_datetime(due)}."
        elif left in (1, 2) and today < due_day:
            kind, lead = f"publish_in_{left}", f"Publish in {left} working day{'s' * (left > 1)}"
            words = f"Publish the agenda by {long_datetime(due)}."
        else:
            continue
        subject = f"{lead}: {meeting.body.short_name}, {long_date(meeting.day)}"
        for user in secretariat(meeting.body, staff):
            yield _message(
                kind,
                f"{kind}:meeting-{meeting.pk}:user-{user.pk}:{due_day.isoformat()}",
                user,
                meeting,
                subject,
                {"sentence": words},
            )


def minutes_reminders(today: datetime.date, staff: dict) -> Iterator[Message]:
    """The minutes' deadlines due (on the day) or overdue (once), to the secretariat;
    the draft awaiting approval, to the chair (once for each time it is sent)."""
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=LONDON)
    recent = (
        Meeting.objects.filter(closed_at__isnull=False, starts_at__gte=start - AHEAD)
        .filter(Q(minutes__isnull=True) | ~Q(minutes__status=Minutes.Status.CONFIRMED))
        .select_related("body", "minutes__chair")
        .order_by("starts_at")
    )
    for meeting in recent:
        minutes = getattr(meeting, "minutes", None)
        if minutes and minutes.status == Minutes.Status.WITH_CHAIR and minutes.chair.email:
            sent = minutes.sent_to_chair_at.astimezone(LONDON).date()
            yield _message(
                "minutes_to_approve",
                f"minutes_to_approve:minutes-{minutes.pk}:{minutes.sent_to_chair_at.isoformat()}",
                minutes.chair,
                meeting,
                f"Draft minutes to approve: {meeting.body.short_name}, {long_date(meeting.day)}",
                {
                    "sentence": f"The draft minutes, sent to you on {long_date(sent)}, await "
                    "your approval: approve them, or return them with comments.",
                    "link": site_link("meetings:minutes-review", meeting.pk),
                },
            )
        rules = snapshot(meeting.body, today).rules_on(meeting.day)
        for state in after_meeting(meeting, minutes, None, rules, today):
            deadline = state.deadline
            if deadline.kind not in WHAT or state.done_on is not None:
                continue
            if state.state == "due" and deadline.due == today:
                kind, lead = f"{deadline.kind}_due", "Due today"
            elif state.state == "overdue":
                kind, lead = f"{deadline.kind}_overdue", "Overdue"
            else:
                continue
            for user in secretariat(meeting.body, staff):
                yield _message(
                    kind,
                    f"{kind}:meeting-{meeting.pk}:user-{user.pk}:{deadline.due.isoformat()}",
                    user,
                    meeting,
                    f"{lead}: {WHAT[deadline.kind]}, {meeting.body.short_name}, "
                    f"{long_date(meeting.day)}",
                    {"sentence": deadline.sentence},
                )


def inquorate_forecasts(today: datetime.date, staff: dict) -> Iterator[Message]:
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=LONDON)
    meetings = list(
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=start + FORECAST)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(apologies__isnull=False)
        .distinct()
        .select_related("body")
        .prefetch_related("apologies", "items")
    )
    nominated = set(
        DeputyNomination.objects.current(today)
        .filter(seat__body__in={m.body_id for m in meetings})
        .values_list("seat_id", "person_id")
    )
    turns = Meeting.objects.chair_turns(meetings)
    for meeting in meetings:
        state = snapshot(meeting.body, today)
        for forecast in quorum_forecast(
            meeting, state, nominated=nominated, turn=turns.get(meeting.pk, 0)
        ):
            if forecast.result.quorate:
                continue
            shortfall = forecast.result.shortfall
            digest = hashlib.sha256(f"{forecast.business}:{shortfall}".encode()).hexdigest()[:16]
            for user in secretariat(meeting.body, staff):
                yield _message(
                    "inquorate_forecast",
                    f"inquorate_forecast:meeting-{meeting.pk}:user-{user.pk}:{digest}",
                    user,
                    meeting,
                    f"Forecast inquorate: {meeting.body.short_name}, {long_date(meeting.day)}",
                    {
                        "sentence": f"From the apologies received, the meeting on "
                        f"{long_datetime(meeting.starts_at)} is forecast not to be quorate "
                        f"for {forecast.business.lower()}. {shortfall}"
                    },
                )


def tomorrow(today: datetime.date) -> Iterator[Message]:
    """A courtesy reminder to members and deputies the day before a meeting."""
    start = datetime.datetime.combine(
        today + datetime.timedelta(days=1), datetime.time(), tzinfo=LONDON
    )
    meetings = (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(1))
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
    )
    told: dict[tuple, list] = {}  # the same body's members for each of its meetings that day
    for meeting in meetings:
        key = (meeting.body_id, meeting.day)
        if key not in told:
            people = people_to_notify(meeting).exclude(email="").exclude(courtesy_reminders=False)
            told[key] = list(people.order_by("pk"))
        for person in told[key]:
            yield _message(
                "meeting_tomorrow",
                f"meeting_tomorrow:meeting-{meeting.pk}:person-{person.pk}:{meeting.day}",
                person,
                meeting,
                f"Tomorrow: {meeting.body.short_name}, {long_datetime(meeting.starts_at)}",
                {
                    "sentence": f"The {meeting.body.name} meets tomorrow, "
                    f"{long_datetime(meeting.starts_at)}"
                    + (f", {meeting.location}." if meeting.location else "."),
                },
                statutory=False,
            )


def resolution_reminders(today: datetime.date) -> Iterator[Message]:
    """Those asked to answer an open written resolution who have not yet answered."""
    resolutions = WrittenResolution.objects.filter(
        status=WrittenResolution.Status.OPEN,
        respond_by__gte=datetime.datetime.combine(today, datetime.time(), tzinfo=LONDON),
    ).select_related("body")
    for resolution in resolutions.prefetch_related("answers"):
        due = resolution.respond_by.astimezone(LONDON).date()
        rules = snapshot(resolution.body, today).rules_on(today)
        if rules is None:
            continue
        if due == today:
            when, words = "today", f"today, by {resolution.respond_by.astimezone(LONDON):%H:%M}"
        elif rules.calendar.working_days_between(today, due) == 2:
            when, words = "in 2 working days", long_datetime(resolution.respond_by)
        else:
            continue
        answered = {(a.person_id, a.seat_id) for a in resolution.answers.all()}
        for each in entitled_to_answer(resolution):
            person = each.person
            if (person.pk, each.seat.pk) in answered or not person.email:
                continue
            if not person.courtesy_reminders:
                continue
            yield resolution_message(
                "resolution_reminder",
                resolution,
                person,
                key=f"resolution_reminder:resolution-{resolution.pk}:person-{person.pk}:"
                f"seat-{each.seat.pk}:{today.isoformat()}",
                subject=f"Answer needed {when}",
                sentence=f"Your answer to this written resolution is due {words}. You have not "
                "answered yet.",
                statutory=False,
            )


def _address_message(kind, key, address, name, meeting, subject, sentence) -> Message:
    """A reminder to someone known only by their address (a report author, an owner)."""
    return Message(
        key=key,
        kind=kind,
        address=address,
        subject=subject,
        **rendered("reminder", {"meeting": meeting, "name": name, "sentence": sentence}),
        meeting=meeting,
    )


_withheld = "an action on a confidential (Part B) item: the secretariat has its words"


def _item_words(item: AgendaItem) -> str:
    """The item as a reminder names it: a confidential item's title stays in Quorate."""
    return "a confidential (Part B) item" if item.confidential else f"the item “{item.title}”"


def paper_reminders(today: datetime.date) -> Iterator[Message]:
    """Report authors whose paper has not arrived: due in 5 and in 1 working days, and the
    day after it was due."""
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=LONDON)
    items = (
        AgendaItem.objects.filter(
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=start + AHEAD,
            paper_expected=True,
            published__isnull=True,
            papers__isnull=True,
        )
        .exclude(author_email="")
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__body")
        .order_by("meeting__starts_at", "position")
    )
    for item in items:
        meeting = item.meeting
        rules = snapshot(meeting.body, today).rules_on(meeting.day)
        deadlines = meeting_deadlines(meeting, rules)
        if deadlines is None:
            continue
        due = deadlines.papers_due
        due_day = due.astimezone(LONDON).date()
        left = rules.calendar.working_days_between(today, due_day)
        if today > due_day and left == -1:
            kind, lead = "paper_overdue", "Overdue"
            words = f"Your paper was due by {long_datetime(due)} and has not arrived."
        elif left in PAPER_LEADS and today < due_day:
            kind, lead = "paper_due", f"Due in {left} working day{'s' * (left > 1)}"
            words = f"Your paper is due by {long_datetime(due)}."
        else:
            continue
        yield _address_message(
            kind,
            f"{kind}:item-{item.pk}:{item.author_email.lower()}:{due_day.isoformat()}:{left}",
            item.author_email,
            item.presenter or "colleague",
            meeting,
            f"{lead}: your paper for {meeting.body.short_name}, {long_date(meeting.day)}",
            f"{words} It is for {_item_words(item)} at the meeting of the "
            f"{meeting.body.name} on {long_datetime(meeting.starts_at)}. Send it to the "
            "secretariat.",
        )


def action_reminders(today: datetime.date) -> Iterator[Message]:
    """Owners of open actions: due in 5 working days, and overdue (once)."""
    actions = (
        Action.objects.filter(
            status=Action.Status.OPEN,
            struck_at__isnull=True,
            due__gte=today - OVERDUE_FOR,
            due__lte=today + datetime.timedelta(days=ACTION_LEAD * 2 + 14),
        )
        .exclude(owner_email="")
        .select_related("meeting__body", "item")
        .order_by("due", "pk")
    )
    for action in actions:
        meeting = action.meeting
        confidential = action.item_id is not None and action.item.confidential
        rules = snapshot(meeting.body, today).rules_on(today)
        if rules is None:
            continue
        if action.due < today:
            kind, lead = "action_overdue", "Overdue"
            words = f"This action was due on {long_date(action.due)}."
        elif rules.calendar.working_days_between(today, action.due) == ACTION_LEAD:
            kind, lead = "action_due", f"Due in {ACTION_LEAD} working days"
            words = f"This action is due on {long_date(action.due)}."
        else:
            continue
        yield _address_message(
            kind,
            f"{kind}:action-{action.pk}:{action.owner_email.lower()}:{action.due.isoformat()}",
            action.owner_email,
            action.owner,
            meeting,
            f"{lead}: your action from {meeting.body.short_name}, {long_date(meeting.day)}",
            f"{words} “{_withheld if confidential else action.text}”, agreed at the meeting "
            f"of the {meeting.body.name} on "
            f"{long_date(meeting.day)}. Tell the secretariat when it is done.",
        )


def duty_reminders(today: datetime.date, staff: dict) -> Iterator[Message]:
    """What the bodies' terms call for beyond each meeting, to each body's secretariat."""
    bodies = Body.objects.filter(terms_versions__isnull=False).distinct().order_by("pk")
    states = snapshots(bodies, today)
    for duty in compliance(states, today):
        body = duty.body
        calendar = states[body.pk].rules_on(today).calendar
        for due in duty.due:
            left = calendar.working_days_between(today, due.due)
            if due.state == "overdue" and today - due.due <= DUTY_OVERDUE_FOR:
                kind, lead = "obligation_overdue", "Overdue"
            elif left == DUTY_LEAD and today < due.due:
                kind, lead = "obligation_due", f"Due in {DUTY_LEAD} working days"
            else:
                continue
            obligation = due.obligation
            for user in secretariat(body, staff):
                yield _body_message(
                    kind,
                    f"{kind}:body-{body.pk}:{obligation.key}:user-{user.pk}:{due.due.isoformat()}",
                    user,
                    body,
                    f"{lead}: {obligation.what}, {body.short_name}, due {long_date(due.due)}",
                    f"{due.sentence} {obligation.describe()}",
                )
        if not duty.frequency.ok:
            for user in secretariat(body, staff):
                yield _body_message(
                    "meeting_frequency",
                    f"meeting_frequency:body-{body.pk}:user-{user.pk}:{today:%Y-%m}",
                    user,
                    body,
                    f"Meeting less often than the terms require: {body.short_name} ({today:%B %Y})",
                    duty.frequency.sentence,
                )
    yield from agreement_reminders(today, staff)


def _body_message(kind, key, user, body, subject, sentence) -> Message:
    return Message(
        key=key,
        kind=kind,
        address=user.email,
        subject=subject,
        **rendered(
            "reminder",
            {
                "body": body,
                "name": user.get_full_name() or user.username,
                "sentence": sentence,
                "link": site_link("meetings:dashboard"),
            },
        ),
        body=body,
    )


def agreement_reminders(today: datetime.date, staff: dict) -> Iterator[Message]:
    """An agenda the terms say is agreed (by the chair, say) before it goes out, not yet
    agreed as the publish-by deadline nears."""
    start = datetime.datetime.combine(today, datetime.time(), tzinfo=LONDON)
    meetings = (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=start + AHEAD)
        .exclude(status=Meeting.Status.CANCELLED)
        .filter(publications__isnull=True)
        .select_related("body")
        .order_by("starts_at")
    )
    for meeting in meetings:
        rules = snapshot(meeting.body, today).rules_on(meeting.day)
        deadlines = meeting_deadlines(meeting, rules)
        if deadlines is None or not rules.agenda.agreed_by:
            continue
        due_day = deadlines.publish_by.deadline.astimezone(LONDON).date()
        left = rules.calendar.working_days_between(today, due_day)
        if left not in AGREEMENT_LEADS or today >= due_day or not agreement_missing(meeting, rules):
            continue
        for user in secretariat(meeting.body, staff):
            yield _message(
                "agenda_agreement",
                f"agenda_agreement:meeting-{meeting.pk}:user-{user.pk}:{due_day}:{left}",
                user,
                meeting,
                f"Agenda awaiting agreement: {meeting.body.short_name}, {long_date(meeting.day)}",
                {
                    "sentence": f"The terms say the agenda is agreed by {rules.agenda.agreed_by} "
                    f"before it is published, and it is not yet agreed. Publish by "
                    f"{long_datetime(deadlines.publish_by.deadline)} ({left} working days)."
                },
            )


def interest_return_reminders(today: datetime.date) -> Iterator[Message]:
    """Each member or deputy whose declaration of interests is due (on appointment, then a
    year after the last): told once when it falls due, and once more four weeks later."""
    for person in serving(today):
        due = return_due(person.last_return, person.serving_since)
        if due > today or not person.email:
            continue
        chased = today >= due + RETURN_CHASED_AFTER
        kind = "interest_return_overdue" if chased else "interest_return_due"
        words = "was due" if chased else "is due"
        yield Message(
            key=f"{kind}:person-{person.pk}:{due.isoformat()}",
            kind=kind,
            address=person.email,
            subject="Your declaration of interests " + ("is overdue" if chased else "is due"),
            **rendered(
                "reminder",
                {
                    "name": person.full_name,
                    "sentence": f"Your declaration of interests {words} on {long_date(due)}. "
                    "Check what the register shows for you, declare anything new, and confirm "
                    "it (a nil return if you have nothing to declare).",
                    "link": site_link("members:my-interests"),
                },
            ),
            person=person,
        )
