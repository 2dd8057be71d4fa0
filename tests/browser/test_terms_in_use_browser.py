"""What the terms call for, in a real browser as a clerk meets it: the agenda agreed before it
is published, an obligation due on the dashboard marked done (a date in the future refused,
what was typed kept). Screenshots at desktop width and at 320 px go to ``data/screenshots/``."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from governance.models import ObligationDone
from governance.rules.words import LONDON
from meetings.models import Publication
from meetings.services.agenda import agenda_item_add, agenda_start
from tests.meetings.workspace import seed_body

from .test_accessibility import check
from .test_console_browser import shoot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
TODAY = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=LONDON)
MEETING = datetime.datetime(2027, 4, 20, 14, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def spring():
    with time_machine.travel(TODAY, tick=True):
        yield


def test_a_clerk_records_the_co_chairs_agreement_publishes_and_marks_a_report_done(
    browser, live_server
):
    sel = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Winter plan")
    for width in (1280, 320):
        page = sign_in(browser, live_server, sel.clerk, width=width)
        page.goto(f"{live_server.url}/meetings/{sel.meeting.pk}/agenda/publish/")
        assert page.locator("text=Publish now").count() == 0
        shoot(page, f"publish-needs-agreement-{width}")
    page.click("text=Record the agreement")
    page.fill("#id_agreed_by", "Both co-chairs, by e-mail")
    page.fill("#id_agreed_time", "25:00")
    page.click("button:has-text('Record the agreement')")
    assert page.input_value("#id_agreed_by") == "Both co-chairs, by e-mail"
    page.fill("#id_agreed_time", "09:15")
    page.click("button:has-text('Record the agreement')")
    page.locator("text=Recorded the agreement to the agenda.").wait_for()
    page.goto(f"{live_server.url}/meetings/{sel.meeting.pk}/agenda/publish/")
    page.click("button:has-text('Publish now')")
    page.locator("text=Published. Notice recorded").wait_for()
    assert Publication.objects.filter(meeting=sel.meeting).count() == 1

    for width in (1280, 320):
        page = sign_in(browser, live_server, sel.clerk, width=width)
        page.goto(f"{live_server.url}/dashboard/")
        page.locator("text=What the terms call for").wait_for()
        shoot(page, f"dashboard-obligations-{width}")
    item = page.locator("li", has_text="The self-assessment of the Partnership's effectiveness")
    item.locator("a:has-text('Mark done')").click()
    page.get_by_label("Done on").fill("2027-03-05")
    page.get_by_label("Note (optional)").fill("Board development session")
    page.click("button:has-text('Mark done')")
    page.locator("text=It cannot be done in the future.").first.wait_for()
    assert page.get_by_label("Note (optional)").input_value() == "Board development session"
    shoot(page, "dashboard-obligation-refused-320")
    page.get_by_label("Done on").fill("2026-07-20")
    page.click("button:has-text('Mark done')")
    page.locator("text=Recorded as done.").wait_for()
    assert ObligationDone.objects.get().note == "Board development session"
    assert page.locator("li", has_text="self-assessment of the Partnership").count() == 0
    mark = f"{live_server.url}/bodies/{sel.body.slug}/obligations/done/?key=work-programme"
    assert check(page, mark, 320) == []
