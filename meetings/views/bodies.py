"""A body's page: what it is for, who sits on it, and its meetings to come and held."""

from __future__ import annotations

from django.shortcuts import render

from config import clock
from members.access import get_body_for_user, roles_for
from members.queries import seat_holders

from ..models import Meeting

MEETINGS_ON_BODY_PAGE = 5


def body_detail(request, slug):
    body = get_body_for_user(request, slug)
    today, now = clock.today(), clock.now()
    roles = roles_for(request.user)
    seats = list(
        body.seats.select_related("organisation")
        .prefetch_related("categories", *seat_holders(today))
        .order_by("position")
    )
    vacancies = [seat for seat in seats if len(seat.current_appointments) < seat.max_holders]
    meetings = Meeting.objects.listed_for(roles).filter(body=body)
    context = {
        "body": body,
        "seats": seats,
        "vacancies": vacancies,
        "terms": body.terms_in_force(today),
        "today": today,
        "show_contact": roles.can_see_contact_details(body),
        "inside": roles.inside(body),
        "serves": roles.serves(body),
        "coming": meetings.upcoming(now).order_by("starts_at")[:MEETINGS_ON_BODY_PAGE],
        "held": meetings.filter(starts_at__lt=now)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("minutes")
        .order_by("-starts_at")[:MEETINGS_ON_BODY_PAGE],
    }
    return render(request, "meetings/body_detail.html", context)
