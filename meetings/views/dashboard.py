"""The dashboard: a secretariat officer's meetings, soonest first, with what is due."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from config import clock
from members.access import bodies_served_by, roles_for
from members.models import DeputyNomination
from members.snapshots import snapshots

from ..forecast import Forecast, quorum_forecast
from ..models import AgendaItem, Apology, Meeting, Paper, Publication
from ..services.schedule import Deadlines, meeting_deadlines

DASHBOARD_SIZE = 12


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
        return render(request, "meetings/dashboard.html", {"meetings": meetings[:DASHBOARD_SIZE]})
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
    states = snapshots({m.body for m in meetings}, today)
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
        left = (
            rules.calendar.working_days_between(today, deadlines.publish_by.deadline.date())
            if deadlines
            else None
        )
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
    return render(request, "meetings/dashboard.html", {"rows": rows})


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
