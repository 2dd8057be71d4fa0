"""Written resolutions: decisions outside meetings, where the body's terms allow them. The
secretariat issues one with its paper and a date for answers to those entitled to answer;
members (and deputies, where the rule lets them) answer in the application, or the
secretariat records an e-mailed answer with the e-mail kept. At the date, or as soon as no
outstanding answer could change it, the body's rule (``governance/rules/resolutions.py``)
decides; a valid resolution becomes a numbered decision in the register, and the next
meeting's agenda gets a report-back item, so the minutes record it."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.models import Body, Seat
from governance.rules.attendance import Attendee, Capacity
from governance.rules.language import BodyRules
from governance.rules.resolutions import (
    Answer,
    ResolutionResult,
    Response,
    ValidWhen,
    decide_resolution,
)
from governance.rules.words import LONDON, join, long_datetime
from members.models import DeputyNomination, Person, User
from members.snapshots import snapshot

from .. import paperfiles, signals
from ..models import AgendaItem, Decision, Meeting, ResolutionAnswer, WrittenResolution
from .agenda import agenda_item_add
from .locking import revision_check
from .record import next_decision_number

logger = logging.getLogger(__name__)

ANSWERS = {
    ResolutionAnswer.Answer.FOR: Answer.FOR,
    ResolutionAnswer.Answer.AGAINST: Answer.AGAINST,
    ResolutionAnswer.Answer.ABSTAIN: Answer.ABSTAIN,
}


@dataclass(frozen=True)
class Entitled:
    """Someone asked to answer: a member in their seat, or a nominated deputy for it."""

    person: Person
    seat: Seat
    capacity: str = ResolutionAnswer.Capacity.MEMBER

    @property
    def label(self) -> str:
        deputy = ", deputy" if self.capacity == ResolutionAnswer.Capacity.DEPUTY else ""
        return f"{self.person.full_name} ({self.seat.title}{deputy})"


def resolution_rules(body: Body, day: datetime.date) -> BodyRules:
    """The body's rules on ``day``, refused where they do not allow decisions outside
    meetings."""
    rules = snapshot(body, day).rules_on(day)
    rule = rules.decisions_outside_meetings if rules else None
    if rule is None or not rule.allowed:
        raise ValidationError(
            f"The {body.name}'s terms of reference do not allow decisions outside meetings."
        )
    return rules


def entitled_to_answer(resolution: WrittenResolution) -> list[Entitled]:
    """The members in post on the day it was issued, for its business (and their nominated
    deputies, where the rule lets deputies answer), seat by seat; where the rule names who
    decides, only the holders of those seats and of the seats to consult."""
    day = resolution.issued_at.astimezone(LONDON).date()
    state = snapshot(resolution.body, day)
    rules = state.rules_on(day)
    if rules is None:  # the terms it was issued under are no longer on record
        return []
    rule = rules.decisions_outside_meetings
    if rule.valid_when == ValidWhen.NAMED:
        member_keys = {*rule.decided_by, *rule.after_consulting}
    else:
        membership = rules.membership_for(state.membership, _business(rules, resolution).key)
        member_keys = {seat.key for seat in membership.member_seats}
    seats = {seat.key: seat for seat in state.seats}
    people = [
        Entitled(person, seats[key])
        for key in sorted(member_keys, key=lambda k: seats[k].position)
        for person in state.people.get(key, [])
    ]
    if rule.deputies_may_respond:
        nominations = (
            DeputyNomination.objects.current(day)
            .filter(seat__body=resolution.body, seat__key__in=member_keys)
            .select_related("person", "seat")
            .order_by("seat__position", "person__family_name", "pk")
        )
        people += [
            Entitled(n.person, n.seat, ResolutionAnswer.Capacity.DEPUTY) for n in nominations
        ]
    return people


def consultation(resolution: WrittenResolution) -> tuple[tuple[str, ...], str]:
    """Where the rule names who decides: the seats only consulted, and who decides, in words
    ("the Leader of Westshire County Council decides"); otherwise nothing."""
    day = resolution.issued_at.astimezone(LONDON).date()
    state = snapshot(resolution.body, day)
    rules = state.rules_on(day)
    rule = rules.decisions_outside_meetings if rules else None
    if rule is None or rule.valid_when != ValidWhen.NAMED:
        return (), ""
    titles = {seat.key: seat.title for seat in state.seats}
    verb = "decides" if len(rule.decided_by) == 1 else "decide"
    return rule.after_consulting, f"{join(f'the {titles[k]}' for k in rule.decided_by)} {verb}"


def _business(rules: BodyRules, resolution: WrittenResolution):
    return rules.business(resolution.business_type or None)


def resolution_verdict(
    resolution: WrittenResolution, entitled: list[Entitled] | None = None
) -> ResolutionResult:
    """What the body's rule says on the answers so far: every member is listed, silent ones
    as not having answered; a deputy's answer stands for a member of the seat who gave
    none."""
    day = resolution.issued_at.astimezone(LONDON).date()
    state = snapshot(resolution.body, day)
    rules = state.rules_on(day)
    if rules is None:
        raise ValidationError(
            "The terms of reference it was issued under are no longer on record, so the "
            "body's rule cannot decide it."
        )
    business = _business(rules, resolution)
    entitled = entitled_to_answer(resolution) if entitled is None else entitled
    given = {(a.person_id, a.seat_id): a for a in resolution.answers.all()}
    by_seat: dict[str, list[Response]] = {}
    for each in entitled:
        answer = given.get((each.person.pk, each.seat.pk))
        response = _response(each, answer)
        if each.capacity == ResolutionAnswer.Capacity.MEMBER:
            by_seat.setdefault(each.seat.key, []).append(response)
        elif answer is not None:
            # In place of a silent member of the seat, if one is left.
            seat = by_seat.get(each.seat.key, [])
            silent = next(
                (n for n, r in enumerate(seat) if r.answer == Answer.NONE and not r.conflicted),
                None,
            )
            if silent is not None:
                seat[silent] = response
    responses = tuple(r for seat in by_seat.values() for r in seat)
    return decide_resolution(
        rules.decisions_outside_meetings,
        rules.membership_for(state.membership, business.key),
        responses,
        rules.deputies,
        rules.quorum_rule_for(business.key),
    )


def _response(each: Entitled, answer: ResolutionAnswer | None) -> Response:
    capacity = (
        Capacity.DEPUTY if each.capacity == ResolutionAnswer.Capacity.DEPUTY else Capacity.MEMBER
    )
    attendee = Attendee(each.person.full_name, each.seat.key, capacity, ref=str(each.person.pk))
    if answer is None:
        return Response(attendee)
    if answer.answer == ResolutionAnswer.Answer.CONFLICT:
        return Response(attendee, conflicted=True)
    return Response(attendee, ANSWERS[answer.answer])


@transaction.atomic
def resolution_issue(
    *,
    body: Body,
    title: str,
    text: str,
    business_type: str,
    part: str,
    exempt_paragraph: int | None,
    paper,
    respond_by: datetime.datetime,
    user: User,
    now: datetime.datetime,
) -> WrittenResolution:
    """Put a resolution to the members; each one entitled to answer is told at once."""
    rules = resolution_rules(body, now.astimezone(LONDON).date())
    if respond_by <= now:
        raise ValidationError({"respond_by": "The date for answers must be in the future."})
    try:
        business = rules.business(business_type or None)
    except ValueError as error:
        raise ValidationError({"business_type": str(error)}) from error
    resolution = WrittenResolution(
        body=body,
        title=title.strip(),
        text=text.strip(),
        business_type=business.key if business_type else "",
        part=part,
        exempt_paragraph=exempt_paragraph if part == AgendaItem.Part.B else None,
        respond_by=respond_by,
        issued_at=now,
        issued_by=user,
    )
    if part == AgendaItem.Part.B and not exempt_paragraph:
        raise ValidationError(
            {"exempt_paragraph": "A confidential resolution needs its paragraph of Schedule 12A."}
        )
    if paper:
        paperfiles.check(paper)
        resolution.paper_name = paper.name[:255]
        resolution.paper = paper
    resolution._history_user = user
    resolution.full_clean()
    resolution.save()
    entitled = entitled_to_answer(resolution)
    if not entitled:
        raise ValidationError("No one is in post to answer: appoint the members first.")
    signals.resolution_issued.send(WrittenResolution, resolution=resolution, entitled=entitled)
    return resolution


@transaction.atomic
def resolution_answer(
    *,
    resolution: WrittenResolution,
    person: Person,
    seat: Seat,
    answer: str,
    comment: str,
    user: User,
    now: datetime.datetime,
    email=None,
) -> ResolutionAnswer:
    """Record (or change) an answer: in the application by the person themself, or by the
    secretariat from an e-mail, which is kept. Once the outcome is certain, it is decided."""
    resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
    if not resolution.is_open:
        raise ValidationError("This resolution has been decided: answers are closed.")
    if now > resolution.respond_by:
        raise ValidationError(
            f"Answers were due by {long_datetime(resolution.respond_by)}: it is too late to answer."
        )
    entitled = entitled_to_answer(resolution)
    mine = next((e for e in entitled if e.person.pk == person.pk and e.seat.pk == seat.pk), None)
    if mine is None:
        raise ValidationError(f"{person.full_name} is not entitled to answer this resolution.")
    record, _ = ResolutionAnswer.objects.get_or_create(
        resolution=resolution,
        person=person,
        seat=seat,
        defaults={
            "capacity": mine.capacity,
            "answer": answer,
            "via": ResolutionAnswer.Via.APPLICATION,
            "answered_at": now,
            "recorded_by": user,
        },
    )
    record.capacity, record.answer, record.comment = mine.capacity, answer, comment.strip()
    record.answered_at, record.recorded_by = now, user
    record.via = ResolutionAnswer.Via.EMAIL if email else ResolutionAnswer.Via.APPLICATION
    if email:
        record.email_name = email.name[:255]
        record.email = email
    record.revision += 1
    record._history_user = user
    record.full_clean()
    record.save()
    resolution = WrittenResolution.objects.get(pk=resolution.pk)
    verdict = resolution_verdict(resolution, entitled)
    if verdict.certain:
        _decide(resolution, verdict, now, user)
    return record


@transaction.atomic
def resolution_decide(
    *, resolution: WrittenResolution, now: datetime.datetime, user: User | None = None
) -> WrittenResolution:
    """Decide by the body's rule: at the date for answers, or earlier once certain."""
    resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
    if not resolution.is_open:
        return resolution
    verdict = resolution_verdict(resolution)
    if now < resolution.respond_by and not verdict.certain:
        raise ValidationError(
            "The answers still outstanding could change the outcome: it is decided at "
            f"{long_datetime(resolution.respond_by)}, or as soon as it is certain."
        )
    return _decide(resolution, verdict, now, user)


