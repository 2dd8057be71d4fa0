"""Setting a body's meetings: a year's programme, one-off meetings, moves and cancellations.
Dates a clerk would want to think twice about (a clash, meetings closer together than the
terms allow, a date in the past) are shown as warnings to confirm, never passed silently."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from config import clock
from config.forms import add_service_errors, with_revision
from governance.rules.words import LONDON, long_datetime
from members.access import get_body_for_secretariat
from members.snapshots import snapshot

from ..forms.schedule import CancelForm, MeetingForm, ProgrammeForm, RescheduleForm
from ..models import Meeting
from ..services.locking import StaleChange
from ..services.schedule import (
    meeting_add,
    meeting_cancel,
    meeting_deadlines,
    meeting_reschedule,
    next_programme_month,
    programme_confirm,
    programme_preview,
    schedule_warnings,
)
from .common import (
    get_meeting_for_secretariat,
    meeting_snapshot,
)


def _programme_initial(body, rules) -> dict:
    """Start from the body's frequency, its own months, and its usual place."""
    today = clock.today()
    every = 1
    if rules and rules.frequency:
        every = rules.frequency.every_months or 12 // (rules.frequency.at_least_per_year or 12)
    next_month = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return {
        "every_months": every,
        "first_month": next_programme_month(body, every, today),
        "start": next_month,
        "location": body.default_location,
        "held_in_public": body.meets_in_public,
    }


@login_required
@require_http_methods(["GET", "POST"])
def programme(request, slug):
    """Preview a programme from a pattern, then confirm it to create the meetings."""
    body = get_body_for_secretariat(request, slug)
    rules = snapshot(body, clock.today()).rules
    if rules is None:
        messages.error(request, "The body has no terms of reference in force to plan by.")
        return redirect("meetings:body-detail", body.slug)
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = ProgrammeForm(data, initial=_programme_initial(body, rules))
    proposals, warnings = [], []
    if form.is_valid():
        d = form.cleaned_data
        proposals = programme_preview(
            body=body,
            rules=rules,
            weekday=d["weekday"],
            week=d["week"],
            every_months=d["every_months"],
            first_month=d["first_month"],
            start=d["start"],
            months=d["months"],
            time=d["time"],
            minutes=d["minutes"],
        )
        new = [p.starts_at for p in proposals if not p.clash]
        warnings = schedule_warnings(body=body, rules=rules, starts=new)
        if (
            request.method == "POST"
            and "confirm_programme" in request.POST
            and not form.needs_confirmation(warnings)
        ):
            created = programme_confirm(
                body=body,
                proposals=proposals,
                location=d["location"],
                online_link=d["online_link"],
                held_in_public=d["held_in_public"],
            )
            messages.success(
                request,
                f"{len(created)} meetings of the {body.short_name} "
                "have been added to the programme.",
            )
            return redirect(f"{reverse('meetings:meeting-list')}?body={body.slug}")
    context = {
        "body": body,
        "form": form,
        "proposals": proposals,
        "months": [f"{p.starts_at:%B %Y}" for p in proposals],
        "warnings": warnings,
    }
    return render(request, "meetings/secretariat/programme.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request, slug):
    """A one-off or extraordinary meeting; an extraordinary one is on its own notice."""
    body = get_body_for_secretariat(request, slug)
    form = MeetingForm(
        request.POST or None,
        initial={"location": body.default_location, "held_in_public": body.meets_in_public},
    )
    warnings = []
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        rules = snapshot(body, clock.today()).rules
        warnings = schedule_warnings(
            body=body, rules=rules, starts=[starts_at], kind=form.cleaned_data["kind"]
        )
        if not form.needs_confirmation(warnings):
            try:
                meeting = meeting_add(
                    body=body,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    kind=form.cleaned_data["kind"],
                    location=form.cleaned_data["location"],
                    online_link=form.cleaned_data["online_link"],
                    held_in_public=form.cleaned_data["held_in_public"],
                    history_note=form.cleaned_data["history_note"],
                    now=clock.now(),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                deadlines = meeting_deadlines(meeting, rules)
                note = f" {deadlines.publish_by.sentence}" if deadlines else ""
                messages.success(request, f"Meeting added.{note}")
                return redirect("meetings:agenda", meeting.pk)
    return render(
        request,
        "meetings/secretariat/meeting_form.html",
        {
            "body": body,
            "form": form,
            "warnings": warnings,
            "title": f"Add a meeting of the {body.name}",
        },
        status=400 if form.is_bound and (form.errors or warnings) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_reschedule_view(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    minutes = int((meeting.ends_at - meeting.starts_at).total_seconds() // 60)
    form = RescheduleForm(
        request.POST or None,
        initial={
            "day": meeting.day,
            "time": _local_time(meeting),
            "minutes": minutes,
            "revision": meeting.revision,
        },
    )
    warnings, latest = [], None
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        rules = meeting_snapshot(meeting).rules_on(starts_at.astimezone(LONDON).date())
        warnings = schedule_warnings(
            body=meeting.body, rules=rules, starts=[starts_at], kind=meeting.kind, exclude=meeting
        )
        if not form.needs_confirmation(warnings):
            try:
                meeting_reschedule(
                    meeting=meeting,
                    revision=form.cleaned_data["revision"],
                    starts_at=starts_at,
                    ends_at=ends_at,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                    now=clock.now(),
                )
            except StaleChange as error:
                latest = meeting.__class__.objects.get(pk=meeting.pk)
                form = RescheduleForm(with_revision(request.POST, latest.revision))
                form.is_valid()
                form.add_error(None, error.messages)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                deadlines = meeting_deadlines(meeting, rules)
                note = f" {deadlines.publish_by.sentence}" if deadlines else ""
                messages.success(
                    request, f"The meeting now starts {long_datetime(starts_at)}.{note}"
                )
                return redirect("meetings:agenda", meeting.pk)
    return render(
        request,
        "meetings/secretariat/meeting_form.html",
        {
            "body": meeting.body,
            "meeting": meeting,
            "form": form,
            "warnings": warnings,
            "latest": latest,
            "latest_rows": [("Starts", long_datetime(latest.starts_at))] if latest else (),
            "title": f"Reschedule the meeting of {long_datetime(meeting.starts_at)}",
        },
        status=409 if latest else 400 if form.is_bound and (form.errors or warnings) else 200,
    )


def _local_time(meeting: Meeting):
    return meeting.starts_at.astimezone(LONDON).time()


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel_view(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    form = CancelForm(request.POST or None, initial={"revision": meeting.revision})
    if request.method == "POST" and form.is_valid():
        try:
            meeting_cancel(
                meeting=meeting,
                revision=form.cleaned_data["revision"],
                reason=form.cleaned_data["reason"],
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The meeting is cancelled.")
            return redirect("meetings:meeting-detail", meeting.pk)
    return render(
        request,
        "meetings/secretariat/meeting_form.html",
        {
            "body": meeting.body,
            "meeting": meeting,
            "form": form,
            "danger": True,
            "title": f"Cancel the meeting of {long_datetime(meeting.starts_at)}",
        },
        status=400 if form.is_bound and form.errors else 200,
    )
