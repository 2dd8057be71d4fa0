"""A member's dashboard gathers their own business: the meetings they attend as someone's
deputy, the open actions they own (with the words of an action on an item they may not read
withheld), and the written resolutions they answered."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Action, Apology
from tests import test_url_access
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
world_with_a_meeting = test_url_access.world_with_a_meeting  # the access matrix's world
NOW = datetime.datetime(2029, 6, 1, tzinfo=datetime.UTC)


def dashboard(world, persona) -> str:
    response = client_for(world, persona).get("/dashboard/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_members_own_actions_deputising_and_answers(world_with_a_meeting):
    w = world_with_a_meeting
    member, clerk = w.users["member"].person, w.users["clerk"]
    member.email = "member@example.org"
    member.save()
    for text, item in (("Send the estates plan", None), ("SECRET lease terms", w.item)):
        Action.objects.create(meeting=w.meeting, item=item, text=text, owner=str(member),
                              owner_email="Member@Example.org", recorded_at=NOW,
                              recorded_by=clerk)  # fmt: skip
    # The Director of Finance's apologies (in the world already) name the deputy.
    Apology.objects.filter(meeting=w.meeting).update(deputy=w.users["deputy"].person)

    page = dashboard(w, "member")
    assert "Send the estates plan" in page
    assert "SECRET" not in page  # the item is not published: its words stay with the clerk
    assert "An action on a confidential (Part B) item" in page
    assert "Written resolutions you answered" in page and "for, " in page.lower()
    assert "Meetings you attend as a deputy" not in page

    deputy = dashboard(w, "deputy")
    assert "Meetings you attend as a deputy" in deputy and "(Director of Finance)" in deputy
    assert "Send the estates plan" not in dashboard(w, "other_member")
