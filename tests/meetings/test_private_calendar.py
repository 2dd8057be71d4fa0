"""A member's private calendar address: made on their own page and shown to them once, kept
only as a digest, read by a calendar without signing in, carrying the meetings of their own
bodies (in private too) and no other's; a new address or stopping revokes the old."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from members.models import CalendarToken
from tests.conftest import client_for
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings(world):
    world.own = MeetingFactory(body=world.body, held_in_public=False)
    world.other = MeetingFactory(body=world.other_body, held_in_public=False)
    return world


def make(client) -> str:
    response = client.post("/calendar/mine/", {"action": "make"})
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    return re.search(r'value="(http://testserver/calendar/private/[^"]+\.ics)"',
                     response.content.decode()).group(1)  # fmt: skip


def test_the_address_carries_the_members_own_meetings_and_no_others(meetings):
    member = client_for(meetings, "member")
    address = make(member)
    secret = address.rsplit("/", 1)[1].removesuffix(".ics")
    assert not CalendarToken.objects.filter(digest=secret).exists()  # only a digest is kept
    assert secret not in member.get("/calendar/mine/").content.decode()  # shown once

    feed = Client().get(address)  # a calendar server, not signed in
    assert feed.status_code == 200 and feed["Content-Type"].startswith("text/calendar")
    text = feed.content.decode()
    assert f"/meetings/{meetings.own.pk}/" in text
    assert f"/meetings/{meetings.other.pk}/" not in text
    assert "Alpha Joint Commissioning Group" in text


def test_a_new_address_or_stopping_revokes_the_old(meetings):
    member = client_for(meetings, "member")
    first = make(member)
    second = make(member)
    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    stopped = member.post("/calendar/mine/", {"action": "stop"})
    assert stopped.status_code == 302
    assert Client().get(second).status_code == 404
    assert "You have no calendar address yet." in member.get("/calendar/mine/").content.decode()


def test_a_made_up_address_or_action_is_refused(meetings):
    assert Client().get("/calendar/private/guess.ics").status_code == 404
    member = client_for(meetings, "member")
    assert member.post("/calendar/mine/", {"action": "share"}).status_code == 400
    assert Client().get("/calendar/mine/").status_code == 302  # to sign in
