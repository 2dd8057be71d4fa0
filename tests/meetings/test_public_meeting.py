"""The published meeting page as the public and members see it: exempt business stays on the
agenda as a numbered line, and a past meeting never says its agenda is still to come."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.test import Client

from governance.rules.words import LONDON
from meetings.services.agenda import agenda_item_add, agenda_start
from tests.factories import UserFactory

from .workspace import publish, seed_body, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)


@pytest.fixture
def published():
    sel = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    agenda_item_add(
        meeting=sel.meeting,
        rules=sel.rules,
        title="Sale of the Tooley Street lease",
        part="B",
        exempt_paragraph=3,
    )
    agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Winter plan")
    publish(sel, MEETING - datetime.timedelta(days=20))
    return sel


def test_the_public_see_exempt_business_as_a_numbered_line(published):
    page = Client().get(f"/meetings/{published.meeting.pk}/").content.decode()
    assert "Winter plan" in page
    assert "Tooley Street" not in page
    assert "Item 7: exempt under paragraph 3 of Schedule 12A" in page
    assert page.index("Winter plan") < page.index("Item 7: exempt")


def test_members_see_the_same_numbers_with_the_exempt_business(published):
    member = UserFactory()
    holder = published.holders["icb-chair"]
    holder.user = member
    holder.save()
    page = signed_in(member).get(f"/meetings/{published.meeting.pk}/").content.decode()
    assert "Sale of the Tooley Street lease" in page
    assert "exempt under paragraph 3" not in page.split("Sale of the Tooley")[0][-200:]


def test_a_past_meeting_without_an_agenda_does_not_say_one_is_coming():
    sel = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
    with time_machine.travel(MEETING + datetime.timedelta(days=30)):
        page = Client().get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "not been published yet" not in page
    assert "No agenda was published for this meeting" in page
