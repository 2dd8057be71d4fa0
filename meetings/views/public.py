"""The public home page, the meetings list and a meeting's published page."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from config import clock
from governance.models import Body
from members.access import bodies_visible_to, roles_for

from ..forecast import expected_presiding
from ..models import DecisionNotice, Meeting, Minutes
from ..queries import agenda_items
from ..services.agenda import numbering
from .common import get_meeting_for_user, meeting_snapshot
from .decisions import notice_copy
from .minutes import previous_minutes, reading_copy

UPCOMING_ON_HOME = 3
PAGE_SIZE = 50


def home(request):
    """Public: the bodies that meet in public and their next public meetings."""
    upcoming = Meeting.objects.upcoming().in_public().order_by("starts_at")
    bodies = Body.objects.meeting_in_public().prefetch_related(
        Prefetch("meetings", queryset=upcoming[:UPCOMING_ON_HOME], to_attr="next_meetings")
    )
    return render(request, "meetings/home.html", {"bodies": bodies})


def meeting_list(request):
    """Meetings to come or held, of every body or one, as far as the user may see them."""
    roles = roles_for(request.user)
    meetings = Meeting.objects.visible_to(roles).select_related("body")
    body = None
    if slug := request.GET.get("body"):
        body = get_object_or_404(bodies_visible_to(request.user), slug=slug)
        meetings = meetings.filter(body=body)
    past = request.GET.get("when") == "past"
    now = clock.now()
    meetings = (
        meetings.filter(starts_at__lt=now).order_by("-starts_at")
        if past
        else meetings.filter(starts_at__gte=now).order_by("starts_at")
    )
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"page": page, "body": body, "past": past})


def meeting_detail(request, pk):
    """The meeting, with its published agenda and papers as far as the user may see them."""
    meeting = get_meeting_for_user(request, pk)
    roles = roles_for(request.user)
    items = [i for i in agenda_items(meeting) if i.published_id]
    for item in items:
        # Exempt business the user may not see stays on the agenda as a numbered line.
        item.withheld = not roles.can_see_item(item)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    context = {
        "previous_minutes": previous_minutes(meeting, roles, request.user),
        "meeting": meeting,
        "minutes_copy": reading_copy(meeting, minutes, roles, request.user),
        "notice": notice_copy(
            meeting, DecisionNotice.objects.filter(meeting=meeting).first(), roles
        ),
        "items": items,
        "numbers": numbering(items),
        "publications": meeting.publications.all(),
        "serves": roles.serves(meeting.body),
        "past": meeting.starts_at < clock.now(),
        "chair": expected_presiding(meeting, meeting_snapshot(meeting)) if items else None,
    }
    return render(request, "meetings/meeting_detail.html", context)


def accessibility(request):
    return render(request, "meetings/accessibility.html")
