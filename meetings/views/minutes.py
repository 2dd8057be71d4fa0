"""The minutes: the clerk's editor and workflow, the chair's approval, and the minutes as
members and the public may read them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import reswap, retarget

from config import clock
from config.forms import add_service_errors, with_revision
from members.access import roles_for
from members.models import Appointment, Person
from members.snapshots import snapshot

from ..compliance import duties_after, occasions_done
from ..forms.decisions import decision_record_form
from ..forms.minutes import ChairDecisionForm, MinuteForm, SendToChairForm
from ..minutes_record import minutes_record
from ..models import DecisionNotice, ItemMinute, Meeting, Minutes
from ..richtext import as_typed
from ..services import minutes as workflow
from ..services.decisions import decision_gaps
from ..services.locking import StaleChange
from .common import get_meeting_for_secretariat


def _minutes_or_none(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("chair").first()


def _minute_form(minute: ItemMinute, data=None) -> MinuteForm:
    return MinuteForm(
        data,
        prefix=f"m{minute.pk}",
        exempt=minute.item.part == "B",
        initial={
            "text": as_typed(minute.text),
            "public_summary": as_typed(minute.public_summary),
            "revision": minute.revision,
        },
    )


def editor_context(meeting: Meeting, minutes: Minutes | None, bound=None) -> dict:
    """The editor: each item's record beside the clerk's minute; ``bound`` is a form the
    clerk submitted that was refused, shown back with their input."""
    record = minutes_record(meeting, minutes=minutes)
    written = {m.item_id: m for m in minutes.item_minutes.all()} if minutes else {}
    prefix = bound.prefix if bound is not None else None
    for entry in record.items:
        minute = written.get(entry.item.pk)
        entry.minute = minute
        if minute is not None:
            entry.form = bound if prefix == f"m{minute.pk}" else _minute_form(minute)
        entry.decision_forms = [
            (d, bound if prefix == f"d{d.pk}" else decision_record_form(d)) for d in entry.decisions
        ]
    today = clock.today()
    serving = Appointment.objects.current(today).filter(seat__body=meeting.body)
    people = Person.objects.filter(pk__in=serving.values("person"))
    rules = snapshot(meeting.body, today).rules_on(meeting.day)
    notice = DecisionNotice.objects.filter(meeting=meeting).first()
    done = occasions_done([meeting.body_id], meeting.day)
    return {
        "meeting": meeting,
        "minutes": minutes,
        "record": record,
        "deadlines": workflow.after_meeting(meeting, minutes, notice, rules, today),
        "duties": duties_after(meeting, rules, done, today),
        "gaps": decision_gaps(meeting) if minutes else [],
        "notice": notice,
        "send_form": SendToChairForm(
            people=people.order_by("family_name"),
            initial={"chair": minutes.chair_id if minutes else None},
        ),
    }


@login_required
def minutes_edit(request, pk):
    """The secretariat's minutes of one meeting: drafted, written, and sent on their way."""
    meeting = get_meeting_for_secretariat(request, pk)
    return render(
        request, "meetings/minutes/edit.html", editor_context(meeting, _minutes_or_none(meeting))
    )


