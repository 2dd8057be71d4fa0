"""What the open data API publishes: the same public record the public pages show, and nothing
more. Each queryset is built from the rules the pages use, so the two cannot drift apart."""

from __future__ import annotations

from django.db.models import Q

from governance.models import Body, Organisation, Seat
from meetings.models import Decision, Meeting, Vote
from meetings.queries import PUBLIC_DECISIONS, public_items, public_papers
from members.access import ANONYMOUS
from members.models import Appointment, DeputyNomination, Person

__all__ = ["public_items", "public_papers"]


def bodies():
    return Body.objects.meeting_in_public()


def organisations():
    return Organisation.objects.all()


def seats():
    return Seat.objects.filter(body__meets_in_public=True)


def appointments():
    return Appointment.objects.filter(seat__body__meets_in_public=True)


def deputy_nominations():
    return DeputyNomination.objects.filter(seat__body__meets_in_public=True)


def people():
    """Those who hold or have held a seat, or been nominated its deputy, on a public body."""
    return Person.objects.filter(
        Q(pk__in=appointments().values("person_id"))
        | Q(pk__in=deputy_nominations().values("person_id"))
    )


def meetings():
    return Meeting.objects.visible_to(ANONYMOUS)


def decisions():
    return Decision.objects.filter(PUBLIC_DECISIONS, struck_at__isnull=True)


def votes():
    """Votes on public items, once the meeting is closed (as its decisions are)."""
    return Vote.objects.filter(
        item__in=public_items(), item__meeting__closed_at__isnull=False, struck_at__isnull=True
    )
