"""A member's dashboard: whether the papers of each meeting to come are out and whether they
sent apologies; the meetings lately held, with their decisions and, once circulated, their
minutes; and their own business: the meetings they attend as someone's deputy, the open
actions they own (with the words of an action on an item they may not read withheld), and the
written resolutions they answered."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Action, Apology, Meeting, Publication
from tests import test_url_access
from tests.conftest import client_for
from tests.factories import UserFactory

from . import test_minutes
from .test_minutes import MEETING, circulated
from .test_minutes import text as words
from .workspace import signed_in

pytestmark = pytest.mark.django_db
world_with_a_meeting = test_url_access.world_with_a_meeting  # the access matrix's world
clock, held = test_minutes.clock, test_minutes.held  # the minutes tests' fixtures
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


def test_a_member_sees_the_papers_out_their_apologies_and_the_meetings_lately_held(held, clock):
    member = UserFactory(username="sel-member")
    vcse = held.holders["vcse"]
    vcse.user = member
    vcse.save(update_fields=["user"])
    upcoming = []
    for weeks in (2, 6):
        starts = MEETING + datetime.timedelta(weeks=weeks)
        upcoming.append(
            Meeting.objects.create(
                body=held.body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                location="Tooley Street",
            )
        )  # fmt: skip
    soon, later = upcoming
    soon.publications.create(
        kind=Publication.Kind.AGENDA, published_at=MEETING, deadline=MEETING,
        published_by=held.clerk,
    )  # fmt: skip
    Apology.objects.create(
        meeting=later, seat=held.body.seats.get(key="vcse"), person=vcse,
        received_at=MEETING, recorded_by=member,
    )  # fmt: skip
    page = words(signed_in(member).get("/dashboard/"))
    assert "Published Read them : SEL ICP, Thursday 28 January 2027" in page
    assert "Thursday 25 February 2027, 14:00 South East London" in page
    assert "Not yet published You sent apologies." in page
    assert (
        "Lately held SEL ICP, Thursday 14 January 2027 : 2 decisions taken; the minutes are "
        "not yet circulated." in page
    )
    circulated(held)
    page = words(signed_in(member).get("/dashboard/"))
    assert "2 decisions taken; read the minutes of SEL ICP" in page
