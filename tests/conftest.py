"""The suite's clock, and named personas built once per test: the clerk of a body, a member,
a deputy, a member of another body, a secretariat officer for every body, and an anonymous
visitor.

The clock is frozen for the whole run at ``QUORATE_TEST_NOW`` (an ISO date and time; by
default a Monday in November 2026) and then ticks on from there, so no test depends on the
day it runs. CI runs the suite again at awkward moments: a leap day, a clock-change Sunday,
Christmas Eve."""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

import pytest
import time_machine
from django.test import Client
from hypothesis import settings as hypothesis_settings

from governance.models import Body

from .factories import (
    PASSWORD,
    AppointmentFactory,
    BodyFactory,
    DeputyNominationFactory,
    SeatFactory,
    UserFactory,
)

TEST_NOW = datetime.datetime.fromisoformat(
    os.environ.get("QUORATE_TEST_NOW") or "2026-11-23T10:00:00+00:00"
)
if TEST_NOW.tzinfo is None:
    raise SystemExit("QUORATE_TEST_NOW needs a time zone, such as 2028-02-29T12:00:00+00:00")


# Hypothesis's 200 ms deadline per example is a timing test in disguise: on a busy two-core
# machine it fails at random. The engines' speed is measured in benchmarks/, not here.
hypothesis_settings.register_profile("quorate", deadline=None)
hypothesis_settings.load_profile("quorate")


def pytest_configure(config):
    time_machine.travel(TEST_NOW, tick=True).start()


def pytest_report_header(config):
    return f"Quorate's clock: frozen at {TEST_NOW.isoformat()} (QUORATE_TEST_NOW), then ticking"


def forget_this_workers_cache():
    """Empty the cache of this test worker's keys. On Redis the other workers share the
    database, mid-test, so only keys under this worker's prefix go."""
    from django.core.cache import caches

    from config.quiet_cache import QuietRedisCache

    cache = caches["default"]  # not the module's proxy, which no isinstance() sees through
    if isinstance(cache, QuietRedisCache):
        client = cache._cache.get_client(write=True)
        for key in client.scan_iter(match=f"{cache.key_prefix}:*"):
            client.delete(key)
    else:
        cache.clear()
    caches["accounts"].clear()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: throttling counts never carry over, and no
    snapshot of a body or account from a rolled-back test (whose ids SQLite gives out again)
    is read."""
    from members.snapshots import forget_read_here

    forget_this_workers_cache()
    forget_read_here()


@dataclass
class World:
    body: Body  # private: does not meet in public
    other_body: Body  # private, with its own member
    public_body: Body  # meets in public
    users: dict


PERSONAS = ("anonymous", "clerk", "member", "deputy", "other_member", "all_bodies_clerk")


@pytest.fixture
def world(db) -> World:
    body = BodyFactory(name="Alpha Joint Commissioning Group", short_name="AJCG", slug="alpha")
    other_body = BodyFactory(name="Beta Integration Executive", short_name="BIE", slug="beta")
    public_body = BodyFactory(
        name="Gamma Partnership", short_name="GP", slug="gamma", meets_in_public=True
    )
    seat = SeatFactory(body=body, title="Director of Public Health")
    deputy_seat = SeatFactory(body=body, title="Director of Finance")
    other_seat = SeatFactory(body=other_body, title="Healthwatch representative")
    SeatFactory(body=public_body, title="Chair of the ICB")

    clerk = UserFactory(username="clerk")
    clerk.secretariat_bodies.add(body)
    member = UserFactory(username="member")
    AppointmentFactory(seat=seat, person__user=member)
    deputy = UserFactory(username="deputy")
    AppointmentFactory(seat=deputy_seat)
    DeputyNominationFactory(seat=deputy_seat, person__user=deputy)
    other_member = UserFactory(username="other_member")
    AppointmentFactory(seat=other_seat, person__user=other_member)
    all_bodies_clerk = UserFactory(username="all_bodies_clerk", serves_all_bodies=True)

    users = {
        "anonymous": None,
        "clerk": clerk,
        "member": member,
        "deputy": deputy,
        "other_member": other_member,
        "all_bodies_clerk": all_bodies_clerk,
    }
    return World(body=body, other_body=other_body, public_body=public_body, users=users)


def client_for(world: World, persona: str) -> Client:
    client = Client()
    user = world.users[persona]
    if user is not None:
        client.force_login(user)
    return client


def sign_in(client: Client, username: str, password: str = PASSWORD) -> bool:
    """Sign in through the sign-in page, as a person does (and as sign-in throttling sees)."""
    response = client.post("/accounts/login/", {"username": username, "password": password})
    return response.status_code == 302
