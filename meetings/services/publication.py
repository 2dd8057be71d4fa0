"""Publishing an agenda and its papers, or a supplement, within the notice deadline or with
the Chair's recorded authorisation."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.rules.language import BodyRules
from governance.rules.words import long_datetime
from members.models import Appointment, Person, User

from .. import signals
from ..models import (
    AgendaAgreement,
    AgendaItem,
    LatePublicationRequest,
    Meeting,
    Paper,
    Publication,
)
from ..queries import people_to_notify
from .agenda import agenda_published, refuse_if_closed
from .schedule import meeting_deadlines


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
    late_request: LatePublicationRequest | None = None,
) -> Publication:
    """Publish the agenda and every paper not yet published, in one act. After the notice
    deadline this needs the Chair's recorded authorisation ("unless later circulation has
    been authorised by the Chair"): given by the Chair in the application (``late_request``)
    or recorded by the clerk; items and papers added after the agenda went out are
    published as a supplement under the same rule."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if late_request is not None:
        authorisation = _authorisation_given(meeting, late_request)
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
    if problem := agreement_missing(meeting, rules):
        raise ValidationError(problem)
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
        late_request=late_request if late else None,
        public_copy=meeting.held_in_public,
    )
    AgendaItem.objects.filter(pk__in=[i.pk for i in items]).update(published=publication)
    # An unpublished earlier version that a new one replaced before publication stays
    # unpublished: only the current version goes out.
    Paper.objects.filter(pk__in=[p.pk for p in new_papers]).update(published=publication)
    publication.notified.set(people_to_notify(meeting))
    if meeting.status == Meeting.Status.SCHEDULED:
        meeting.status = Meeting.Status.NOTICE_GIVEN
        meeting.save(update_fields=["status"])
    signals.agenda_publication.send(sender=Publication, meeting=meeting, publication=publication)
    return publication


def _authorisation_given(meeting, late_request) -> ChairAuthorisation:
    request = LatePublicationRequest.objects.select_related("answered_by").get(pk=late_request.pk)
    if request.meeting_id != meeting.pk or request.answer != request.Answer.AUTHORISED:
        raise ValidationError("The Chair has not authorised this publication.")
    if Publication.objects.filter(late_request=request).exists():
        raise ValidationError(
            "The Chair's authorisation has been used for an earlier publication: ask again."
        )
    return ChairAuthorisation(request.answered_by.full_name, request.answered_at, request.reason)


def late_authorisation_given(meeting: Meeting) -> LatePublicationRequest | None:
    """The Chair's authorisation given in the application and not yet used, if any."""
    return (
        meeting.late_requests.filter(
            answer=LatePublicationRequest.Answer.AUTHORISED, publication__isnull=True
        )
        .select_related("answered_by")
        .first()
    )


def chairs_to_ask(meeting: Meeting, rules: BodyRules) -> list[Person]:
    """Those who hold the chair on the meeting's day (both co-chairs; the side whose turn
    it is, where the chair rotates)."""
    day = meeting.day
    return [
        a.person
        for a in Appointment.objects.current(day)
        .filter(seat__body=meeting.body, seat__key__in=rules.chair.chairs_on(day))
        .select_related("person__user")
        .order_by("seat__position", "place")
    ]


@transaction.atomic
def late_request_make(
    *, meeting: Meeting, rules: BodyRules, reason: str, user: User, now: datetime.datetime
) -> LatePublicationRequest:
    """Ask the Chair, in the application, to authorise publishing after the deadline."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    deadlines = meeting_deadlines(meeting, rules)
    if deadlines is None or now <= deadlines.publish_by.deadline:
        raise ValidationError("The deadline has not passed: publish without an authorisation.")
    if meeting.late_requests.filter(answer=LatePublicationRequest.Answer.AWAITED).exists():
        raise ValidationError("A request is already with the Chair: wait for their answer.")
    chairs = [p for p in chairs_to_ask(meeting, rules) if p.user_id and p.user.is_active]
    if not chairs:
        raise ValidationError(
            "No one holding the chair can sign in to Quorate to answer: record the "
            "authorisation the Chair gives you instead."
        )
    request = LatePublicationRequest.objects.create(
        meeting=meeting, reason=reason.strip(), requested_at=now, requested_by=user
    )
    request.asked.set(chairs)
    signals.late_request_change.send(LatePublicationRequest, request=request)
    return request


@transaction.atomic
def late_request_answer(
    *,
    request: LatePublicationRequest,
    person: Person,
    authorise: bool,
    note: str,
    now: datetime.datetime,
) -> LatePublicationRequest:
    """The Chair's answer, recorded as theirs; the secretariat is told."""
    request = LatePublicationRequest.objects.select_for_update().get(pk=request.pk)
    if not request.asked.filter(pk=person.pk).exists():
        raise ValidationError("Only the Chair asked may answer this request.")
    if not request.awaited:
        raise ValidationError(
            f"This request has been answered already: {request.get_answer_display().lower()}."
        )
    if not authorise and not note.strip():
        raise ValidationError({"note": "Say why, so the secretariat knows what to do next."})
    request.answer = (
        LatePublicationRequest.Answer.AUTHORISED
        if authorise
        else LatePublicationRequest.Answer.REFUSED
    )
    request.answered_at, request.answered_by, request.answer_note = now, person, note.strip()
    request._history_user = person.user
    request.save()
    signals.late_request_change.send(LatePublicationRequest, request=request)
    return request


def agreement_missing(meeting: Meeting, rules: BodyRules | None) -> str:
    """Where the terms say who agrees the agenda, it must be agreed since it last went out."""
    if rules is None or not rules.agenda.agreed_by:
        return ""
    agreements = meeting.agreements.all()
    last = meeting.publications.order_by("-published_at").first()
    if last is not None:
        agreements = agreements.filter(recorded_at__gt=last.published_at)
    if agreements.exists():
        return ""
    what = "the supplement" if last else "the agenda"
    return (
        f"The terms say the agenda is agreed by {rules.agenda.agreed_by} before it is "
        f"published: record their agreement to {what} first."
    )


@transaction.atomic
def agreement_record(
    *, meeting: Meeting, agreed_by: str, agreed_at: datetime.datetime, user: User, now
) -> AgendaAgreement:
    refuse_if_closed(meeting)
    if agreed_at > now:
        raise ValidationError({"agreed_time": "The agreement cannot be in the future."})
    agreement = AgendaAgreement(
        meeting=meeting,
        agreed_by=agreed_by.strip(),
        agreed_at=agreed_at,
        recorded_at=now,
        recorded_by=user,
    )
    agreement._history_user = user
    agreement.full_clean()
    agreement.save()
    return agreement


def outstanding_papers(items: list[AgendaItem]) -> list[AgendaItem]:
    """Items still waiting for the paper their author owes (from ``agenda_items``)."""
    return [i for i in items if i.paper_expected and not i.current_papers]
