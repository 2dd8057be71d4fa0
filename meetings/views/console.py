"""The live meeting console, for the body's secretariat.

Every panel (the quorum, the attendance grid, who may vote, declarations, the decision form)
is drawn from one reading of the sitting per request, so after any change they all agree, on
this screen and, within two seconds, on every other screen. Every change goes through a form:
with JavaScript the console's fragment comes back (with the clerk's input and the message
when a change is refused); without it, the whole page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from config import clock
from config.forms import add_service_errors

from ..forms.console import (
    ActionForm,
    ActionStatusForm,
    AdjournForm,
    CloseForm,
    DecisionForm,
    DeclarationForm,
    DeputyForm,
    GoToForm,
    MarkForm,
    PresidingForm,
    ReopenForm,
    VisitorForm,
    VoteForm,
    initial_for_close,
)
from ..forms.minutes import ConfirmMinutesForm
from ..models import Attendance, Meeting
from ..queries import (
    action_log,
    attach_corrections,
    meeting_record,
    nominated_choice,
    open_actions_before,
)
from ..services import attendance as attending
from ..services import minutes as minutes_workflow
from ..services import proceedings, record
from ..services.agenda import numbering
from ..services.locking import StaleChange, console_version
from ..sitting import Sitting, sitting_for
from .common import get_meeting_for_secretariat


def _deputy_candidates(sitting: Sitting) -> list[tuple[int, str]]:
    """The body's nominated deputies first (named with the seat), then its members."""
    candidates = [nominated_choice(n) for n in sitting.nominations]
    seen = {pk for pk, _ in candidates}
    for people in sitting.snapshot.people.values():
        candidates += [(p.pk, p.full_name) for p in people if p.pk not in seen]
    return candidates


ACTIONS_PAGE = 50

FORMS = {
    "deputy": lambda s, data: DeputyForm(
        data, sitting=s, candidates=_deputy_candidates(s), prefix="deputy"
    ),
    "visitor": lambda s, data: VisitorForm(data, prefix="visitor"),
    "presiding": lambda s, data: PresidingForm(data, sitting=s, prefix="presiding"),
    "declaration": lambda s, data: DeclarationForm(data, sitting=s, prefix="declaration"),
    "vote": lambda s, data: VoteForm(data, sitting=s, prefix="vote"),
    "decision": lambda s, data: DecisionForm(data, sitting=s, prefix="decision"),
    "action": lambda s, data: ActionForm(data, prefix="action"),
    "adjourn": lambda s, data: AdjournForm(data, prefix="adjourn"),
    "close": lambda s, data: CloseForm(
        data, initial=initial_for_close(clock.now()), prefix="close"
    ),
    "reopen": lambda s, data: ReopenForm(data, prefix="reopen"),
    "confirm_minutes": lambda s, data: _confirm_minutes_form(s, data),
}


def _confirm_minutes_form(sitting: Sitting, data) -> ConfirmMinutesForm:
    """The earliest minutes this meeting may confirm, with a box for each item's amendment
    (no minutes awaiting: a form that says so when submitted)."""
    minutes = minutes_workflow.awaiting_confirmation(sitting.meeting).first()
    written = []
    if minutes is not None:
        written = list(minutes.item_minutes.select_related("item"))
        numbers = numbering([m.item for m in written])
        written = [(m, numbers[m.item_id]) for m in written]
    form = ConfirmMinutesForm(
        data,
        item_minutes=written,
        initial={"minutes": minutes.pk if minutes else None},
        prefix="confirm",
    )
    form.awaiting = minutes
    return form


