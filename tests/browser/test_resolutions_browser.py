"""A written resolution in a real browser: the clerk issues it from the body's page, a member
finds it on their dashboard at 320 px and answers; the Chair answers a request to publish
late. Each page passes axe-core's WCAG checks at 1280 and 320 px without scrolling sideways.
Screenshots go to ``data/screenshots/``."""

from __future__ import annotations

import datetime

import pytest

from config import clock
from meetings.models import LatePublicationRequest, ResolutionAnswer, WrittenResolution
from tests.factories import UserFactory
from tests.meetings.workspace import days_ahead, seed_body

from .test_accessibility import check
from .test_console_browser import shoot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_clerk_issues_a_written_resolution_and_a_member_answers_it(browser, live_server):
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(40))
    member = sel.holders["elected-member-greenwich"]
    member.user = UserFactory(username="greenwich")
    member.save()
    clerk = sign_in(browser, live_server, sel.clerk, width=1280)
    clerk.goto(f"{live_server.url}/bodies/{sel.body.slug}/")
    clerk.click("text=Written resolutions")
    clerk.click("text=Issue a written resolution")
    assert check(clerk, clerk.url, 1280) == []
    clerk.get_by_label("Title").fill("Winter surge funding")
    clerk.get_by_label("The resolution").fill("To approve £250,000 for winter surge beds.")
    by = clock.today() + datetime.timedelta(days=10)
    clerk.get_by_label("Answers by (date)").fill(by.isoformat())
    clerk.click("button:has-text('Issue the resolution')")
    clerk.locator("text=those entitled to answer have been told").wait_for()
    resolution = WrittenResolution.objects.get()
    assert resolution.respond_by.hour == 17
    assert check(clerk, clerk.url, 1280) == []
    shoot(clerk, "resolution-clerk-1280")

    phone = sign_in(browser, live_server, member.user, width=320)
    phone.goto(f"{live_server.url}/dashboard/")
    phone.click("text=Written resolution: SEL ICP, Winter surge funding")
    assert check(phone, phone.url, 320) == []
    phone.get_by_label("For", exact=True).check()
    phone.get_by_label("Comment (optional)").fill("Needed before January.")
    phone.click("button:has-text('Send my answer')")
    phone.locator("text=Your answer is recorded: for.").wait_for()
    answer = ResolutionAnswer.objects.get()
    assert (answer.person, answer.answer, answer.comment) == (
        member,
        "for",
        "Needed before January.",
    )
    assert check(phone, phone.url, 320) == []
    shoot(phone, "resolution-member-320")


def test_the_chair_answers_a_request_to_publish_late(browser, live_server):
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(3))
    chair = sel.holders["icb-chair"]
    chair.user = UserFactory(username="icbchair")
    chair.save()
    late = LatePublicationRequest.objects.create(
        meeting=sel.meeting,
        reason="The finance paper waited for the audit letter.",
        requested_at=clock.now(),
        requested_by=sel.clerk,
    )
    late.asked.set([chair])
    for width in (1280, 320):
        page = sign_in(browser, live_server, chair.user, width=width)
        page.goto(f"{live_server.url}/late-publication/{late.pk}/")
        assert check(page, page.url, width) == []
        shoot(page, f"late-request-{width}")
    page.get_by_label("I authorise publication after the deadline").check()
    page.click("button:has-text('Send my answer')")
    page.locator("text=Your answer is recorded").wait_for()
    late.refresh_from_db()
    assert late.answer == "authorised" and late.answered_by == chair
    assert check(page, page.url, 320) == []
