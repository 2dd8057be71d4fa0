"""The live meeting console, for the body's secretariat."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from governance.models import Seat
from governance.rules.voting import eligible_voters
from members.models import DeputyNomination, InterestDeclaration, Person

from .. import console as live
from ..models import Action, AgendaItem, Attendance, Decision, Declaration, Meeting, Vote
from .common import get_meeting_for_secretariat

VOTE_CHOICES = (("for", "For"), ("against", "Against"), ("abstain", "Abstain"), ("", "Not voting"))


def _context(meeting: Meeting, **extra) -> dict:
    state = live.load(meeting)
    item = state.item
    attendance = state.attendance_for(item)
    result = state.quorum_for(item)
    voters = []
    if state.rules and item:
        voters = eligible_voters(attendance, state.snapshot.membership, state.rules.deputies).voters
    return {
        "meeting": meeting,
        "console": state,
        "item": item,
        "result": result,
        "presiding": state.presiding(attendance),
        "members": [r for r in state.rows if r.capacity == Attendance.Capacity.MEMBER],
        "deputies": [r for r in state.rows if r.capacity == Attendance.Capacity.DEPUTY],
        "visitors": [r for r in state.rows if r.capacity == Attendance.Capacity.IN_ATTENDANCE],
        "item_declarations": [d for d in state.declarations if item and d.item_id == item.pk],
        "voters": voters,
        "vote_choices": VOTE_CHOICES,
        "decisions": Decision.objects.filter(item__meeting=meeting).select_related("body", "item"),
        "votes": Vote.objects.filter(item__meeting=meeting).select_related("item"),
        "actions": meeting.actions.select_related("item"),
        "action_log": live.action_log(meeting),
        "deputy_candidates": _deputy_candidates(state),
        "outcomes": Decision.Outcome.choices,
        "determinations": Declaration.Determination.choices,
        **extra,
    }


def _deputy_candidates(state: live.Console) -> list[tuple[int, str]]:
    """The body's nominated deputies first (named with the seat), then its members."""
    nominations = (
        DeputyNomination.objects.current(state.day)
        .filter(seat__body=state.meeting.body)
        .select_related("person", "seat")
    )
    candidates = [
        (n.person_id, f"{n.person.full_name} (nominated for {n.seat.title})") for n in nominations
    ]
    seen = {pk for pk, _ in candidates}
    for people in state.snapshot.people.values():
        candidates += [(p.pk, p.full_name) for p in people if p.pk not in seen]
    return candidates


def _live(request, meeting: Meeting, *, status: int = 200, **extra):
    """After a change: the live part alone for htmx, else the whole page again."""
    if request.htmx:
        meeting.refresh_from_db()
        return render(
            request, "meetings/console/live.html", _context(meeting, **extra), status=status
        )
    for message in extra.get("problems", ()):
        messages.error(request, message)
    return redirect("meetings:console", meeting.pk)


def _attempt(request, meeting, change):
    """Run a console change; a refusal is shown with the latest state (409 when stale)."""
    try:
        change()
    except live.StaleConsole as error:
        return _live(request, meeting, status=409, problems=error.messages)
    except ValidationError as error:
        return _live(request, meeting, status=400, problems=error.messages)
    return _live(request, meeting)


