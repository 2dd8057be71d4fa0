"""Corrections to the record, for the body's secretariat: a person's attendance (by item
and time), a vote, a decision or an action, changed or struck out with the reason. What was
recorded before is kept, with who changed what and when (shown with the entry)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from config import clock
from config.forms import add_service_errors
from governance.rules.words import LONDON

from ..forms.console import (
    ActionCorrectionForm,
    AttendanceCorrectionForm,
    DecisionCorrectionForm,
    StrikeForm,
    VoteCorrectionForm,
)
from ..models import Decision, Meeting, Vote
from ..queries import agenda_items
from ..services import attendance as attending
from ..services import record
from ..services.locking import StaleChange
from .common import get_meeting_for_secretariat, meeting_snapshot


def _local_time(moment):
    return moment.astimezone(LONDON).time().replace(second=0, microsecond=0) if moment else None


@dataclass(frozen=True)
class Kind:
    noun: str
    entries: Callable[[Meeting], QuerySet]
    form: type
    initial: Callable
    apply: Callable
    strikable: bool = True
    form_kwargs: Callable = lambda meeting, entry: {}


def _rules(meeting):
    return meeting_snapshot(meeting).rules_on(meeting.day)


def _says_how_remote_members_count(meeting) -> bool:
    rules = _rules(meeting)
    return bool(rules and rules.remote)


KINDS = {
    "attendance": Kind(
        noun="attendance",
        entries=lambda m: m.attendance.select_related("person", "seat"),
        form=AttendanceCorrectionForm,
        initial=lambda a: {
            "revision": a.revision,
            "status": a.status,
            "arrived_during": a.arrived_during_id or "",
            "arrived_time": _local_time(a.arrived_at),
            "left_during": a.left_during_id or "",
            "left_time": _local_time(a.left_at),
            "remote": a.remote,
        },
        apply=lambda meeting, a, form, user: attending.attendance_correct(
            meeting=meeting,
            row=a,
            revision=form.cleaned_data["revision"],
            status=form.cleaned_data["status"],
            arrived_during=form.cleaned_data["arrived_during"],
            arrived_at=form.cleaned_data["arrived_at"],
            left_during=form.cleaned_data["left_during"],
            left_at=form.cleaned_data["left_at"],
            remote=form.cleaned_data.get("remote", a.remote),
            reason=form.cleaned_data["reason"],
            user=user,
            now=clock.now(),
        ),
        strikable=False,
        form_kwargs=lambda meeting, a: {
            "row": a,
            "items": agenda_items(meeting),
            "remote": _says_how_remote_members_count(meeting),
        },
    ),
    "vote": Kind(
        noun="vote",
        entries=lambda m: Vote.objects.filter(item__meeting=m).select_related("item"),
        form=VoteCorrectionForm,
        initial=lambda v: {
            "revision": v.revision,
            "motion": v.motion,
            "votes_for": v.votes_for,
            "against": v.against,
            "abstentions": v.abstentions,
            "casting": v.casting,
        },
        apply=lambda meeting, v, form, user: record.vote_correct(
            vote=v,
            revision=form.cleaned_data["revision"],
            motion=form.cleaned_data["motion"],
            counts=form.counts(),
            casting=form.cleaned_data["casting"],
            rules=_rules(meeting),
            reason=form.cleaned_data["reason"],
            user=user,
        ),
    ),
    "decision": Kind(
        noun="decision",
        entries=lambda m: Decision.objects.filter(item__meeting=m).select_related("body", "item"),
        form=DecisionCorrectionForm,
        initial=lambda d: {
            "revision": d.revision,
            "text": d.text,
            "outcome": d.outcome,
            "value": f"£{d.value:,}" if d.value is not None else "",
        },
        apply=lambda meeting, d, form, user: record.decision_correct(
            decision=d,
            revision=form.cleaned_data["revision"],
            text=form.cleaned_data["text"],
            outcome=form.cleaned_data["outcome"],
            value=form.cleaned_data["value"],
            rules=_rules(meeting),
            reason=form.cleaned_data["reason"],
            user=user,
        ),
    ),
    "action": Kind(
        noun="action",
        entries=lambda m: m.actions.all(),
        form=ActionCorrectionForm,
        initial=lambda a: {
            "revision": a.revision,
            "text": a.text,
            "owner": a.owner,
            "owner_email": a.owner_email,
            "due": a.due,
            "status": a.status,
        },
        apply=lambda meeting, a, form, user: record.action_correct(
            action=a,
            revision=form.cleaned_data["revision"],
            text=form.cleaned_data["text"],
            owner=form.cleaned_data["owner"],
            owner_email=form.cleaned_data["owner_email"],
            due=form.cleaned_data["due"],
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            user=user,
        ),
    ),
}


def _entry(request, pk, kind):
    meeting = get_meeting_for_secretariat(request, pk)
    spec = KINDS.get(kind)
    if spec is None:
        raise Http404("No such record.")
    return meeting, spec


def _back(meeting) -> str:
    return f"{reverse('meetings:console', args=[meeting.pk])}#record-heading"


@login_required
@require_http_methods(["GET", "POST"])
def correct(request, pk, kind, entry_pk):
    meeting, spec = _entry(request, pk, kind)
    entry = get_object_or_404(spec.entries(meeting), pk=entry_pk)
    form = spec.form(
        request.POST or None, initial=spec.initial(entry), **spec.form_kwargs(meeting, entry)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                spec.apply(meeting, entry, form, request.user)
            except StaleChange as error:
                # Show the latest record beside the clerk's own input, ready to resubmit.
                status = 409
                entry = spec.entries(meeting).get(pk=entry.pk)
                data = request.POST.copy()
                data["revision"] = entry.revision
                form = spec.form(
                    data, initial=spec.initial(entry), **spec.form_kwargs(meeting, entry)
                )
                form.is_valid()
                form.add_error(None, error.messages)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"The {spec.noun} is corrected on record.")
                return redirect(_back(meeting))
    context = {"meeting": meeting, "entry": entry, "kind": kind, "spec": spec, "form": form}
    return render(request, "meetings/console/correct.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def strike(request, pk, kind, entry_pk):
    meeting, spec = _entry(request, pk, kind)
    if not spec.strikable:
        raise Http404("That cannot be struck out.")
    entry = get_object_or_404(spec.entries(meeting), pk=entry_pk)
    form = StrikeForm(request.POST or None, initial={"revision": entry.revision})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                record.record_strike(
                    record=entry,
                    revision=form.cleaned_data["revision"],
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                    now=clock.now(),
                )
            except ValidationError as error:
                status = 409 if isinstance(error, StaleChange) else 400
                add_service_errors(form, error)
            else:
                messages.success(request, f"The {spec.noun} is struck out of the record.")
                return redirect(_back(meeting))
    context = {
        "meeting": meeting,
        "entry": entry,
        "kind": kind,
        "spec": spec,
        "form": form,
        "striking": True,
    }
    return render(request, "meetings/console/correct.html", context, status=status)
