"""The public home page, the dashboard, and meetings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from governance.models import Body
from members.access import bodies_visible_to, roles_for

from .models import Meeting

UPCOMING_ON_HOME = 3
DASHBOARD_SIZE = 12
PAGE_SIZE = 50


def home(request):
    """Public: the bodies that meet in public and their next public meetings."""
    upcoming = Meeting.objects.upcoming().in_public().order_by("starts_at")
    bodies = Body.objects.meeting_in_public().prefetch_related(
        Prefetch("meetings", queryset=upcoming[:UPCOMING_ON_HOME], to_attr="next_meetings")
    )
    return render(request, "meetings/home.html", {"bodies": bodies})


@login_required
def dashboard(request):
    roles = roles_for(request.user)
    meetings = (
        Meeting.objects.of_own_bodies(roles)
        .upcoming()
        .select_related("body")
        .order_by("starts_at")[:DASHBOARD_SIZE]
    )
    return render(request, "meetings/dashboard.html", {"meetings": meetings})


@login_required
def meeting_list(request):
    roles = roles_for(request.user)
    meetings = Meeting.objects.visible_to(roles).select_related("body")
    body = None
    if slug := request.GET.get("body"):
        body = get_object_or_404(bodies_visible_to(request.user), slug=slug)
        meetings = meetings.filter(body=body)
    past = request.GET.get("when") == "past"
    now = timezone.now()
    meetings = (
        meetings.filter(starts_at__lt=now).order_by("-starts_at")
        if past
        else meetings.filter(starts_at__gte=now).order_by("starts_at")
    )
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/meeting_list.html", {"page": page, "body": body, "past": past})


def get_meeting_for_user(request, pk: int) -> Meeting:
    """The meeting, or 404 where the user may not see it."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not roles_for(request.user).can_view_meeting(meeting):
        raise Http404("No such meeting.")
    return meeting


def meeting_detail(request, pk):
    meeting = get_meeting_for_user(request, pk)
    return render(request, "meetings/meeting_detail.html", {"meeting": meeting})
