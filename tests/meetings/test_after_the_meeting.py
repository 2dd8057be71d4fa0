"""The agenda workspace once the meeting is held and closed: the minutes and the record come
first; the agenda and attendance are part of the record, changed only by correction."""

from __future__ import annotations

import datetime

import pytest

from governance.rules.words import LONDON
from meetings.models import Apology
from meetings.services.agenda import agenda_item_add, agenda_start

from .test_publish_view import agree
from .workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2026, 10, 20, 14, 0, tzinfo=LONDON)


@pytest.fixture
def held():
    setting = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    agenda_start(meeting=setting.meeting, rules=setting.rules)
    setting.extra = agenda_item_add(meeting=setting.meeting, rules=setting.rules, title="Risk")
    return setting


def close(setting):
    setting.meeting.closed_at = MEETING + datetime.timedelta(hours=2)
    setting.meeting.save(update_fields=["closed_at"])


def test_a_closed_meetings_workspace_leads_to_the_minutes_and_the_record(held):
    client = signed_in(held.clerk)
    before = client.get(f"/meetings/{held.meeting.pk}/agenda/").content.decode()
    assert "Add an item" in before and "Record apologies" in before
    close(held)
    page = client.get(f"/meetings/{held.meeting.pk}/agenda/").content.decode()
    assert "The meeting was held and closed at" in page
    assert f'href="/meetings/{held.meeting.pk}/minutes/edit/">Minutes</a>' in page
    assert f'href="/meetings/{held.meeting.pk}/console/">The meeting\'s record</a>' in page
    offered = ("Add an item", "Reschedule", "Cancel the meeting", "Record apologies", "↑")
    for offer in offered:
        assert offer not in page, offer
    assert "No apologies were received." in page


def test_the_agenda_of_a_closed_meeting_is_not_changed(held):
    close(held)
    client = signed_in(held.clerk)
    url = f"/meetings/{held.meeting.pk}/agenda/items/new/"
    added = client.post(url, {"title": "Late business", "part": "A", "purpose": "information"})
    assert added.status_code == 400
    assert "its agenda is part of its record" in added.content.decode()
    assert 'value="Late business"' in added.content.decode()  # what was typed is kept
    moved = client.post(f"/agenda-items/{held.extra.pk}/move/", {"direction": "up"}, follow=True)
    removed = client.post(f"/agenda-items/{held.extra.pk}/delete/", follow=True)
    for response in (moved, removed):
        assert "its agenda is part of its record" in response.content.decode()
    agreed = agree(client, held.meeting)
    assert agreed.status_code == 400
    assert "its agenda is part of its record" in agreed.content.decode()
    assert not held.meeting.agreements.exists()
    assert held.meeting.items.count() == 6
    assert [i.title for i in held.meeting.items.order_by("position")][-2:] == [
        "Risk",
        "Any other business",
    ]


def test_apologies_for_a_closed_meeting_are_refused_with_the_way_to_correct_it(held):
    close(held)
    member = held.holders["director-public-health"]
    refused = signed_in(held.clerk).post(
        f"/meetings/{held.meeting.pk}/apologies/",
        {"seat": f"director-public-health:{member.pk}"},
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "correct its attendance from its record, with the reason" in page
    assert not Apology.objects.exists()