@login_required
def console(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    return render(request, "meetings/console/console.html", _context(meeting))


@login_required
def console_live(request, pk):
    """For other screens, every two seconds: nothing (204) unless the meeting changed."""
    meeting = get_meeting_for_secretariat(request, pk)
    if request.GET.get("version") == str(meeting.console_version):
        return HttpResponse(status=204)
    return render(request, "meetings/console/live.html", _context(meeting))


@login_required
@require_POST
def console_open(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    live.console_open(meeting=meeting, user=request.user, now=timezone.now())
    return redirect("meetings:console", meeting.pk)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def mark(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    row = get_object_or_404(Attendance, pk=_int(request.POST.get("row")), meeting=meeting)
    return _attempt(
        request,
        meeting,
        lambda: live.attendance_mark(
            meeting=meeting,
            row=row,
            revision=_int(request.POST.get("revision")),
            mark=request.POST.get("mark", ""),
            user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def deputy(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    seat = get_object_or_404(Seat, pk=_int(request.POST.get("seat")), body=meeting.body)
    person = get_object_or_404(Person, pk=_int(request.POST.get("person")))
    rules = live.load(meeting).rules
    return _attempt(
        request,
        meeting,
        lambda: live.deputy_add(
            meeting=meeting,
            seat=seat,
            person=person,
            chair_agreed_by=request.POST.get("chair_agreed_by", ""),
            rules=rules,
            user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def visitor(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    return _attempt(
        request,
        meeting,
        lambda: live.in_attendance_add(
            meeting=meeting,
            name=request.POST.get("name", ""),
            user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def go_to(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    item = get_object_or_404(AgendaItem, pk=_int(request.POST.get("item")), meeting=meeting)
    outcome = {}

    def change():
        outcome["warning"] = live.item_go_to(
            meeting=meeting,
            item=item,
            seen_item=_int(request.POST.get("seen_item")),
            confirmed=request.POST.get("confirmed") == "1",
            console=live.load(meeting),
        )

    response = _attempt(request, meeting, change)
    if outcome.get("warning"):
        if request.htmx:
            return _live(request, meeting, warning=outcome["warning"])
        return render(
            request, "meetings/console/console.html", _context(meeting, warning=outcome["warning"])
        )
    return response


@login_required
@require_POST
def presiding(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    person_id = _int(request.POST.get("person"))
    person = get_object_or_404(Person, pk=person_id) if person_id else None
    return _attempt(
        request,
        meeting,
        lambda: live.presiding_set(
            meeting=meeting,
            person=person,
            reason=request.POST.get("reason", ""),
            seen_override=_int(request.POST.get("seen_override")),
        ),
    )


@login_required
@require_POST
def declaration(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    state = live.load(meeting)
    person = get_object_or_404(Person, pk=_int(request.POST.get("person")))
    replacement_id = _int(request.POST.get("replacement"))
    interest_id = _int(request.POST.get("interest"))
    if state.item is None:
        return _live(request, meeting, status=400, problems=["Go to an item first."])
    return _attempt(
        request,
        meeting,
        lambda: live.declaration_record(
            meeting=meeting,
            item=state.item,
            person=person,
            description=request.POST.get("description", ""),
            determination=request.POST.get("determination", ""),
            determined_by=state.presiding().name or "the Chair",
            replacement=get_object_or_404(Person, pk=replacement_id) if replacement_id else None,
            interest=InterestDeclaration.objects.filter(pk=interest_id, person=person).first(),
            rules=state.rules,
            user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def vote(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    state = live.load(meeting)
    votes = {
        key[len("vote:") :]: value
        for key, value in request.POST.items()
        if key.startswith("vote:") and value
    }
    return _attempt(
        request,
        meeting,
        lambda: live.vote_record(
            meeting=meeting,
            console=state,
            motion=request.POST.get("motion", ""),
            votes=votes,
            casting=request.POST.get("casting", ""),
            user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def decision(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    state = live.load(meeting)
    vote_id = _int(request.POST.get("vote"))
    vote = Vote.objects.filter(pk=vote_id, item__meeting=meeting).first() if vote_id else None
    return _attempt(
        request,
        meeting,
        lambda: live.decision_record(
            meeting=meeting,
            console=state,
            text=request.POST.get("text", ""),
            outcome=request.POST.get("outcome", ""),
            value=_int(request.POST.get("value")),
            vote=vote,
            user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def action(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    due = request.POST.get("due")
    try:
        due = datetime.date.fromisoformat(due) if due else None
    except ValueError:
        return _live(
            request, meeting, status=400, problems=["Give the due date as a date, e.g. 2027-01-31."]
        )
    return _attempt(
        request,
        meeting,
        lambda: live.action_record(
            meeting=meeting,
            item=live.load(meeting).item,
            text=request.POST.get("text", ""),
            owner=request.POST.get("owner", ""),
            due=due,
            user=request.user,
            now=timezone.now(),
        ),
    )


@login_required
@require_POST
def action_status(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    action = get_object_or_404(
        Action.objects.select_related("meeting"),
        pk=_int(request.POST.get("action")),
        meeting__body=meeting.body,
    )
    return _attempt(
        request,
        meeting,
        lambda: live.action_status_set(
            meeting=meeting, action=action, status=request.POST.get("status", "")
        ),
    )
