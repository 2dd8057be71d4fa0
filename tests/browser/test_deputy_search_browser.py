"""Finding a deputy on the apology form, in a real browser: as the clerk types, the list is
redrawn with the people found; the chosen one is recorded. Screenshots at desktop width and
at 320 px go to ``data/screenshots/``."""

from __future__ import annotations

import datetime

import pytest

from governance.rules.words import LONDON
from meetings.models import Apology
from members.models import Appointment
from tests.factories import PersonFactory
from tests.meetings.workspace import seed_body

from .test_console_browser import shoot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
MEETING = datetime.datetime(2027, 3, 11, 14, 0, tzinfo=LONDON)


def test_a_clerk_finds_a_deputy_by_name_and_records_the_apology(browser, live_server):
    lie = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    seat = lie.body.seats.get(key="managing-director-wlccg")  # a designate may attend
    former = PersonFactory(given_name="Priya", family_name="Okonkwo")
    Appointment.objects.create(
        person=former,
        seat=seat,
        place=2,
        starts_on=datetime.date(2020, 1, 1),
        ends_on=datetime.date(2022, 12, 31),
    )
    member = lie.holders["managing-director-wlccg"]
    for width in (1280, 320):
        page = sign_in(browser, live_server, lie.clerk, width=width)
        page.goto(f"{live_server.url}/meetings/{lie.meeting.pk}/agenda/")
        page.select_option("#id_seat", f"managing-director-wlccg:{member.pk}")
        page.fill("#id_find", "okon")
        page.locator("#id_deputy option", has_text="Priya Okonkwo").wait_for(state="attached")
        page.locator("#record-apologies").scroll_into_view_if_needed()
        shoot(page, f"deputy-search-{width}")
    page.select_option("#id_deputy", str(former.pk))
    page.click("button:has-text('Record apologies')")
    page.locator("text=Recorded:").wait_for()
    assert Apology.objects.get(meeting=lie.meeting).deputy == former
