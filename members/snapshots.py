"""The engines' view of a body on a date, read from the database: its seats with how many
places are filled, who holds them, and the rules in force."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from governance.models import Body, TermsOfReference
from governance.rules import attendance as engine
from governance.rules.language import BodyRules, Names

from .models import Appointment


@dataclass(frozen=True)
class BodySnapshot:
    body: Body
    terms: TermsOfReference | None
    membership: engine.Membership
    holders: dict[str, list[str]]
    names: Names
    rules: BodyRules | None


def snapshot(body: Body, on: datetime.date) -> BodySnapshot:
    """Four queries: seats with organisations and categories, current holders, the terms."""
    seats = list(body.seats.select_related("organisation").prefetch_related("categories"))
    holders: dict[str, list[str]] = defaultdict(list)
    appointments = (
        Appointment.objects.current(on)
        .filter(seat__body=body)
        .select_related("person", "seat")
        .order_by("seat__position", "place")
    )
    for appointment in appointments:
        holders[appointment.seat.key].append(appointment.person.full_name)
    membership = engine.Membership(
        tuple(
            engine.Seat(
                key=s.key,
                title=s.title,
                organisation=s.organisation.slug if s.organisation else None,
                organisation_kind=s.organisation.kind if s.organisation else None,
                categories=frozenset(c.slug for c in s.categories.all()),
                voting=s.voting,
                role=s.role,
                places=s.max_holders,
                filled=len(holders.get(s.key, [])),
                designate_may_attend=s.designate_may_attend,
            )
            for s in seats
        ),
        {s.organisation.slug: s.organisation.name for s in seats if s.organisation},
    )
    names = body.rule_names(seats)
    terms = body.terms_in_force(on)
    rules = terms.body_rules(names) if terms else None
    return BodySnapshot(body, terms, membership, dict(holders), names, rules)
