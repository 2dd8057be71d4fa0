"""Pages checked with axe-core in Debian's chromium against the WCAG 2.0, 2.1 and 2.2 A and AA
rules that can be tested automatically: the public's pages and the secretariat's. (Automated
checks find some problems, not all: headings, labels, contrast, landmarks, names.)"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from governance.rules.words import LONDON
from meetings.services import attendance as attending
from meetings.services.agenda import agenda_item_add, agenda_start
from meetings.services.papers import paper_add
from members.models import OutboxMessage
from tests.factories import PASSWORD
from tests.meetings.workspace import publish, seed_body, upload

AXE = (Path(__file__).parent / "vendor" / "axe-core-4.14.1" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
pytestmark = pytest.mark.django_db(transaction=True)
MEETING = datetime.datetime(2030, 3, 12, 14, 0, tzinfo=LONDON)


def violations(page, url: str = "") -> list:
    """axe-core's findings on ``url``, or on the page as it is now."""
    if url:
        page.goto(url)
    page.evaluate(AXE)  # through the debugger, not a page script: the CSP stays on
    return page.evaluate(
        """async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
            .violations.map(v => `${v.id} (${v.impact}): ${v.nodes[0].html.slice(0, 100)}`)""",
        TAGS,
    )


@pytest.fixture
def site():
    sel = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    item = agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Strategy")
    agenda_item_add(
        meeting=sel.meeting, rules=sel.rules, title="Contract", part="B", exempt_paragraph=3
    )
    paper_add(
        item=item,
        upload=upload("strategy.pdf"),
        title="Strategy",
        author="A",
        user=sel.clerk,
        now=MEETING - datetime.timedelta(days=30),
    )
    publish(sel, MEETING - datetime.timedelta(days=30))
    attending.sitting_open(meeting=sel.meeting, user=sel.clerk, now=MEETING)
    return sel


def check(page, url, width) -> list:
    """axe-core's findings on the page, and whether it fits the width without scrolling
    sideways (tables scroll within their own box)."""
    found = violations(page, url)
    wide = page.evaluate("document.documentElement.scrollWidth")
    if wide > width:
        culprits = page.evaluate(WIDEST, width)
        found.append(f"the page is {wide}px wide at {width}px: {culprits}")
    return found


WIDEST = """(width) => Array.from(document.querySelectorAll("body *"))
    .filter(el => el.scrollWidth > width + 1 && el.clientWidth <= width)
    .slice(0, 6).map(el => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}`)
"""


def test_the_publics_pages_pass_the_automated_wcag_checks(browser, live_server, site):
    for width in (1280, 320):
        page = browser.new_page(viewport={"width": width, "height": 900})
        for path in (
            "/",
            f"/bodies/{site.body.slug}/",
            f"/bodies/{site.body.slug}/terms/",
            f"/meetings/{site.meeting.pk}/",
            "/meetings/",
            "/meetings/?when=past",
            "/calendar/?month=2030-03",
            "/bodies/",
            "/search/?q=strategy",
            f"/bodies/{site.body.slug}/decisions/?since=2030-01-01",
            f"/bodies/{site.body.slug}/attendance/",
            f"/bodies/{site.body.slug}/interests/",
            f"/bodies/{site.body.slug}/forward-plan/",
            "/accessibility/",
            "/accounts/login/",
            "/accounts/password_reset/",
            "/no-such-page/",
        ):
            assert check(page, f"{live_server.url}{path}", width) == [], (path, width)


def test_the_secretariats_pages_pass_the_automated_wcag_checks(browser, live_server, site):
    meeting = site.meeting.pk
    OutboxMessage.objects.create(  # a long address, as a notice's link to its meeting reads
        to=site.clerk.email,
        subject="Agenda: SEL ICP, 12 March 2030",
        body=f"Read the agenda and papers: {live_server.url}/meetings/{meeting}/{'x' * 60}/",
    )
    row = site.meeting.attendance.first()
    paper = site.meeting.items.get(title="Strategy").papers.first()
    paths = (
        "/dashboard/",
        f"/bodies/{site.body.slug}/",
        "/people/",
        "/organisations/",
        "/meetings/",
        f"/meetings/{meeting}/agenda/",
        f"/meetings/{meeting}/agenda/items/new/",
        f"/meetings/{meeting}/agenda/preview/",
        f"/meetings/{meeting}/agenda/publish/",
        f"/meetings/{meeting}/agenda/agreement/",
        f"/bodies/{site.body.slug}/terms/",
        f"/bodies/{site.body.slug}/seats/{site.body.seats.first().key}/?find=a",
        f"/people/{site.holders['icb-chair'].pk}/edit/",
        f"/meetings/{meeting}/reschedule/",
        f"/meetings/{meeting}/cancel/",
        f"/bodies/{site.body.slug}/programme/",
        f"/bodies/{site.body.slug}/meetings/new/",
        f"/meetings/{meeting}/console/",
        f"/meetings/{meeting}/record/attendance/{row.pk}/correct/",
        f"/papers/{paper.pk}/details/",
        f"/history/meeting/{meeting}/",
        "/accounts/security/",
        "/accounts/password_change/",
        "/accounts/two-factor/setup/",
        "/accounts/lockouts/",
        "/outbox/",
        "/notices/",
        "/notices/log/",
        f"/bodies/{site.body.slug}/decisions/",
        f"/bodies/{site.body.slug}/documents/",
        f"/bodies/{site.body.slug}/attendance/",
        "/calendar/mine/",
    )
    for width in (1280, 320):
        page = clerk_page(browser, live_server, site, width)
        for path in paths:
            assert check(page, f"{live_server.url}{path}", width) == [], (path, width)


def test_a_refused_form_and_its_summary_of_problems_pass_the_automated_wcag_checks(
    browser, live_server, site
):
    """The summary's links to each field keep their contrast on its red background."""
    for width in (1280, 320):
        page = clerk_page(browser, live_server, site, width)
        page.goto(f"{live_server.url}/bodies/{site.body.slug}/meetings/new/")
        page.click("main button[type=submit]")
        page.wait_for_selector("[data-form-errors] a")
        assert violations(page) == [], width


def clerk_page(browser, live_server, site, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", site.clerk.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return page