@login_required
@require_POST
def minutes_start(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    try:
        workflow.minutes_draft(meeting=meeting, user=request.user, now=clock.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The draft minutes are ready: write each item's minute.")
    return redirect("meetings:minutes-edit", meeting.pk)


@login_required
@require_POST
def minute_save(request, pk):
    """Save one item's minute: autosaved as the clerk types (htmx), or by its Save button."""
    minute = get_object_or_404(
        ItemMinute.objects.select_related("minutes__meeting__body", "item"), pk=pk
    )
    meeting = get_meeting_for_secretariat(request, minute.minutes.meeting_id)
    form = _minute_form(minute, request.POST)
    saved = None
    if form.is_valid():
        try:
            saved = workflow.minute_save(
                minute=minute,
                text=form.cleaned_data["text"],
                public_summary=form.cleaned_data.get("public_summary", ""),
                revision=form.cleaned_data["revision"],
                user=request.user,
                now=clock.now(),
            )
        except StaleChange as error:
            minute.refresh_from_db()
            form = _minute_form(minute, with_revision(request.POST, minute.revision))
            form.is_valid()
            add_service_errors(form, error)
        except ValidationError as error:
            add_service_errors(form, error)
    if request.htmx:
        if saved is not None:
            return render(request, "meetings/minutes/partials/saved.html", {"minute": saved})
        response = render(
            request,
            "meetings/minutes/partials/minute_form.html",
            {"minute": minute, "form": form},
            status=400,
        )
        return reswap(retarget(response, f"#minute-form-{minute.pk}"), "outerHTML")
    if saved is not None:
        messages.success(request, f"Saved the minute of “{minute.item.title}”.")
        url = reverse("meetings:minutes-edit", args=[meeting.pk])
        return redirect(f"{url}#minute-{minute.item_id}")
    context = editor_context(meeting, minute.minutes, bound=form)
    return render(request, "meetings/minutes/edit.html", context, status=400)


@login_required
@require_POST
def minutes_send(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    context = editor_context(meeting, minutes)
    form = SendToChairForm(request.POST, people=context["send_form"].fields["chair"].queryset)
    unwritten = [
        f"{entry.number}. {entry.item.title} has no minute yet."
        for entry in context["record"].items
        if entry.minute is None or not entry.minute.text.strip()
    ]
    if form.is_valid() and not form.needs_confirmation(unwritten):
        try:
            workflow.minutes_send_to_chair(
                minutes=minutes,
                chair=form.cleaned_data["chair"],
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            name = form.cleaned_data["chair"].full_name
            messages.success(request, f"Sent the draft minutes to {name} for approval.")
            return redirect("meetings:minutes-edit", meeting.pk)
    context["send_form"] = form
    return render(
        request, "meetings/minutes/edit.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def minutes_circulate(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    minutes = get_object_or_404(Minutes, meeting=meeting)
    try:
        workflow.minutes_circulate(minutes=minutes, user=request.user, now=clock.now())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The approved minutes are now with the members.")
    return redirect("meetings:minutes-edit", meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def minutes_review(request, pk):
    """The chair's page: the draft minutes, to approve or return with comments."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    minutes = _minutes_or_none(meeting)
    person = getattr(request.user, "person", None)
    if minutes is None or person is None or minutes.chair_id != person.pk:
        raise Http404("No minutes for you to approve.")
    form = ChairDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            workflow.minutes_chair_decide(
                minutes=minutes,
                approve=form.cleaned_data["decision"] == "approve",
                comments=form.cleaned_data["comments"],
                user=request.user,
                now=clock.now(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            approved = form.cleaned_data["decision"] == "approve"
            messages.success(
                request,
                "You approved the draft minutes: the secretariat will circulate them."
                if approved
                else "You returned the draft minutes to the secretariat with your comments.",
            )
            return redirect("meetings:minutes-review", meeting.pk)
    context = {
        "meeting": meeting,
        "minutes": minutes,
        "record": minutes_record(meeting, minutes=minutes),
        "form": form,
        "awaiting": workflow.may_approve(minutes, request.user),
    }
    return render(
        request, "meetings/minutes/review.html", context, status=400 if form.is_bound else 200
    )


def minutes_read(request, pk):
    """The minutes as this reader may see them: the public copy once confirmed, for a meeting
    held in public; members' copy once circulated; the secretariat's at any stage."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    minutes = _minutes_or_none(meeting)
    roles = roles_for(request.user)
    copy = reading_copy(meeting, minutes, roles, request.user)
    if copy is None:
        raise Http404("No minutes to read.")
    context = {"meeting": meeting, "minutes": minutes, "public": copy == "public"}
    if minutes and minutes.locked:
        context["signed"] = minutes.signed_public_text if copy == "public" else minutes.signed_text
    else:
        context["record"] = minutes_record(meeting, minutes=minutes, public=copy == "public")
    return render(request, "meetings/minutes/read.html", context)


def reading_copy(meeting: Meeting, minutes: Minutes | None, roles, user) -> str | None:
    """Which copy of the minutes the user may read: "members", "public" or none."""
    if minutes is None:
        return None
    if roles.serves(meeting.body):
        return "members"
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is not None and minutes.chair_id == person.pk and minutes.sent_to_chair_at:
        return "members"
    if roles.sits_on(meeting.body) and minutes.status in {
        Minutes.Status.CIRCULATED,
        Minutes.Status.CONFIRMED,
    }:
        return "members"
    if meeting.held_in_public and minutes.locked:
        return "public"
    return None


def previous_minutes(meeting: Meeting, roles, user) -> Minutes | None:
    """The minutes of the body's meeting before this one, if this reader may read them: the
    standing item "Minutes of the previous meeting" links to them."""
    previous = (
        Minutes.objects.filter(
            meeting__body_id=meeting.body_id, meeting__starts_at__lt=meeting.starts_at
        )
        .select_related("meeting__body")
        .order_by("-meeting__starts_at")
        .first()
    )
    if previous and reading_copy(previous.meeting, previous, roles, user):
        return previous
    return None
