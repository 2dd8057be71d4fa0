"""The role predicates, persona by persona."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from members.access import bodies_visible_to, people_visible_to, roles_for
from tests.factories import AppointmentFactory, BodyFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_the_public(world):
    roles = roles_for(AnonymousUser())
    assert not roles.is_secretariat
    assert roles.can_view_body(world.public_body)
    assert not roles.can_view_body(world.body)


def test_a_clerk_serves_only_their_bodies(world):
    roles = roles_for(world.users["clerk"])
    assert roles.is_secretariat
    assert roles.serves(world.body)
    assert not roles.serves(world.other_body)
    assert roles.can_see_contact_details(world.body)
    assert not roles.can_see_contact_details(world.public_body)


def test_a_secretariat_officer_for_all_bodies_serves_new_bodies_too(world):
    roles = roles_for(world.users["all_bodies_clerk"])
    assert roles.serves(BodyFactory())


def test_a_member_sits_on_their_body_through_an_appointment(world):
    roles = roles_for(world.users["member"])
    assert roles.sits_on(world.body)
    assert not roles.sits_on(world.other_body)
    assert not roles.is_secretariat


def test_a_deputy_sits_on_the_body_through_a_nomination(world):
    roles = roles_for(world.users["deputy"])
    assert roles.sits_on(world.body)
    assert not roles.serves(world.body)


def test_an_appointment_counts_only_while_it_is_current(world):
    user = UserFactory()
    AppointmentFactory(
        seat__body=world.other_body,
        person__user=user,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    assert roles_for(user, on=datetime.date(2024, 6, 1)).sits_on(world.other_body)
    assert not roles_for(user, on=datetime.date(2025, 1, 1)).sits_on(world.other_body)


def test_roles_are_worked_out_once_per_request_in_one_query(world, django_assert_num_queries):
    user = world.users["member"]
    with django_assert_num_queries(1):
        roles_for(user)
        roles_for(user)


def test_bodies_visible_to_each_persona(world):
    def slugs(persona):
        user = world.users[persona] or AnonymousUser()
        return set(bodies_visible_to(user).values_list("slug", flat=True))

    assert slugs("anonymous") == {"gamma"}
    assert slugs("clerk") == {"alpha", "gamma"}
    assert slugs("member") == {"alpha", "gamma"}
    assert slugs("deputy") == {"alpha", "gamma"}
    assert slugs("other_member") == {"beta", "gamma"}
    assert slugs("all_bodies_clerk") == {"alpha", "beta", "gamma"}


def test_a_clerk_looks_up_only_people_connected_with_their_bodies(world):
    clerk_sees = set(people_visible_to(world.users["clerk"]))
    assert world.users["member"].person in clerk_sees
    assert world.users["deputy"].person in clerk_sees
    assert world.users["other_member"].person not in clerk_sees
    assert world.users["other_member"].person in set(
        people_visible_to(world.users["all_bodies_clerk"])
    )
