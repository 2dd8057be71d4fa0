"""A member declares an interest in an item from the meeting's page before the meeting, from
their register entry or in their own words; it waits in the console, on that item, for the
chair's determination."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from governance.rules.words import LONDON
from meetings.models import AdvanceDeclaration, Declaration
from meetings.services import attendance as attending
from meetings.services.agenda import agenda_item_add, agenda_start
from tests.factories import InterestDeclarationFactory, UserFactory

from .workspace import go, publish, seed_body, signed_in, state

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
BEFORE = MEETING - datetime.timedelta(days=10)


@pytest.fixture
def sel():
    with time_machine.travel(BEFORE, tick=False):
        setting = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
        agenda_start(meeting=setting.meeting, rules=setting.rules)
        setting.item = agenda_item_add(
            meeting=setting.meeting, rules=setting.rules, title="Community diagnostics hub"
        )
        publish(setting, BEFORE)
        person = setting.holders["chair-slam"]
        person.user = UserFactory(username="slam")
        person.save()
        setting.member = person.user
        setting.interest = InterestDeclarationFactory(person=person, description="Shares in X")
        yield setting


def declare(sel, **data):
    return signed_in(sel.member).post(f"/meetings/{sel.meeting.pk}/declarations/mine/", data)


def test_a_member_declares_in_advance_and_the_console_shows_it_on_the_item(sel):
    page = signed_in(sel.member).get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "Declare this interest" in page and "Financial interest: Shares in X" in page
    with time_machine.travel(BEFORE, tick=False):
        response = declare(sel, item=sel.item.pk, interest=sel.interest.pk, description="")
    assert response.status_code == 302
    made = AdvanceDeclaration.objects.get()
    assert (made.interest, made.description) == (sel.interest, "Shares in X")
    page = signed_in(sel.member).get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "Community diagnostics hub: Shares in X" in page

    with time_machine.travel(MEETING, tick=False):
        attending.sitting_open(meeting=sel.meeting, user=sel.clerk, now=MEETING)
        go(sel, "Community diagnostics hub", confirmed=True)  # not quorate: go on regardless
        console = signed_in(sel.clerk).get(f"/meetings/{sel.meeting.pk}/console/")
        assert "Declared before the meeting, for the chair to determine" in console.content.decode()
        assert [d.description for d in state(sel).declared_in_advance] == ["Shares in X"]
        Declaration.objects.create(
            item=sel.item, person=sel.holders["chair-slam"], description="Shares in X",
            determination="withdraw", determined_by="The chair", recorded_at=MEETING,
            recorded_by=sel.clerk,
        )  # fmt: skip
        assert state(sel).declared_in_advance == []  # determined: no longer waiting


def test_an_interest_must_be_chosen_or_described_and_the_input_is_kept(sel):
    with time_machine.travel(BEFORE, tick=False):
        response = declare(sel, item=sel.item.pk, interest="", description="   ")
        assert response.status_code == 400
        assert "Choose the interest from your entry or describe it." in response.content.decode()
        typed = declare(sel, item=sel.item.pk, interest="", description="My brother " * 40)
        assert typed.status_code == 400  # longer than 300 characters
        assert "My brother My brother" in typed.content.decode()
        assert declare(sel, item=999999, description="X").status_code == 400
    assert not AdvanceDeclaration.objects.exists()


def test_only_a_member_of_the_body_before_the_meeting_may_declare(sel):
    outsider = UserFactory(username="outsider")
    with time_machine.travel(BEFORE, tick=False):
        url = f"/meetings/{sel.meeting.pk}/declarations/mine/"
        assert signed_in(outsider).post(url, {"item": sel.item.pk}).status_code == 404
    with time_machine.travel(MEETING + datetime.timedelta(minutes=5), tick=False):
        assert declare(sel, item=sel.item.pk, description="Late").status_code == 404
