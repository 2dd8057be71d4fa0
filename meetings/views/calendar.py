"""The public calendar: a month's meetings as a page, and iCalendar subscriptions for all
bodies and for each body that calendars can poll."""

from __future__ import annotations

import datetime
import itertools

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from config import clock
from governance.rules.words import LONDON
from members.access import get_body_for_user, roles_for

from ..icalendar_events import meeting_event, new_calendar
from ..models import Meeting

# A subscription carries the last year and everything scheduled: bounded, whatever the history.
SUBSCRIPTION_PAST = datetime.timedelta(days=366)


class MonthForm(forms.Form):
    month = forms.CharField(required=False)

    def clean_month(self) -> datetime.date:
        text = self.cleaned_data["month"].strip()
        if not text:
            return clock.today().replace(day=1)
        try:
            month = datetime.datetime.strptime(text, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(
                f"“{text}” is not a month: give it as year and month, such as 2027-01."
            ) from None
        if not 2000 <= month.year <= 2100:
            raise forms.ValidationError("Choose a month between 2000 and 2100.")
        return month


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
    meetings = Meeting.objects.in_public().filter(starts_at__gte=clock.now() - SUBSCRIPTION_PAST)
    name = "Health and care partnership meetings"
    if slug is not None:
        body = get_body_for_user(request, slug)
        meetings, name = meetings.filter(body=body), body.name
    calendar = new_calendar(method="PUBLISH", x_wr_calname=name, x_wr_timezone="Europe/London")
    for meeting in meetings.select_related("body").order_by("starts_at"):
        url = request.build_absolute_uri(reverse("meetings:meeting-detail", args=[meeting.pk]))
        calendar.add_component(meeting_event(meeting, url))
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="meetings.ics"'
    return response