def _context(meeting: Meeting, bound=None, version: int | None = None, **extra) -> dict:
    """The live panel. The console version is read before the sitting: a change made while
    the panel is drawn leaves it stamped older than what it shows, so the other screens draw
    it once more, and never newer, which would leave them showing the older state."""
    version = console_version(meeting) if version is None else version
    sitting = sitting_for(meeting)
    attach_corrections(Attendance, sitting.rows)
    forms = {name: build(sitting, None) for name, build in FORMS.items()}
    forms.update(bound or {})
    item = sitting.item
    return {
        "meeting": sitting.meeting,
        "sitting": sitting,
        "item": item,
        "result": sitting.now,
        "presiding": sitting.presiding(),
        "item_declarations": [d for d in sitting.declarations if item and d.item_id == item.pk],
        "excluded_voters": sitting.electorate.excluded,
        "vote_rule": sitting.voting.describe() if sitting.voting else "",
        "inquorate": _inquorate(sitting),
        "record": meeting_record(meeting),
        "adjourned": meeting.adjournments.filter(resumed_at__isnull=True).first(),
        "forms": forms,
        "console_version": version,
        **extra,
    }


def _inquorate(sitting: Sitting) -> tuple[str, ...]:
    """While the meeting is not quorate, what the terms say follows, with the time by which
    it must be."""
    rules, now = sitting.rules, sitting.now
    if rules is None or rules.inquorate is None or now.quorate or now.no_quorum_set:
        return ()
    return rules.inquorate.sentences(sitting.meeting.starts_at)


def _page_context(meeting: Meeting, **extra) -> dict:
    """The whole console page: the live part and the action log, which changes only when an
    action does, so the live refresh never redraws it."""
    return {**_context(meeting, **extra), "action_log": action_log(meeting)}


def _respond(request, meeting: Meeting, *, status: int = 200, notice: str = "", **extra):
    """After a change or a refusal: the live fragment for htmx; without JavaScript, the page
    again after a success (so a reload never repeats it), or the page with the refusal."""
    meeting = Meeting.objects.select_related("body").get(pk=meeting.pk)  # as the change left it
    if meeting.closed and status >= 400:  # the forms are hidden once it closes: say why here
        extra["problems"] = [
            *extra.get("problems", ()),
            *(e for form in extra.get("bound", {}).values() for e in form.non_field_errors()),
        ]
    if request.htmx:
        context = _context(meeting, notice=notice, **extra)
        return render(request, "meetings/console/live.html", context, status=status)
    if status == 200:
        if notice:
            messages.success(request, notice)
        return redirect("meetings:console", meeting.pk)
    return render(
        request, "meetings/console/console.html", _page_context(meeting, **extra), status=status
    )


