"""Who may see what: every role check in Quorate goes through this module.

A user's roles are worked out once per request (one query) and kept on the user:
- secretariat for some bodies, or for all (``User.serves_all_bodies``);
- a member of a body through a current appointment to one of its seats;
- a deputy through a current nomination to deputise for one of its seats;
- anonymous visitors are the public, who see only bodies and meetings held in public.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Value
from django.http import Http404
from django.shortcuts import get_object_or_404

from config import clock
from governance.models import Body

from .models import Appointment, DeputyNomination, Person, User


@dataclass(frozen=True)
class Roles:
    authenticated: bool = False
    serves_all_bodies: bool = False
    served: frozenset[int] = frozenset()
    member_of: frozenset[int] = frozenset()
    deputy_for: frozenset[int] = frozenset()

    @property
    def is_secretariat(self) -> bool:
        return self.serves_all_bodies or bool(self.served)

    def serves(self, body: Body) -> bool:
        return self.serves_all_bodies or body.pk in self.served

    def sits_on(self, body: Body) -> bool:
        """A member or nominated deputy of the body: entitled to its members' material."""
        return body.pk in self.member_of or body.pk in self.deputy_for

    def inside(self, body: Body) -> bool:
        """Serves the body or sits on it: entitled to its members' business (Part B
        included), its members' copies and its full registers."""
        return self.serves(body) or self.sits_on(body)

    def can_view_body(self, body: Body) -> bool:
        return body.meets_in_public or self.inside(body)

    def can_see_contact_details(self, body: Body) -> bool:
        return self.serves(body)

    def can_view_meeting(self, meeting) -> bool:
        return meeting.held_in_public or self.inside(meeting.body)

    def can_see_item(self, item) -> bool:
        """An agenda item: the secretariat always; once published, members and deputies of
        the body (Part A and Part B); the public only Part A of a meeting held in public."""
        meeting = item.meeting
        if self.serves(meeting.body):
            return True
        if item.published_id is None:
            return False
        if self.sits_on(meeting.body):
            return True
        return meeting.held_in_public and item.part == "A"

    def can_read_paper(self, paper) -> bool:
        return self.can_see_item(paper.item) and (
            paper.published_id is not None or self.serves(paper.item.meeting.body)
        )

    @property
    def body_ids_with_access(self) -> frozenset[int]:
        """Bodies whose non-public business the user may see (all, if serving every body)."""
        return self.served | self.member_of | self.deputy_for


ANONYMOUS = Roles()


def roles_for(user, on: datetime.date | None = None) -> Roles:
    """The user's roles today (or on ``on``), cached on the user object for the request."""
    if not user.is_authenticated:
        return ANONYMOUS
    on = on or clock.today()
    cached = getattr(user, "_quorate_roles", None)
    if cached is not None and cached[0] == on:
        return cached[1]
    bodies = {"served": set(), "member": set(), "deputy": set()}
    for kind, body_id in _role_rows(user, on):
        bodies[kind].add(body_id)
    roles = Roles(
        authenticated=True,
        serves_all_bodies=user.serves_all_bodies,
        served=frozenset(bodies["served"]),
        member_of=frozenset(bodies["member"]),
        deputy_for=frozenset(bodies["deputy"]),
    )
    user._quorate_roles = (on, roles)
    return roles


def _role_rows(user, on: datetime.date):
    """(kind, body id) for each body the user serves, sits on or deputises for: one query."""
    served = (
        User.secretariat_bodies.through.objects.filter(user_id=user.pk)
        .annotate(kind=Value("served"))
        .values_list("kind", "body_id")
        .order_by()
    )
    member = (
        Appointment.objects.current(on)
        .filter(person__user_id=user.pk)
        .annotate(kind=Value("member"))
        .values_list("kind", "seat__body_id")
        .order_by()
    )
    deputy = (
        DeputyNomination.objects.current(on)
        .filter(person__user_id=user.pk)
        .annotate(kind=Value("deputy"))
        .values_list("kind", "seat__body_id")
        .order_by()
    )
    return served.union(member, deputy, all=True)


def bodies_visible_to(user):
    """Bodies the user may open: served, sat on, deputised for, or meeting in public."""
    roles = roles_for(user)
    if roles.serves_all_bodies:
        return Body.objects.all()
    return Body.objects.filter(Q(meets_in_public=True) | Q(pk__in=roles.body_ids_with_access))


def bodies_served_by(user):
    roles = roles_for(user)
    if roles.serves_all_bodies:
        return Body.objects.all()
    return Body.objects.filter(pk__in=roles.served)


def people_visible_to(user):
    """People a secretariat officer may look up: those connected with the bodies they serve."""
    roles = roles_for(user)
    if roles.serves_all_bodies:
        return Person.objects.all()
    # Ids from each table, not a join to every seat each person held made distinct: the
    # list is counted and paged, and people who served long ago do not slow it.
    served = {"seat__body__in": roles.served}
    return Person.objects.filter(
        Q(pk__in=Appointment.objects.filter(**served).values("person_id"))
        | Q(pk__in=DeputyNomination.objects.filter(**served).values("person_id"))
    )


def secretariat_required(view):
    """Signed-in secretariat officers only; anyone else signed in is refused (403)."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not roles_for(request.user).is_secretariat:
            raise PermissionDenied("This page is for the secretariat.")
        return view(request, *args, **kwargs)

    return wrapped


def get_body_for_user(request, slug: str) -> Body:
    """The body, or 404 where the user may not see it (the public: bodies meeting in public)."""
    body = get_object_or_404(
        Body.objects.select_related("reports_to", "secretariat_organisation"), slug=slug
    )
    if not roles_for(request.user).can_view_body(body):
        raise Http404("No such body.")
    return body


def get_body_for_secretariat(request, slug: str) -> Body:
    """The body, or 404 where the user is not its secretariat."""
    body = get_object_or_404(Body, slug=slug)
    if not roles_for(request.user).serves(body):
        raise Http404("No such body.")
    return body


def get_person_for_secretariat(request, pk: int) -> Person:
    return get_object_or_404(people_visible_to(request.user), pk=pk)
