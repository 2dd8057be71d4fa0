"""What each notice says, rendered from ``templates/emails/``: the plain text and the HTML,
with a calendar invitation where it concerns a meeting. A notice never carries confidential
(Part B) business: it says how many such items there are and links to the meeting."""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string

from governance.rules.words import LONDON, long_datetime
from meetings.models import (
    AgendaItem,
    Apology,
    DeputyRequest,
    LatePublicationRequest,
    Meeting,
    MeetingChange,
    Minutes,
    Publication,
)
from meetings.queries import agenda_items, people_to_notify
from meetings.services.agenda import numbering
from meetings.services.resolutions import entitled_to_answer
from members.models import User

from .calendar import CANCEL, REQUEST, invitation
from .links import meeting_link, site_link
from .sending import Message


def rendered(name: str, context: dict) -> dict[str, str]:
    """A notice's plain text and HTML, from ``templates/emails/<name>.txt`` and ``.html``."""
    return {
        "text": render_to_string(f"emails/{name}.txt", context),
        "html": render_to_string(f"emails/{name}.html", context),
    }


def agenda_messages(meeting: Meeting, publication: Publication) -> list[Message]:
    """One message to each member and deputy told of the publication who has an address."""
    supplement = publication.kind == Publication.Kind.SUPPLEMENT
    published = [i for i in agenda_items(meeting) if i.published_id]
    numbers = numbering(published)
    items = [i for i in published if not supplement or i.published_id == publication.pk]
    context = {
        "meeting": meeting,
        "supplement": supplement,
        "items": [(numbers[i.pk], i) for i in items if i.part == AgendaItem.Part.A],
        "confidential": sum(i.part == AgendaItem.Part.B for i in items),
        "link": meeting_link(meeting),
        "late": publication.late,
    }
    what = "Supplementary papers" if supplement else "Agenda"
    subject = f"{what}: {meeting.body.short_name}, {meeting.day:%-d %B %Y}"
    kind = "supplement_published" if supplement else "agenda_published"
    messages = []
    for person in publication.notified.exclude(email="").order_by("pk"):
        personal = {**context, "person": person}
        messages.append(
            Message(
                key=f"{kind}:publication-{publication.pk}:person-{person.pk}",
                kind=kind,
                address=person.email,
                subject=subject,
                **rendered("agenda_published", personal),
                person=person,
                meeting=meeting,
                ics="" if supplement else invitation(meeting, REQUEST, attendee=person.email),
                ics_method="" if supplement else REQUEST,
            )
        )
    return messages


def minutes_messages(minutes: Minutes) -> list[Message]:
    """The approved minutes circulated: to each member and deputy of the meeting's day with
    an address, a link to them (their words, Part B above all, stay in Quorate)."""
    meeting = minutes.meeting
    context = {"meeting": meeting, "link": site_link("meetings:minutes", meeting.pk)}
    subject = f"Minutes: {meeting.body.short_name}, {meeting.day:%-d %B %Y}"
    return [
        Message(
            key=f"minutes_circulated:minutes-{minutes.pk}:person-{person.pk}",
            kind="minutes_circulated",
            address=person.email,
            subject=subject,
            **rendered("minutes_circulated", {**context, "person": person}),
            person=person,
            meeting=meeting,
        )
        for person in people_to_notify(meeting).exclude(email="").order_by("pk")
    ]


def change_messages(change: MeetingChange) -> list[Message]:
    """The meeting moved or cancelled, to each member and deputy with an address: the
    invitation updated in place (the same UID, a higher SEQUENCE) or cancelled."""
    meeting = change.meeting
    cancelled = change.kind == MeetingChange.Kind.CANCELLED
    method = CANCEL if cancelled else REQUEST
    what = "Cancelled" if cancelled else "Moved"
    was = change.previous_starts_at.astimezone(LONDON)
    subject = f"{what}: {meeting.body.short_name}, {was:%-d %B %Y}"
    context = {"change": change, "meeting": meeting, "cancelled": cancelled,
               "link": meeting_link(meeting)}  # fmt: skip
    messages = []
    for person in people_to_notify(meeting).exclude(email="").order_by("pk"):
        personal = {**context, "person": person}
        messages.append(
            Message(
                key=f"meeting_{change.kind}:change-{change.pk}:person-{person.pk}",
                kind=f"meeting_{change.kind}",
                address=person.email,
                subject=subject,
                **rendered("meeting_changed", personal),
                person=person,
                meeting=meeting,
                ics=invitation(meeting, method, attendee=person.email),
                ics_method=method,
            )
        )
    return messages


def apology_messages(apology: Apology) -> list[Message]:
    """The apologies acknowledged to the member, and the deputy told they attend for them."""
    meeting = apology.meeting
    stamp = apology.received_at.isoformat()
    link = meeting_link(meeting)
    when = f"{meeting.body.short_name}, {meeting.day:%-d %B %Y}"
    messages = []
    for person, kind, subject in (
        (apology.person, "apology_acknowledged", f"Apologies received: {when}"),
        (apology.deputy, "deputy_attending", f"You attend as deputy: {when}"),
    ):
        if person is None or not person.email:
            continue
        context = {"apology": apology, "meeting": meeting, "person": person, "link": link}
        messages.append(
            Message(
                key=f"{kind}:apology-{apology.pk}:person-{person.pk}:{stamp}",
                kind=kind,
                address=person.email,
                subject=subject,
                **rendered(kind, context),
                person=person,
                meeting=meeting,
            )
        )
    return messages


