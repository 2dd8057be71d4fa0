"""The public calendar: a month's meetings as a page, and iCalendar subscriptions for all
bodies and for each body that calendars can poll; and each member's private subscription."""

from __future__ import annotations

import datetime
import itertools

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from config import clock
from governance.rules.words import LONDON
from members.access import get_body_for_user, roles_for
from members.models import CalendarToken

from ..forms.fields import MonthField
from ..icalendar_events import meeting_event, new_calendar
from ..models import Meeting
from ..private_calendar import make_address, owner, stop_address

# A subscription carries the last year and everything scheduled: bounded, whatever the history.
SUBSCRIPTION_PAST = datetime.timedelta(days=366)


class MonthForm(forms.Form):
    month = MonthField(required=False)

    def clean_month(self) -> datetime.date:
        return self.cleaned_data["month"] or clock.today().replace(day=1)


def _month_bounds(first: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    start = datetime.datetime.combine(first, datetime.time(), LONDON)
    return start, datetime.datetime.combine(following, datetime.time(), LONDON)


def calendar_month(request):
    """The month's meetings that the user may see, day by day, with the months either side."""
    form = MonthForm(request.GET)
    status = 200
    if form.is_valid():
        first = form.cleaned_data["month"]
    else:
        first, status = clock.today().replace(day=1), 400
    start, end = _month_bounds(first)
    meetings = (
        Meeting.objects.listed_for(roles_for(request.user))
        .filter(starts_at__gte=start, starts_at__lt=end)
        .select_related("body")
        .order_by("starts_at")
    )
    on_day = lambda meeting: meeting.starts_at.astimezone(LONDON).date()  # noqa: E731
    days = [(day, list(group)) for day, group in itertools.groupby(meetings, on_day)]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    context = {
        "form": form,
        "first": first,
        "days": days,
        "previous": previous,
        "next": end.date(),
    }
    return render(request, "meetings/calendar.html", context, status=status)


def calendar_feed(request, slug: str | None = None):
    """Meetings held in public, as a subscription (METHOD:PUBLISH): the same UID and a rising
    SEQUENCE as the invitations, cancelled meetings marked cancelled. Always the public's view,
    since a calendar server fetches it without signing in."""
    meetings = Meeting.objects.in_public()
    name = "Health and care partnership meetings"
    if slug is not None:
        body = get_body_for_user(request, slug)
        meetings, name = meetings.filter(body=body), body.name
    return _subscription(request, meetings, name)


def _subscription(request, meetings, name: str) -> HttpResponse:
    meetings = meetings.filter(starts_at__gte=clock.now() - SUBSCRIPTION_PAST)
    calendar = new_calendar(method="PUBLISH", x_wr_calname=name, x_wr_timezone="Europe/London")
    for meeting in meetings.select_related("body").order_by("starts_at"):
        url = request.build_absolute_uri(reverse("meetings:meeting-detail", args=[meeting.pk]))
        calendar.add_component(meeting_event(meeting, url))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response


def private_feed(request, secret: str):
    """The meetings of the bodies the address's owner serves, sits on or deputises for."""
    user = owner(secret)
    if user is None:
        raise Http404("No calendar has this address: it may have been stopped.")
    meetings = Meeting.objects.of_own_bodies(roles_for(user))
    response = _subscription(request, meetings, "My health and care partnership meetings")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


class CalendarAddressForm(forms.Form):
    action = forms.ChoiceField(choices=[("make", "Make an address"), ("stop", "Stop it")])


@login_required
@require_http_methods(["GET", "POST"])
def my_calendar(request):
    """The user's private calendar address: made (shown this once), replaced, or stopped."""
    secret, status = None, 200
    if request.method == "POST":
        form = CalendarAddressForm(request.POST)
        if not form.is_valid():
            status = 400
        elif form.cleaned_data["action"] == "make":
            secret = make_address(request.user, clock.now())
        else:
            stop_address(request.user)
            messages.success(request, "Your calendar address is stopped: it no longer works.")
            return redirect("meetings:my-calendar")
    address = secret and request.build_absolute_uri(
        reverse("meetings:private-calendar-feed", args=[secret])
    )
    context = {"address": address, "token": CalendarToken.objects.filter(user=request.user).first()}
    response = render(request, "meetings/my_calendar.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response
