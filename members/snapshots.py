"""The engines' view of bodies on a date, read from the database: seats with how many places
are filled, who holds them, and the rules in force. Read for many bodies at once, in a fixed
number of queries however many bodies, seats or people there are."""

from __future__ import annotations

import copy
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache

from governance.models import Body, Seat, SeatCategory, TermsOfReference
from governance.rules import attendance as engine
from governance.rules.language import BodyRules, Names, parse

from .models import Appointment

KEPT_FOR = 60 * 60  # seconds; a change is seen at once all the same (a new record version)


@dataclass
class BodySnapshot:
    body: Body
    seats: list[Seat]
    holders: dict[str, list[str]]
    names: Names
    people: dict[str, list] = field(default_factory=dict)  # seat key -> holders, as Person
    versions: list[TermsOfReference] = field(default_factory=list)
    on: datetime.date | None = None

    @cached_property
    def membership(self) -> engine.Membership:
        return engine.Membership(
            tuple(
                engine.Seat(
                    key=s.key,
                    title=s.title,
                    organisation=s.organisation.slug if s.organisation else None,
                    organisation_kind=s.organisation.kind if s.organisation else None,
                    categories=frozenset(c.slug for c in s.categories.all()),
                    also_represents=frozenset(o.slug for o in s.also_represents.all()),
                    also_kinds=frozenset(o.kind for o in s.also_represents.all()),
                    voting=s.voting,
                    role=s.role,
                    places=s.max_holders,
                    filled=len(self.holders.get(s.key, [])),
                    designate_may_attend=s.designate_may_attend,
                )
                for s in self.seats
            ),
            dict(self.names.organisations),
        )

    def terms_on(self, day: datetime.date) -> TermsOfReference | None:
        in_force = [v for v in self.versions if v.effective_from and v.effective_from <= day]
        return max(in_force, key=lambda v: (v.effective_from, v.pk), default=None)

    def rules_on(self, day: datetime.date) -> BodyRules | None:
        terms = self.terms_on(day)
        if terms is None:
            return None
        cache = self.__dict__.setdefault("_rules", {})
        if terms.pk not in cache:
            cache[terms.pk] = parse(terms.rules, self.names)
        return cache[terms.pk]

    def warm(self) -> None:
        """Work out the membership and parse every version's rules, so that the cached copy
        holds them."""
        self.membership  # noqa: B018
        for version in self.versions:
            if version.effective_from:
                self.rules_on(version.effective_from)

    @property
    def terms(self) -> TermsOfReference | None:
        return self.terms_on(self.on)

    @property
    def rules(self) -> BodyRules | None:
        return self.rules_on(self.on)


# Snapshots this process has read, by the same key: unpickling a body's seats and people
# from the shared cache costs more than the rest of a small page. A new record version is a
# new key, so an entry is never stale; the oldest go first once there are too many.
_read_here: dict[str, BodySnapshot] = {}
KEPT_HERE = 200


def snapshots(bodies, on: datetime.date) -> dict[int, BodySnapshot]:
    """Snapshots of ``bodies`` with their members on ``on``: from this process's memory or
    the cache, kept under each body's record version (members/freshness.py), else read in
    five queries in all."""
    bodies = list(bodies)
    keys = {
        body.pk: f"snapshot:{body.pk}:{body.record_version}:{on.isoformat()}" for body in bodies
    }
    found = {key: _read_here[key] for key in keys.values() if key in _read_here}
    if len(found) < len(keys):
        found |= cache.get_many([key for key in keys.values() if key not in found])
    missing = [body for body in bodies if keys[body.pk] not in found]
    built = _read(missing, on) if missing else {}
    for state in built.values():
        state.warm()
    if built:
        cache.set_many({keys[pk]: state for pk, state in built.items()}, KEPT_FOR)
    result = {}
    for body in bodies:
        key = keys[body.pk]
        state = built.get(body.pk) or found[key]
        _keep_here(key, state)
        result[body.pk] = copy.copy(state)  # shares the parsed rules; the body is this request's
        result[body.pk].body = body
    return result


def _keep_here(key: str, state: BodySnapshot) -> None:
    if key not in _read_here and len(_read_here) >= KEPT_HERE:
        _read_here.pop(next(iter(_read_here)), None)
    _read_here[key] = state


def forget_read_here() -> None:
    """Empty this process's memory of snapshots (the test suite does, between tests)."""
    _read_here.clear()


def _read(bodies: list[Body], on: datetime.date) -> dict[int, BodySnapshot]:
    ids = [b.pk for b in bodies]
    seats = defaultdict(list)
    for seat in (
        Seat.objects.filter(body_id__in=ids)
        .select_related("organisation")
        .prefetch_related("categories", "also_represents")
        .order_by("body_id", "position")
    ):
        seats[seat.body_id].append(seat)
    people = defaultdict(lambda: defaultdict(list))
    for appointment in (
        Appointment.objects.current(on)
        .filter(seat__body_id__in=ids)
        .select_related("person", "seat")
        .order_by("seat__position", "place")
    ):
        people[appointment.seat.body_id][appointment.seat.key].append(appointment.person)
    categories = defaultdict(dict)
    for category in SeatCategory.objects.filter(body_id__in=ids):
        categories[category.body_id][category.slug] = category.name
    versions = defaultdict(list)
    for version in TermsOfReference.objects.filter(body_id__in=ids).exclude(
        status=TermsOfReference.Status.DRAFT
    ):
        versions[version.body_id].append(version)
    return {
        body.pk: BodySnapshot(
            body=body,
            seats=seats[body.pk],
            holders={k: [p.full_name for p in v] for k, v in people[body.pk].items()},
            people={k: list(v) for k, v in people[body.pk].items()},
            names=body.rule_names(seats[body.pk], categories[body.pk]),
            versions=versions[body.pk],
            on=on,
        )
        for body in bodies
    }


def snapshot(body: Body, on: datetime.date) -> BodySnapshot:
    return snapshots([body], on)[body.pk]
