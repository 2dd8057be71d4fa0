"""Apologies received before a meeting, and the deputy sent instead."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.rules.attendance import deputy_problems
from governance.rules.words import LONDON, join, long_date
from members.models import Appointment, DeputyNomination, Person, User
from members.snapshots import BodySnapshot

from .. import signals
from ..models import Apology, DeputyRequest, Meeting
from .publication import chairs_to_ask


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
    meeting: must it be the nominated deputy? must the chair agree? Once the meeting is held
    and closed, who attended is changed only by a correction to its record, with the reason."""
    if meeting.closed:
        raise ValidationError(
            "The meeting has been held and closed: correct its attendance from its record, "
            "with the reason."
        )
    day = meeting.day
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
    signals.apology_recorded.send(sender=Apology, apology=apology)
    return apology


def seats_held(meeting: Meeting, person: Person) -> list:
    """The member seats of the meeting's body the person holds on its day."""
    return [
        a.seat
        for a in Appointment.objects.current(meeting.day)
        .filter(seat__body=meeting.body, person=person)
        .select_related("seat")
        .order_by("seat__position")
        if a.seat.role != a.seat.Role.IN_ATTENDANCE
    ]


@transaction.atomic
def apology_send(
    *,
    meeting: Meeting,
    snapshot: BodySnapshot,
    seat_key: str,
    person: Person,
    deputy: Person | None,
    user: User,
    now: datetime.datetime,
) -> Apology:
    """A member's own apologies, with any nominated deputy. A deputy the terms admit only
    with the chair's agreement is asked of the chair in Quorate; the apologies stand
    meanwhile, without the deputy."""
    if meeting.status == Meeting.Status.CANCELLED or meeting.starts_at <= now:
        raise ValidationError("Apologies can be sent only before a meeting that is going ahead.")
    rules = snapshot.rules_on(meeting.day)
    needs_agreement = False
    if deputy is not None and rules is not None:
        seat = next((s for s in snapshot.seats if s.key == seat_key), None)
        if seat is not None:
            nominated = (
                DeputyNomination.objects.current(meeting.day)
                .filter(seat=seat, person=deputy)
                .exists()
            )
            membership = snapshot.membership.seat(seat.key)

            def problems(agreed: bool) -> list[str]:
                return deputy_problems(
                    rules.deputies, membership, nominated=nominated, chair_agreed=agreed
                )

            if refused := problems(True):
                raise ValidationError({"deputy": refused})
            needs_agreement = bool(problems(False))
    chairs = []
    if needs_agreement:
        chairs = [p for p in chairs_to_ask(meeting, rules) if p.user_id and p.user.is_active]
        if not chairs:
            raise ValidationError(
                {
                    "deputy": "The terms need the chair's agreement to a deputy, and no one "
                    "holding the chair can sign in to Quorate to give it: ask the secretariat."
                }
            )
    apology = apology_record(
        meeting=meeting,
        snapshot=snapshot,
        seat_key=seat_key,
        person=person,
        deputy=None if needs_agreement else deputy,
        chair_agreed_by="",
        user=user,
        now=now,
    )
    DeputyRequest.objects.filter(apology=apology).delete()
    if needs_agreement:
        request = DeputyRequest.objects.create(
            apology=apology,
            deputy=deputy,
            requested_at=now,
            all_must_agree=rules.deputies.agreement_of == "co_chairs",
        )
        request.asked.set(chairs)
        signals.deputy_request_change.send(DeputyRequest, request=request)
    return apology


@transaction.atomic
def deputy_request_answer(
    *, request: DeputyRequest, person: Person, agree: bool, note: str, now: datetime.datetime
) -> DeputyRequest:
    """The chair's answer, recorded as theirs. Where both co-chairs must agree, the deputy
    attends once the second has; a refusal by either ends the request."""
    request = DeputyRequest.objects.select_for_update().get(pk=request.pk)
    if not request.asked.filter(pk=person.pk).exists():
        raise ValidationError("Only the chair asked may answer this request.")
    if not request.awaited or request.agreed.filter(pk=person.pk).exists():
        raise ValidationError("You have answered this request already.")
    if not agree and not note.strip():
        raise ValidationError({"note": "Say why, so that the member knows what to do next."})
    request.answer_note = note.strip()
    if agree:
        request.agreed.add(person)
        if request.all_must_agree and request.agreed.count() < request.asked.count():
            return request
    request.answer = DeputyRequest.Answer.AGREED if agree else DeputyRequest.Answer.REFUSED
    request.answered_at, request.answered_by = now, person
    request.save()
    if agree:
        apology = request.apology
        names = join(p.full_name for p in request.agreed.order_by("pk"))
        apology.deputy, apology.chair_agreed = request.deputy, True
        apology.chair_agreed_by = f"{names}, in Quorate on {long_date(now.astimezone(LONDON))}"
        apology.save(update_fields=["deputy", "chair_agreed", "chair_agreed_by"])
        signals.apology_recorded.send(sender=Apology, apology=apology)
    signals.deputy_request_change.send(DeputyRequest, request=request)
    return request
