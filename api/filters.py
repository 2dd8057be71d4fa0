"""The filters each list offers: by body (its slug), by meeting, and by dates in London."""

from __future__ import annotations

import django_filters as filters
from django.db.models import Q

from governance.models import Seat
from meetings.models import AgendaItem, Decision, Meeting, Paper, Vote
from members.models import Appointment, Person


def _dates(field: str, what: str):
    return (
        filters.DateFilter(field, "date__gte", label=f"{what} on or after this date"),
        filters.DateFilter(field, "date__lte", label=f"{what} on or before this date"),
    )


class PostFilter(filters.FilterSet):
    body = filters.CharFilter("body__slug", label="The body's slug")

    class Meta:
        model = Seat
        fields = ["body"]


class MembershipFilter(filters.FilterSet):
    """Applied alike to appointments and deputy nominations, which share these fields."""

    body = filters.CharFilter("seat__body__slug", label="The body's slug")
    person = filters.NumberFilter("person_id", label="The person's id")
    on = filters.DateFilter(method="current_on", label="Held on this date")

    class Meta:
        model = Appointment
        fields = ["body", "person", "on"]

    def current_on(self, queryset, name, value):
        return queryset.current(value)


class PersonFilter(filters.FilterSet):
    body = filters.CharFilter(method="on_body", label="Has sat on, or deputised for, this body")

    class Meta:
        model = Person
        fields = ["body"]

    def on_body(self, queryset, name, value):
        return queryset.filter(
            Q(appointments__seat__body__slug=value) | Q(deputy_nominations__seat__body__slug=value)
        ).distinct()


class EventFilter(filters.FilterSet):
    body = filters.CharFilter("body__slug", label="The body's slug")
    since, until = _dates("starts_at", "Meetings")

    class Meta:
        model = Meeting
        fields = ["body", "since", "until"]


class AgendaItemFilter(filters.FilterSet):
    body = filters.CharFilter("meeting__body__slug", label="The body's slug")
    event = filters.NumberFilter("meeting_id", label="The meeting's id")
    since, until = _dates("meeting__starts_at", "Of meetings")

    class Meta:
        model = AgendaItem
        fields = ["body", "event", "since", "until"]


class DocumentFilter(filters.FilterSet):
    body = filters.CharFilter("item__meeting__body__slug", label="The body's slug")
    event = filters.NumberFilter("item__meeting_id", label="The meeting's id")
    agenda_item = filters.NumberFilter("item_id", label="The agenda item's id")
    since, until = _dates("item__meeting__starts_at", "Of meetings")

    class Meta:
        model = Paper
        fields = ["body", "event", "agenda_item", "since", "until"]


class DecisionFilter(filters.FilterSet):
    body = filters.CharFilter("body__slug", label="The body's slug")
    event = filters.NumberFilter("item__meeting_id", label="The meeting's id")
    since, until = _dates("recorded_at", "Taken")

    class Meta:
        model = Decision
        fields = ["body", "event", "since", "until"]


class VoteFilter(filters.FilterSet):
    body = filters.CharFilter("item__meeting__body__slug", label="The body's slug")
    event = filters.NumberFilter("item__meeting_id", label="The meeting's id")
    since, until = _dates("item__meeting__starts_at", "Of meetings")

    class Meta:
        model = Vote
        fields = ["body", "event", "since", "until"]
