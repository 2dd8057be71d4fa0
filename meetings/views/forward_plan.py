"""A body's forward plan: the business it expects at the meetings to come, for whoever may
see the body; its secretariat adds and removes entries on the same page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from config import clock
from members.access import get_body_for_secretariat, get_body_for_user, roles_for

from ..forms.schedule import PlannedItemForm
from ..models import Meeting, PlannedItem

PLAN_SIZE = 100  # entries shown; a plan longer than this is the secretariat's to prune


def coming(body):
    """The plan from today: entries for meetings to come, months from this one, or none yet."""
    now, month = clock.now(), clock.today().replace(day=1)
    return (
        PlannedItem.objects.filter(body=body)
        .filter(
            Q(meeting__starts_at__gte=now)
            | Q(meeting__isnull=True, expected_month__gte=month)
            | Q(meeting__isnull=True, expected_month__isnull=True)
        )
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting")
        .order_by("meeting__starts_at", "expected_month", "pk")
    )


def _meetings(body):
    return Meeting.objects.filter(body=body).upcoming().order_by("starts_at")


@require_http_methods(["GET", "POST"])
def forward_plan(request, slug):
    body = get_body_for_user(request, slug)
    serves = roles_for(request.user).serves(body)
    form, status = None, 200
    if serves:
        form = PlannedItemForm(
            request.POST if request.method == "POST" else None, meetings=_meetings(body)
        )
    if request.method == "POST":
        if form is None:
            raise Http404("Only the body's secretariat keeps its forward plan.")
        if form.is_valid():
            entry = form.save(commit=False)
            entry.body, entry.added_at, entry.added_by = body, clock.now(), request.user
            entry.save()
            messages.success(request, f"Added to the forward plan: {entry.title}.")
            return redirect("meetings:forward-plan", body.slug)
        status = 400
    context = {"body": body, "entries": coming(body)[:PLAN_SIZE], "form": form, "serves": serves}
    return render(request, "meetings/forward_plan.html", context, status=status)


@login_required
@require_POST
def forward_plan_remove(request, pk):
    entry = get_object_or_404(PlannedItem.objects.select_related("body"), pk=pk)
    body = get_body_for_secretariat(request, entry.body.slug)
    entry.delete()
    messages.success(request, f"Removed from the forward plan: {entry.title}.")
    return redirect("meetings:forward-plan", body.slug)
