"""The dashboard: a secretariat officer's meetings, soonest first, with what is due."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Value
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from config import clock
from config.forms import add_service_errors
from governance.rules.obligations import Due
from members.access import bodies_served_by, get_body_for_secretariat, roles_for
from members.models import DeputyNomination
from members.snapshots import snapshot, snapshots

from ..compliance import compliance, duties_after, obligation_done, occasions_done
from ..forecast import Forecast, quorum_forecast
from ..forms.schedule import ObligationDoneForm
from ..models import AgendaItem, Apology, Decision, Meeting, Minutes, Paper, Publication
from ..queries import awaiting_answer, mine
from ..services.minutes import DeadlineState, after_meeting
from ..services.schedule import Deadlines, meeting_deadlines
from .minutes import reading_copy

DASHBOARD_SIZE = 12
HELD_SHOWN = 5  # the meetings lately held on a member's dashboard, the latest first
# Meetings whose minutes and notice the dashboard follows: those closed in the last three
# months whose minutes are not yet with the members (older ones are in each meeting's page).
FOLLOW_UP_DAYS = 92


@dataclass
class MeetingStatus:
    meeting: Meeting
    deadlines: Deadlines | None
    working_days_left: int | None
    state: str
    tone: str
    forecasts: list[Forecast]

    @property
    def expected_inquorate(self) -> list[Forecast]:
        return [f for f in self.forecasts if not f.result.quorate]


@login_required
def dashboard(request):
    roles = roles_for(request.user)
    meetings = (
        Meeting.objects.of_own_bodies(roles).upcoming().select_related("body").order_by("starts_at")
    )
    if not roles.is_secretariat:
        return render(request, "meetings/dashboard.html", _member_context(request, roles, meetings))
    return render(request, "meetings/dashboard.html", _secretariat_context(request, meetings))


def _member_context(request, roles, meetings) -> dict:
    """A member's dashboard: their meetings to come, whether each one's papers are out and
    whether they sent apologies; the meetings lately held, with their minutes where they may
    read them; and what is theirs to do."""
    now = clock.now()
    person = getattr(request.user, "person", None)
    papers_out = Publication.objects.filter(meeting=OuterRef("pk"), kind=Publication.Kind.AGENDA)
    apologies = Apology.objects.filter(meeting=OuterRef("pk"), person=person)
    held = list(
        Meeting.objects.of_own_bodies(roles)
        .filter(closed_at__isnull=False)
        .on_days(clock.today() - datetime.timedelta(days=FOLLOW_UP_DAYS), clock.today())
        .select_related("body", "minutes")
        .annotate(decided=Count("items__decisions", filter=Q(items__decisions__struck_at=None)))
        .order_by("-starts_at")[:HELD_SHOWN]
    )
    for meeting in held:
        minutes = getattr(meeting, "minutes", None)
        meeting.minutes_copy = reading_copy(meeting, minutes, roles, request.user)
    return {
        "meetings": meetings.annotate(
            papers_out=Exists(papers_out),
            sent_apologies=Exists(apologies) if person else Value(False),
        )[:DASHBOARD_SIZE],
        "held": held,
        "awaiting": awaiting_answer(request.user, roles, now),
        "mine": mine(request.user, roles, now),
    }


def _secretariat_context(request, meetings) -> dict:
    """The secretariat's dashboard: each meeting's state and forecast, and what the terms
    call for."""
    now = clock.now()
    today = clock.today()
    meetings = list(
        meetings.filter(body__in=bodies_served_by(request.user)).prefetch_related(
            Prefetch(
                "apologies", queryset=Apology.objects.select_related("seat", "person", "deputy")
            ),
            Prefetch("items", queryset=AgendaItem.objects.order_by("position")),
            Prefetch("publications", queryset=Publication.objects.order_by("published_at")),
            Prefetch("items__papers", queryset=Paper.objects.filter(replaced_by__isnull=True)),
        )[:DASHBOARD_SIZE]
    )
    states = snapshots(bodies_served_by(request.user), today)
    nominated = set(
        DeputyNomination.objects.current(today)
        .filter(seat__body__in={m.body_id for m in meetings})
        .values_list("seat_id", "person_id")
    )
    turns = Meeting.objects.chair_turns(meetings)
    rows = []
    for meeting in meetings:
        state = states[meeting.body_id]
        rules = state.rules_on(meeting.day)
        deadlines = meeting_deadlines(meeting, rules)
        left = deadlines.working_days_left(rules.calendar, now) if deadlines else None
        label, tone = agenda_state(meeting, deadlines, now)
        rows.append(
            MeetingStatus(
                meeting,
                deadlines,
                left,
                label,
                tone,
                quorum_forecast(meeting, state, nominated=nominated, turn=turns.get(meeting.pk, 0)),
            )
        )
    duties = [c for c in compliance(states, today) if c.needs_attention]
    follow_up = after_meetings(request.user, states, now, today)
    return {
        "awaiting": awaiting_answer(request.user, roles_for(request.user), now),
        "rows": rows,
        "follow_up": follow_up,
        "duties": duties,
    }


@login_required
@require_http_methods(["GET", "POST"])
def obligation_done_view(request, slug):
    """Record an occasion of an obligation done (the dashboard links each occasion here)."""
    body = get_body_for_secretariat(request, slug)
    today = clock.today()
    rules = snapshot(body, today).rules
    obligations = {o.key: o for o in rules.all_obligations()} if rules else {}
    data = request.POST if request.method == "POST" else None
    initial = {"key": request.GET.get("key", ""), "due_on": request.GET.get("due_on", "")}
    form = ObligationDoneForm(data, initial=initial, today=today, keys=set(obligations))
    if form.is_valid():
        try:
            obligation_done(body=body, user=request.user, now=clock.now(), **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Recorded as done.")
            return redirect("meetings:dashboard")
    shown = form.data if form.is_bound else initial
    try:
        due = datetime.date.fromisoformat(str(shown.get("due_on", ""))[:10])
    except ValueError:
        due = None
    context = {"body": body, "form": form, "obligation": obligations.get(shown.get("key")),
               "due": due}  # fmt: skip
    status = 400 if form.is_bound else 200
    return render(request, "meetings/obligation_done.html", context, status=status)


@dataclass
class FollowUp:
    meeting: Meeting
    minutes: Minutes | None
    deadlines: list[DeadlineState]
    duties: list[Due]


def after_meetings(user, states, now, today) -> list[FollowUp]:
    """Meetings recently closed whose minutes are not yet with the members, or whose notice
    of decisions is not yet published, with the body's deadlines for each and what else its
    terms call for after each meeting."""
    outstanding = Minutes.Status.DRAFT, Minutes.Status.WITH_CHAIR, Minutes.Status.RETURNED
    meetings = (
        Meeting.objects.filter(
            body__in=bodies_served_by(user),
            closed_at__isnull=False,
            starts_at__gte=now - datetime.timedelta(days=FOLLOW_UP_DAYS),
        )
        .annotate(decided=Exists(Decision.objects.filter(item__meeting=OuterRef("pk"))))
        .filter(
            Q(minutes__isnull=True)
            | Q(minutes__status__in=(*outstanding, Minutes.Status.APPROVED))
            | Q(decision_notice__isnull=True, decided=True)
        )
        .select_related("body", "minutes", "decision_notice")
        .order_by("-starts_at")[:DASHBOARD_SIZE]
    )
    meetings = list(meetings)
    done = occasions_done(
        {m.body_id for m in meetings}, min((m.day for m in meetings), default=today)
    )
    rows = []
    for meeting in meetings:
        minutes = getattr(meeting, "minutes", None)
        notice = getattr(meeting, "decision_notice", None)
        rules = states[meeting.body_id].rules_on(meeting.day)
        deadlines = after_meeting(meeting, minutes, notice, rules, today)
        rows.append(
            FollowUp(meeting, minutes, deadlines, duties_after(meeting, rules, done, today))
        )
    return rows


def agenda_state(meeting: Meeting, deadlines: Deadlines | None, now) -> tuple[str, str]:
    """The agenda's state in words, and a tone for its tag."""
    publications = list(meeting.publications.all())
    items = list(meeting.items.all())
    pending = [i for i in items if i.published_id is None]
    if publications:
        first = publications[0]
        label = "Published late, Chair authorised" if first.late else "Published"
        if pending or any(p.published_id is None for i in items for p in i.papers.all()):
            return f"{label}; supplement not yet published", "warning"
        return label, "good" if not first.late else "warning"
    if not items:
        overdue = deadlines and now > deadlines.publish_by.deadline
        return ("No agenda, deadline passed" if overdue else "No agenda yet"), (
            "bad" if overdue else "neutral"
        )
    outstanding = [i for i in items if i.paper_expected and not i.papers.all()]
    if deadlines and now > deadlines.publish_by.deadline:
        return "Not published, deadline passed", "bad"
    if outstanding:
        papers = "paper" if len(outstanding) == 1 else "papers"
        if deadlines and now > deadlines.papers_due:
            return f"Agenda in draft; {len(outstanding)} {papers} overdue", "bad"
        return f"Agenda in draft; {len(outstanding)} {papers} outstanding", "warning"
    return "Agenda in draft; papers in", "neutral"