def resolution_message(kind, resolution, person, *, key, subject, sentence, statutory=True):
    """A notice about a written resolution; a confidential one's title and text stay in
    Quorate, behind the link."""
    context = {
        "resolution": resolution,
        "name": person.full_name,
        "sentence": sentence,
        "link": site_link("meetings:resolution", resolution.pk),
    }
    title = "a confidential matter" if resolution.confidential else resolution.title
    return Message(
        key=key,
        kind=kind,
        address=person.email,
        subject=f"{subject}: {resolution.body.short_name}, {title}",
        **rendered("resolution", context),
        person=person,
        body=resolution.body,
        statutory=statutory,
    )


def resolution_issued_messages(resolution, entitled) -> list[Message]:
    """The resolution put to each person entitled to answer who has an address."""
    by = long_datetime(resolution.respond_by)
    messages, told = [], set()
    for each in entitled:
        person = each.person
        if not person.email or person.pk in told:
            continue
        told.add(person.pk)
        messages.append(
            resolution_message(
                "resolution_issued",
                resolution,
                person,
                key=f"resolution_issued:resolution-{resolution.pk}:person-{person.pk}",
                subject="Written resolution: your answer is needed",
                sentence=f"The {resolution.body.name} asks you to answer a written resolution "
                f"(a decision outside a meeting) by {by}: for, against or abstain, in Quorate "
                "or by replying to the secretariat.",
            )
        )
    return messages


def resolution_decided_messages(resolution) -> list[Message]:
    """The outcome, to each person who was asked to answer."""
    outcome = resolution.result.get("sentence", resolution.get_status_display())
    messages, told = [], set()
    for each in entitled_to_answer(resolution):
        person = each.person
        if not person.email or person.pk in told:
            continue
        told.add(person.pk)
        messages.append(
            resolution_message(
                "resolution_decided",
                resolution,
                person,
                key=f"resolution_decided:resolution-{resolution.pk}:person-{person.pk}",
                subject="Written resolution decided",
                sentence=f"The written resolution has been decided by the body's rule. {outcome}",
            )
        )
    return messages


def secretariat(body, staff: dict[int, list[User]] | None = None) -> list[User]:
    """The body's secretariat with an address, read once per body when ``staff`` is kept
    across calls (a sweep)."""
    staff = {} if staff is None else staff
    if body.pk not in staff:
        staff[body.pk] = list(
            User.objects.filter(
                Q(serves_all_bodies=True) | Q(secretariat_bodies=body), is_active=True
            )
            .exclude(email="")
            .distinct()
            .order_by("pk")
        )
    return staff[body.pk]


def late_request_messages(late: LatePublicationRequest) -> list[Message]:
    """The Chair asked to authorise late publication; once answered, the secretariat told."""
    meeting = late.meeting
    when = f"{meeting.body.short_name}, {long_datetime(meeting.starts_at)}"
    link = site_link("meetings:late-request", late.pk)
    if late.awaited:
        people = [(p, p.full_name) for p in late.asked.exclude(email="").order_by("pk")]
        kind, subject = "late_request", f"Your authorisation is asked: late papers, {when}"
        sentence = (
            "The secretariat asks your authorisation to publish the agenda and papers after "
            f"the notice deadline. Their reason: {late.reason} Answer in Quorate: authorise or "
            "refuse."
        )
    else:
        people = [(u, u.get_full_name() or u.username) for u in secretariat(meeting.body)]
        kind = f"late_request_{late.answer}"
        subject = f"Late publication {late.get_answer_display().lower()}: {when}"
        sentence = (
            f"{late.answered_by.full_name} {late.get_answer_display().lower()} publication "
            f"after the deadline, {long_datetime(late.answered_at)}."
            + (f" Their note: {late.answer_note}" if late.answer_note else "")
        )
    return _request_messages(
        f"{kind}:request-{late.pk}", kind, people, subject, sentence, link, meeting
    )


def deputy_request_messages(asking: DeputyRequest) -> list[Message]:
    """The chair asked to agree to a member's deputy; once answered, the member and the
    secretariat told (an agreed deputy is told they attend, as for any apology)."""
    apology = asking.apology
    meeting = apology.meeting
    when = f"{meeting.body.short_name}, {long_datetime(meeting.starts_at)}"
    link = site_link("meetings:deputy-request", asking.pk)
    if asking.awaited:
        people = [(p, p.full_name) for p in asking.asked.exclude(email="").order_by("pk")]
        kind, subject = "deputy_request", f"Your agreement is asked: a deputy, {when}"
        sentence = (
            f"{apology.person.full_name} ({apology.seat.title}) has sent apologies and asks "
            f"that {asking.deputy.full_name} attend in their place. The terms need the "
            "chair's agreement: answer in Quorate."
        )
    else:
        member = [(apology.person, apology.person.full_name)] if apology.person.email else []
        people = member + [(u, u.get_full_name() or u.username) for u in secretariat(meeting.body)]
        kind = f"deputy_request_{asking.answer}"
        subject = f"Deputy {asking.get_answer_display().lower()}: {when}"
        sentence = (
            f"{asking.answered_by.full_name} {asking.get_answer_display().lower()} to "
            f"{asking.deputy.full_name} attending for {apology.person.full_name}, "
            f"{long_datetime(asking.answered_at)}."
            + (f" Their note: {asking.answer_note}" if asking.answer_note else "")
        )
    return _request_messages(
        f"{kind}:deputy-request-{asking.pk}", kind, people, subject, sentence, link, meeting
    )


def _request_messages(key, kind, people, subject, sentence, link, meeting) -> list[Message]:
    """One message for each (person or user, name) about a request answered in Quorate."""
    return [
        Message(
            key=f"{key}:{type(who).__name__.lower()}-{who.pk}",
            kind=kind,
            address=who.email,
            subject=subject,
            **rendered(
                "reminder", {"name": name, "sentence": sentence, "link": link, "meeting": meeting}
            ),
            person=who if not isinstance(who, User) else None,
            meeting=meeting,
        )
        for who, name in people
    ]
