"""The kept history of the governed record, as the secretariat reads it."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from governance.rules.words import LONDON

from .workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)


@time_machine.travel(datetime.datetime(2026, 12, 1, 10, 0, tzinfo=LONDON), tick=True)
def test_a_moved_meeting_shows_who_moved_it_from_what_to_what_and_why():
    sel = seed_body("south-east-london-icp", starts_at=MEETING)
    client = signed_in(sel.clerk)
    client.post(
        f"/meetings/{sel.meeting.pk}/reschedule/",
        {
            "day": "2027-01-21",
            "time": "15:00",
            "minutes": "120",
            "reason": "The ICB Board moved",
            "revision": 0,
        },
    )
    page = client.get(f"/history/meeting/{sel.meeting.pk}/").content.decode()
    assert "from Thursday 14 January 2027, 14:00 to Thursday 21 January 2027, 15:00" in page
    assert "The ICB Board moved" in page
    assert sel.clerk.username in page


def test_a_body_and_its_seats_keep_their_history_from_the_import():
    sel = seed_body("south-east-london-icp", starts_at=MEETING)
    page = signed_in(sel.clerk).get(f"/history/body/{sel.body.pk}/").content.decode()
    assert "Created" in page


def test_the_history_of_another_bodys_record_is_not_found():
    sel = seed_body("south-east-london-icp", starts_at=MEETING)
    lie = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    assert signed_in(lie.clerk).get(f"/history/meeting/{sel.meeting.pk}/").status_code == 404
    assert signed_in(sel.clerk).get("/history/nonsense/1/").status_code == 404
