"""Read-only endpoints over the public record. Every list is paged by a cursor (api/pagination.py)
in the view's ``ordering``; every row is built in a fixed number of queries, whatever the page
size."""

from __future__ import annotations

from csp.decorators import csp_update
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.http import Http404
from django.utils.decorators import method_decorator
from rest_framework import routers, viewsets
from rest_framework.pagination import PageNumberPagination

from . import filters, public, serializers

# The browsable pages (DRF's own templates) place a few buttons with style attributes.
browsable = method_decorator(csp_update({"style-src": ["'unsafe-inline'"]}), name="dispatch")


@browsable
class ReadOnly(viewsets.ReadOnlyModelViewSet):
    """A read-only list and its rows."""


@browsable
class Root(routers.APIRootView):
    """Quorate's open data: the public record of the bodies that meet in public. Read-only,
    no sign-in; lists are paginated and filter by body (its slug) and by dates. The schema is
    at /api/schema/ and its documentation at /api/docs/."""


class BodyViewSet(ReadOnly):
    """Bodies that meet in public."""

    queryset = public.bodies()
    ordering = ("name", "pk")
    serializer_class = serializers.BodySerializer


class OrganisationViewSet(ReadOnly):
    """Organisations that nominate to seats."""

    queryset = public.organisations()
    ordering = ("name", "pk")
    serializer_class = serializers.OrganisationSerializer


class PostViewSet(ReadOnly):
    """Seats on the bodies, in the order their terms of reference list them."""

    queryset = public.seats().prefetch_related("categories")
    ordering = ("body_id", "position", "pk")
    serializer_class = serializers.PostSerializer
    filterset_class = filters.PostFilter


class MembershipViewSet(ReadOnly):
    """Who holds each seat, and who is nominated to deputise for its holder, with dates."""

    serializer_class = serializers.MembershipSerializer
    filterset_class = filters.MembershipFilter
    # One list read from two tables (a union), which a cursor cannot filter: paged by number.
    # It grows only as seats change hands.
    pagination_class = PageNumberPagination
    lookup_value_regex = r"(appointment|deputy)-\d+"

    SOURCES = {
        "appointment": ("member", public.appointments),
        "deputy": ("deputy", public.deputy_nominations),
    }

    def get_queryset(self):
        # Both kinds are filtered alike, then read as one list in one query.
        appointments, deputies = (self._rows(kind) for kind in self.SOURCES)
        return appointments.union(deputies, all=True).order_by("organization_id", "post_id", "key")

    def filter_queryset(self, queryset):
        return queryset  # filtered in get_queryset, before the two kinds are joined

    def get_object(self):
        kind, _, pk = self.kwargs["pk"].partition("-")
        row = self._rows(kind).filter(pk=int(pk)).first()
        if row is None:
            raise Http404("No such membership.")
        return row

    def _rows(self, kind: str):
        role, source = self.SOURCES[kind]
        queryset = self.filterset_class(self.request.query_params, queryset=source()).qs
        return queryset.order_by().values(
            "person_id",
            key=Concat(Value(f"{kind}-"), Cast("pk", CharField()), output_field=CharField()),
            post_id=F("seat_id"),
            organization_id=F("seat__body_id"),
            role=Value(role, output_field=CharField()),
            start_date=F("starts_on"),
            end_date=F("ends_on"),
            post_label=F("seat__title"),
        )


class PersonViewSet(ReadOnly):
    """People who hold or have held a seat, or been nominated a deputy, on a public body."""

    queryset = public.people()
    ordering = ("family_name", "given_name", "pk")
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter


class EventViewSet(ReadOnly):
    """Meetings held in public, newest first."""

    queryset = public.meetings().select_related("body")
    ordering = ("-starts_at", "pk")
    serializer_class = serializers.EventSerializer
    filterset_class = filters.EventFilter


class AgendaItemViewSet(ReadOnly):
    """Part A agenda items of meetings held in public, once published."""

    queryset = public.public_items().annotate(meeting_starts=F("meeting__starts_at"))
    ordering = ("-meeting_starts", "meeting_id", "position", "pk")
    serializer_class = serializers.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilter


class DocumentViewSet(ReadOnly):
    """Published papers of those items."""

    queryset = (
        public.public_papers()
        .select_related("item", "published")
        .annotate(meeting_starts=F("item__meeting__starts_at"))
    )
    ordering = ("-meeting_starts", "item__position", "pk")
    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter


class DecisionViewSet(ReadOnly):
    """Decisions the public may read, newest first."""

    queryset = public.decisions().select_related("body", "item__meeting", "resolution")
    ordering = ("-recorded_at", "pk")
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter


class VoteEventViewSet(ReadOnly):
    """Votes on public business, once the meeting is closed."""

    queryset = public.votes().select_related("item__meeting")
    ordering = ("-recorded_at", "pk")
    serializer_class = serializers.VoteEventSerializer
    filterset_class = filters.VoteFilter