def _decide(resolution, verdict, now, user) -> WrittenResolution:
    resolution.status = (
        WrittenResolution.Status.VALID if verdict.valid else WrittenResolution.Status.NOT_VALID
    )
    resolution.decided_at = now
    resolution.result = verdict.to_dict()
    resolution.revision += 1
    resolution._history_user = user
    recorder = user or resolution.issued_by
    if verdict.valid:
        year = now.astimezone(LONDON).year
        decision = Decision(
            body=resolution.body,
            year=year,
            number=next_decision_number(resolution.body, year),
            resolution=resolution,
            text=resolution.text,
            outcome=Decision.Outcome.WRITTEN,
            quorum_note=verdict.sentence,
            recorded_at=now,
            recorded_by=recorder,
        )
        decision._history_user = user
        decision.full_clean()
        decision.save()
    resolution.report_item = _report_back(resolution, now)
    resolution.save()
    signals.resolution_decided.send(WrittenResolution, resolution=resolution)
    return resolution


def _report_back(resolution: WrittenResolution, now: datetime.datetime) -> AgendaItem | None:
    """An item for the body's next meeting not yet held, reporting the outcome (added as a
    supplementary item where its agenda is already out)."""
    meeting = (
        Meeting.objects.filter(body=resolution.body, starts_at__gt=now, closed_at__isnull=True)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")
        .first()
    )
    if meeting is None:
        return None
    rules = snapshot(resolution.body, meeting.day).rules_on(meeting.day)
    return agenda_item_add(
        meeting=meeting,
        rules=rules,
        title=f"Decision outside a meeting: {resolution.title}",
        purpose=AgendaItem.Purpose.INFORMATION,
        business_type="",
        part=resolution.part,
        exempt_paragraph=resolution.exempt_paragraph,
        paper_expected=False,
    )


