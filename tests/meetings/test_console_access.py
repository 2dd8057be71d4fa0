"""Every console and record-correction endpoint refuses everyone but the body's secretariat,
and changes nothing when it refuses: the public are sent to sign in; members, deputies,
members of other bodies and another body's clerk get the same 404 as for a meeting that does
not exist."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from meetings.models import Action, Adjournment, Attendance, Decision, Meeting, Vote
from meetings.services.locking import console_version
from tests.conftest import client_for
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db

POSTS = [
    "console/open",
    "console/mark",
    "console/deputy",
    "console/visitor",
    "console/go-to",
    "console/presiding",
    "console/declaration",
    "console/vote",
    "console/decision",
    "console/action",
    "console/action-status",
    "console/adjourn",
    "console/resume",
    "console/close",
    "console/reopen",
]
GETS = ["console", "console/live"]
ENTRIES = ["attendance", "vote", "decision", "action"]
REFUSED = ["member", "deputy", "other_member", "other_bodys_clerk"]


@pytest.fixture
def setting(world):
    meeting = MeetingFactory(body=world.body)
    item = meeting.items.create(position=10, title="Finance")
    clerk = world.users["clerk"]
    now = datetime.datetime(2030, 1, 1, tzinfo=datetime.UTC)
    row = Attendance.objects.create(
        meeting=meeting,
        seat=world.body.seats.first(),
        person=world.users["member"].person,
        capacity="member",
        updated_at=now,
        updated_by=clerk,
    )
    vote = Vote.objects.create(
        item=item,
        motion="M",
        votes_for=1,
        against=0,
        eligible=1,
        carried=True,
        reasoning="R",
        recorded_at=now,
        recorded_by=clerk,
    )
    decision = Decision.objects.create(
        body=world.body,
        year=2030,
        number=1,
        item=item,
        text="D",
        outcome="consensus",
        quorum_note="Q",
        recorded_at=now,
        recorded_by=clerk,
    )
    action = Action.objects.create(
        meeting=meeting, text="A", owner="O", recorded_at=now, recorded_by=clerk
    )
    entries = {"attendance": row, "vote": vote, "decision": decision, "action": action}
    other_clerk = UserFactory(username="other_bodys_clerk")
    other_clerk.secretariat_bodies.add(world.other_body)
    world.users["other_bodys_clerk"] = other_clerk
    return world, meeting, entries


def everything(meeting) -> tuple:
    meeting = Meeting.objects.get(pk=meeting.pk)
    return (
        console_version(meeting),
        meeting.closed_at,
        meeting.current_item_id,
        list(Attendance.objects.values_list("status", "revision")),
        Vote.objects.count(),
        list(Decision.objects.values_list("struck_at", "revision")),
        list(Action.objects.values_list("status", "revision")),
        Adjournment.objects.count(),
    )


def payload(entries) -> dict:
    """Data each form would accept, so a refusal is the permission check and nothing else."""
    row = entries["attendance"]
    return {
        "row": row.pk,
        "revision": 0,
        "mark": "arrived",
        "visitor-name": "Visitor",
        "adjourn-reason": "Break",
        "reopen-reason": "Mistake",
        "reason": "Because",
        "action": entries["action"].pk,
        "status": "done",
        "action-text": "Do it",
        "action-owner": "Someone",
        "decision-text": "Agreed",
        "decision-outcome": "noted",
    }


def urls(meeting, entries):
    base = f"/meetings/{meeting.pk}/"
    for path in GETS:
        yield "get", base + path + "/"
    for path in POSTS:
        yield "post", base + path + "/"
    for kind in ENTRIES:
        for verb in ("correct", "strike"):
            url = f"{base}record/{kind}/{entries[kind].pk}/{verb}/"
            yield "get", url
            yield "post", url


@pytest.mark.parametrize("persona", REFUSED)
def test_everyone_but_the_bodys_secretariat_gets_a_404_and_changes_nothing(setting, persona):
    world, meeting, entries = setting
    client = client_for(world, persona)
    before = everything(meeting)
    for verb, url in urls(meeting, entries):
        response = getattr(client, verb)(url, payload(entries) if verb == "post" else None)
        assert response.status_code == 404, (persona, verb, url)
    assert everything(meeting) == before


def test_the_public_are_sent_to_sign_in_and_nothing_changes(setting):
    _, meeting, entries = setting
    client = Client()
    before = everything(meeting)
    for verb, url in urls(meeting, entries):
        response = getattr(client, verb)(url, payload(entries) if verb == "post" else None)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert everything(meeting) == before


@pytest.mark.parametrize("persona", ["clerk", "all_bodies_clerk"])
def test_the_bodys_secretariat_may_open_every_page(setting, persona):
    """The pages the refusals above are checked against do exist."""
    world, meeting, entries = setting
    client = client_for(world, persona)
    for verb, url in urls(meeting, entries):
        if verb == "get":
            # Attendance is corrected, never struck out: that page does not exist.
            expected = 404 if "/attendance/" in url and url.endswith("/strike/") else 200
            assert client.get(url).status_code == expected, url