def _change(request, meeting, name: str, form, change) -> HttpResponse:
    """Validate ``form``; run ``change(cleaned_data)``; show the outcome. A refused change
    keeps what the clerk typed, with the reason beside the field it concerns."""
    if form.is_valid():
        try:
            notice = change(form.cleaned_data) or ""
        except StaleChange as error:
            return _respond(
                request, meeting, status=409, problems=error.messages, bound={name: form}
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _respond(request, meeting, notice=notice)
    return _respond(request, meeting, status=400, bound={name: form})


def _named(request, meeting, name: str, change) -> HttpResponse:
    """A change from one of the console's named forms, built on the current sitting:
    ``change(sitting, form)`` runs once the form is valid."""
    sitting = sitting_for(meeting)
    form = FORMS[name](sitting, request.POST)
    return _change(request, meeting, name, form, lambda data: change(sitting, form))


# Pages -----------------------------------------------------------------------------------


@login_required
def console(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    return render(request, "meetings/console/console.html", _page_context(meeting))


@login_required
def console_actions(request, pk):
    """Every open action of the body from before this meeting, a page at a time."""
    meeting = get_meeting_for_secretariat(request, pk)
    actions = open_actions_before(meeting).select_related("meeting").order_by("due", "pk")
    page = Paginator(actions, ACTIONS_PAGE).get_page(request.GET.get("page"))
    return render(request, "meetings/console/actions.html", {"meeting": meeting, "page": page})


@login_required
def console_live(request, pk):
    """For other screens, every two seconds: nothing (204) unless the meeting changed."""
    meeting = get_meeting_for_secretariat(request, pk)
    version = console_version(meeting)
    if request.GET.get("version") == str(version):
        return HttpResponse(status=204)
    return render(request, "meetings/console/live.html", _context(meeting, version=version))


@login_required
@require_POST
def console_open(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    attending.sitting_open(meeting=meeting, user=request.user, now=clock.now())
    return redirect("meetings:console", meeting.pk)


# Who is in the room ----------------------------------------------------------------------


@login_required
@require_POST
def mark(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    form = MarkForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _respond(request, meeting, status=400, problems=["That change was not understood."])
    data = form.cleaned_data
    try:
        attending.attendance_mark(
            meeting=meeting,
            row=data["row"],
            revision=data["revision"],
            mark=data["mark"],
            user=request.user,
            now=clock.now(),
        )
    except StaleChange as error:
        return _respond(request, meeting, status=409, problems=error.messages)
    except ValidationError as error:
        return _respond(request, meeting, status=400, problems=error.messages)
    return _respond(request, meeting)


@login_required
@require_POST
def deputy(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        data = form.cleaned_data
        row = attending.deputy_add(
            meeting=meeting,
            seat=data["seat"],
            person=data["person"],
            chair_agreed_by=form.agreed_by(),
            rules=sitting.rules,
            user=request.user,
            now=clock.now(),
            remote=data.get("remote", False),
        )
        how = ", remotely" if row.remote else ""
        return f"{row.display_name} is here as deputy for the {row.seat.title}{how}."

    return _named(request, meeting, "deputy", change)


@login_required
@require_POST
def visitor(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        data = form.cleaned_data
        row = attending.in_attendance_add(
            meeting=meeting, name=data["name"], user=request.user, now=clock.now()
        )
        return f"{row.display_name} is in attendance."

    return _named(request, meeting, "visitor", change)


# How the meeting proceeds ----------------------------------------------------------------


@login_required
@require_POST
def go_to(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    form = GoToForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _respond(request, meeting, status=400, problems=["Choose an item on the agenda."])
    data = form.cleaned_data
    try:
        warning = proceedings.item_go_to(
            meeting=meeting,
            item=data["item"],
            seen_item=data["seen_item"],
            confirmed=data["confirmed"],
            sitting=sitting_for(meeting),
        )
    except StaleChange as error:
        return _respond(request, meeting, status=409, problems=error.messages)
    except ValidationError as error:
        return _respond(request, meeting, status=400, problems=error.messages)
    if warning and not request.htmx:
        return render(request, "meetings/console/console.html", _context(meeting, warning=warning))
    return _respond(request, meeting, warning=warning)


@login_required
@require_POST
def presiding(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        data = form.cleaned_data
        proceedings.presiding_set(
            meeting=meeting,
            person=data["person"],
            reason=data["reason"],
            seen_override=data["seen_override"],
        )
        return "Recorded who presides."

    return _named(request, meeting, "presiding", change)


@login_required
@require_POST
def declaration(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        data = form.cleaned_data
        if sitting.item is None:
            raise ValidationError("Go to an item first.")
        interest = next(
            (i for person, i in sitting.suggestions if person.pk == data["person"].pk), None
        )
        declared = proceedings.declaration_record(
            meeting=meeting,
            item=sitting.item,
            person=data["person"],
            description=data["description"],
            determination=data["determination"],
            determined_by=sitting.presiding().name or "the Chair",
            replacement=data["replacement"],
            interest=interest,
            rules=sitting.rules,
            user=request.user,
            now=clock.now(),
        )
        return f"Recorded: {declared.person} {declared.get_determination_display().lower()}."

    return _named(request, meeting, "declaration", change)


@login_required
@require_POST
def adjourn(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        data = form.cleaned_data
        proceedings.meeting_adjourn(
            meeting=meeting, reason=data["reason"], user=request.user, now=clock.now()
        )
        return "The meeting is adjourned."

    return _named(request, meeting, "adjourn", change)


@login_required
@require_POST
def resume(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)
    try:
        proceedings.meeting_resume(meeting=meeting, user=request.user, now=clock.now())
    except ValidationError as error:
        return _respond(request, meeting, status=400, problems=error.messages)
    return _respond(request, meeting, notice="The meeting has resumed.")


@login_required
@require_POST
def close(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        proceedings.meeting_close(
            meeting=meeting, closed_at=form.closed_at, user=request.user, now=clock.now()
        )
        return "The meeting is closed. The record can now be changed only by correction."

    return _named(request, meeting, "close", change)


@login_required
@require_POST
def reopen(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        data = form.cleaned_data
        proceedings.meeting_reopen(meeting=meeting, reason=data["reason"], user=request.user)
        return "The meeting is open again."

    return _named(request, meeting, "reopen", change)


# The record ------------------------------------------------------------------------------


@login_required
@require_POST
def vote(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        recorded = record.vote_record(
            meeting=meeting,
            sitting=sitting,
            motion=form.cleaned_data["motion"],
            votes=form.named,
            counts=form.counts,
            casting=form.cleaned_data.get("casting", ""),
            user=request.user,
            now=clock.now(),
        )
        return f"Recorded the vote: {recorded.reasoning.split(' Rule:')[0]}"

    return _named(request, meeting, "vote", change)


@login_required
@require_POST
def decision(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        data = form.cleaned_data
        recorded = record.decision_record(
            meeting=meeting,
            sitting=sitting,
            text=data["text"],
            outcome=data["outcome"],
            value=data["value"],
            vote=data["vote"],
            user=request.user,
            now=clock.now(),
            reasons=data["reasons"],
        )
        note = f" {recorded.limit_note}" if recorded.limit_note else ""
        return f"Recorded {recorded.reference}: {recorded.get_outcome_display()}.{note}"

    return _named(request, meeting, "decision", change)


@login_required
@require_POST
def confirm_minutes(request, pk):
    """The meeting confirms an earlier meeting's minutes as a correct record, as amended."""
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        minutes = form.awaiting
        if minutes is None or form.cleaned_data["minutes"] != minutes.pk:
            raise ValidationError("Those minutes are no longer awaiting confirmation.")
        decision = minutes_workflow.minutes_confirm(
            minutes=minutes,
            meeting=meeting,
            sitting=sitting,
            amendments=form.amendments,
            user=request.user,
            now=clock.now(),
        )
        return f"Recorded {decision.reference}: {decision.text} The minutes are signed and locked."

    return _named(request, meeting, "confirm_minutes", change)


@login_required
@require_POST
def action(request, pk):
    meeting = get_meeting_for_secretariat(request, pk)

    def change(sitting, form):
        data = form.cleaned_data
        record.action_record(
            meeting=meeting,
            item=sitting.item,
            text=data["text"],
            owner=data["owner"],
            owner_email=data["owner_email"],
            due=data["due"],
            user=request.user,
            now=clock.now(),
        )
        return f"Recorded an action for {data['owner']}."

    return _named(request, meeting, "action", change)


@login_required
@require_POST
def action_status(request, pk):
    """Done or dropped, from the action log: with htmx, only the log is redrawn."""
    meeting = get_meeting_for_secretariat(request, pk)
    form = ActionStatusForm(request.POST, meeting=meeting)
    if not form.is_valid():
        return _log_response(request, meeting, 400, problems=["That change was not understood."])
    data = form.cleaned_data
    try:
        record.action_status_set(
            meeting=meeting,
            action=data["action"],
            status=data["status"],
            revision=data["revision"],
            user=request.user,
        )
    except StaleChange as error:
        return _log_response(request, meeting, 409, problems=error.messages)
    except ValidationError as error:
        return _log_response(request, meeting, 400, problems=error.messages)
    return _log_response(request, meeting, 200, notice=f"Action marked {data['status']}.")


def _log_response(request, meeting: Meeting, status: int, **extra) -> HttpResponse:
    if not request.htmx:
        return _respond(request, meeting, status=status, **extra)
    context = {"meeting": meeting, "action_log": action_log(meeting), **extra}
    return render(request, "meetings/console/partials/action_log.html", context, status=status)