def report_back_minute(resolution: WrittenResolution) -> str:
    """The minute drafted for its report-back item: the outcome, as the rule decided it."""
    when = long_datetime(resolution.decided_at)
    sentence = resolution.result.get("sentence", "")
    decision = getattr(resolution, "decision", None)
    if decision is not None:
        return (
            f"The {resolution.body.name} noted decision {decision.reference}, taken outside a "
            f"meeting by written resolution on {when}: {resolution.text} {sentence}"
        )
    return (
        f"The {resolution.body.name} noted that the written resolution “{resolution.title}”, "
        f"decided on {when}, was not agreed. {sentence}"
    )


@transaction.atomic
def resolution_withdraw(
    *, resolution: WrittenResolution, revision: int, user: User, now: datetime.datetime
) -> WrittenResolution:
    resolution = WrittenResolution.objects.select_for_update().get(pk=resolution.pk)
    revision_check(resolution, revision, f"“{resolution.title}”")
    if not resolution.is_open:
        raise ValidationError("This resolution has been decided, so cannot be withdrawn.")
    resolution.status, resolution.decided_at = WrittenResolution.Status.WITHDRAWN, now
    resolution.revision += 1
    resolution._history_user = user
    resolution.save()
    return resolution


def resolutions_decide_due(now: datetime.datetime) -> int:
    """Decide each open resolution whose date for answers has passed; returns how many.
    Each is decided under its own lock, so two runs at once decide it once."""
    due = WrittenResolution.objects.filter(
        status=WrittenResolution.Status.OPEN, respond_by__lte=now
    ).order_by("pk")
    decided = 0
    for resolution in due:
        try:
            decided += resolution_decide(resolution=resolution, now=now).decided_at == now
        except ValidationError as error:  # left open, and shown on its page
            logger.warning("Written resolution %s not decided: %s", resolution.pk, error)
    return decided
