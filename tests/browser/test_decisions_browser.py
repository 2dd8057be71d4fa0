"""Decision records, the notice of decisions and the register in a real browser: the clerk
is told which record is incomplete, completes it in the minutes editor, publishes the notice;
the public read the notice and the register (no Part B) at 1280 and 320 px, with no
JavaScript needed and axe-core's WCAG checks passing. Screenshots go to ``data/screenshots/``."""

from __future__ import annotations

import pytest

from meetings.models import Decision, DecisionNotice
from tests.meetings import test_minutes
from tests.meetings.test_minutes import SECRET, draft

from .test_accessibility import check
from .test_console_browser import shoot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)
clock, held = test_minutes.clock, test_minutes.held  # the minutes tests' fixtures


def test_a_clerk_completes_a_decision_record_and_publishes_the_notice(
    browser, live_server, request
):
    setting = request.getfixturevalue("held")
    decision = Decision.objects.get(text__startswith="Invest")
    Decision.objects.filter(pk=decision.pk).update(reasons="")
    draft(setting)
    editor = f"{live_server.url}/meetings/{setting.meeting.pk}/minutes/edit/"
    page = sign_in(browser, live_server, setting.clerk, width=1280)
    page.goto(editor)
    gaps = page.get_by_role("region", name="Before the draft goes to the chair")
    assert f"Decision {decision.reference}: give the reasons" in gaps.inner_text()
    page.get_by_label("Reasons for the decision").first.fill("Faster diagnosis near home.")
    page.click(f"button:has-text('Save the record of {decision.reference}')")
    page.locator(f"text=Saved the record of decision {decision.reference}").wait_for()
    assert page.get_by_role("region", name="Before the draft goes to the chair").count() == 0
    decision.refresh_from_db()
    assert decision.reasons == "Faster diagnosis near home."
    assert check(page, editor, 1280) == []
    page.locator(f"#decision-{decision.pk}").scroll_into_view_if_needed()
    shoot(page, "decision-record-1280")
    page.goto(editor)
    page.click("button:has-text('Publish the notice of decisions')")
    page.locator("text=The notice of decisions is published.").wait_for()
    assert DecisionNotice.objects.filter(meeting=setting.meeting).exists()

    notice = f"{live_server.url}/meetings/{setting.meeting.pk}/decisions/notice/"
    register = f"{live_server.url}/bodies/{setting.body.slug}/decisions/"
    for width in (1280, 320):
        public = browser.new_page(viewport={"width": width, "height": 900})
        for url, name in ((notice, "decision-notice"), (register, "decision-register")):
            assert check(public, url, width) == []
            body = public.locator("main").inner_text()
            assert "Faster diagnosis near home." in body and SECRET not in body
            assert public.evaluate("document.documentElement.scrollWidth") <= width
            shoot(public, f"{name}-{width}")
