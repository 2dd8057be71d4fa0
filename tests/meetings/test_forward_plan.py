"""A body's forward plan: its secretariat adds business expected at a meeting to come, in a
month, or not yet scheduled (typed as people type months); whoever may see the body reads
it, business expected in private shown as such; past and cancelled meetings' entries drop
out; only the secretariat adds or removes."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from governance.rules.words import LONDON
from meetings.models import PlannedItem
from tests.conftest import client_for
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 2, 10, 12, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def planned(world):
    world.users["clerk"].secretariat_bodies.add(world.public_body)
    world.next_meeting = MeetingFactory(
        body=world.public_body, starts_at=NOW + datetime.timedelta(days=30), held_in_public=True
    )
    return world


def add(world, **data):
    url = f"/bodies/{world.public_body.slug}/forward-plan/"
    return client_for(world, "clerk").post(url, {"title": "Winter plan", **data})


def test_the_secretariat_plans_and_the_public_read_it(planned):
    assert add(planned, meeting=planned.next_meeting.pk, decision_expected="on").status_code == 302
    assert add(planned, title="Estates review", expected_month="June 2027").status_code == 302
    assert add(planned, title="Lease renewal", exempt_paragraph="3").status_code == 302
    assert PlannedItem.objects.get(title="Estates review").expected_month == datetime.date(
        2027, 6, 1
    )
    page = client_for(planned, "anonymous").get(f"/bodies/{planned.public_body.slug}/forward-plan/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Winter plan" in text and "Friday 12 March 2027" in text and "Expected" in text
    assert "June 2027" in text and "Not yet scheduled" in text
    assert "Expected in private (paragraph 3 of Schedule 12A)" in text
    assert "Add this business" not in text and "Remove" not in text


def test_bad_input_is_explained_and_kept(planned):
    response = add(planned, title="", expected_month="Juneteenth")
    assert response.status_code == 400
    text = response.content.decode()
    assert "This field is required." in text
    assert "“Juneteenth” is not a month" in text and 'value="Juneteenth"' in text
    both = add(planned, meeting=planned.next_meeting.pk, expected_month="2027-03")
    assert "Give the meeting or the month, not both" in both.content.decode()
    assert not PlannedItem.objects.exists()


def test_past_and_cancelled_business_drops_out_and_only_the_secretariat_edits(planned):
    add(planned, title="Held already", expected_month="2026-12")
    add(planned, title="On a cancelled meeting", meeting=planned.next_meeting.pk)
    planned.next_meeting.status, planned.next_meeting.cancellation_reason = "cancelled", "No"
    planned.next_meeting.save()
    url = f"/bodies/{planned.public_body.slug}/forward-plan/"
    text = client_for(planned, "anonymous").get(url).content.decode()
    assert "Held already" not in text and "On a cancelled meeting" not in text
    assert client_for(planned, "member").post(url, {"title": "Mine"}).status_code == 404
    entry = PlannedItem.objects.first()
    remove = f"/forward-plan/{entry.pk}/remove/"
    assert client_for(planned, "other_member").post(remove).status_code == 404
    assert client_for(planned, "clerk").post(remove).status_code == 302
    assert not PlannedItem.objects.filter(pk=entry.pk).exists()
