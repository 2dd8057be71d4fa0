"""The public site tried as a new visitor would, without JavaScript and on a phone: from the
home page to a body's next meeting and its papers, the calendar subscription, and a decision
found by a word in its paper; and a member sending apologies from the meeting's page."""

from __future__ import annotations

import datetime

import pytest
import weasyprint

from governance.rules.words import LONDON
from meetings.models import Decision, Meeting
from meetings.services.agenda import agenda_item_add, agenda_start
from meetings.services.papers import paper_add
from members.models import DeputyNomination
from tests.factories import PersonFactory, UserFactory
from tests.meetings.workspace import publish, seed_body, upload

from .test_accessibility import check
from .test_console_browser import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
MEETING = datetime.datetime(2030, 3, 12, 14, 0, tzinfo=LONDON)
SHOTS = "data/screenshots"


@pytest.fixture
def site():
    sel = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    item = agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Community diagnostics")
    words = weasyprint.HTML(string="<p>The hub in Sidcup opens in May.</p>").write_pdf()
    paper_add(
        item=item, upload=upload("hub.pdf", words), title="Diagnostics hub", author="A",
        user=sel.clerk, now=MEETING - datetime.timedelta(days=30),
    )  # fmt: skip
    publish(sel, MEETING - datetime.timedelta(days=30))
    sel.item = item
    return sel


def test_a_visitor_without_javascript_finds_the_meeting_papers_and_calendar(
    browser, live_server, site
):
    for width in (1280, 320):
        page = browser.new_page(viewport={"width": width, "height": 900}, java_script_enabled=False)
        page.goto(f"{live_server.url}/")
        page.click(f"text={site.body.name}")  # 1: the body
        page.click("text=Tuesday 12 March 2030, 14:00")  # 2: its next meeting
        page.wait_for_url(f"**/meetings/{site.meeting.pk}/")  # read the page once it is there
        assert "Community diagnostics" in page.content()
        assert "Diagnostics hub" in page.content() and "(PDF," in page.content()
        page.screenshot(path=f"{SHOTS}/public-meeting-{width}.png", full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.goto(f"{live_server.url}/bodies/{site.body.slug}/")
        feed = page.get_attribute("text=Subscribe to the SEL ICP's meetings", "href")
        assert feed == f"/bodies/{site.body.slug}/meetings.ics"


def test_a_visitor_finds_a_decision_by_a_word_in_its_paper(browser, live_server, site):
    Meeting.objects.filter(pk=site.meeting.pk).update(
        status="held", closed_at=MEETING + datetime.timedelta(hours=2)
    )
    Decision.objects.create(
        body=site.body, year=2030, number=4, item=site.item, text="Agreed the hub's business case.",
        outcome="consensus", quorum_note="Q", recorded_at=MEETING, recorded_by=site.clerk,
    )  # fmt: skip
    page = browser.new_page(viewport={"width": 320, "height": 900}, java_script_enabled=False)
    page.goto(f"{live_server.url}/")
    page.click("text=Search")
    page.fill("input[name=q]", "Sidcup")
    page.click("button:has-text('Search')")
    page.wait_for_url("**/search/?q=Sidcup")  # read the results once they have loaded
    assert "Agreed the hub's business case." in page.content()
    assert "<mark>Sidcup</mark>" in page.content()
    page.screenshot(path=f"{SHOTS}/public-search-320.png", full_page=True)
    scripted = browser.new_page(viewport={"width": 320, "height": 900})  # axe needs a script
    assert check(scripted, page.url, 320) == []


def test_a_member_sends_apologies_from_the_meeting_page(browser, live_server, site):
    member = site.holders["chair-slam"]
    member.user = UserFactory(username="slam")
    member.save()
    deputy = PersonFactory(given_name="Dee", family_name="Puty")
    DeputyNomination.objects.create(
        person=deputy,
        seat=site.body.seats.get(key="chair-slam"),
        starts_on=datetime.date(2026, 1, 1),
    )
    for key in ("icb-chair", "elected-member-lewisham"):
        chair = site.holders[key]
        chair.user = UserFactory(username=f"chair-{key}")
        chair.save()
    page = sign_in(browser, live_server, member.user, width=320)
    url = f"{live_server.url}/meetings/{site.meeting.pk}/"
    assert check(page, url, 320) == []
    page.select_option("select[name=deputy]", value=str(deputy.pk))
    page.click("button:has-text('Send my apologies')")
    page.wait_for_selector("text=The chair is asked to agree to your deputy")
    page.screenshot(path=f"{SHOTS}/member-apologies-320.png", full_page=True)
    assert check(page, page.url, 320) == []


def test_a_developer_finds_the_open_data_and_its_documentation(browser, live_server, site):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    page.click("text=Open data")
    page.wait_for_selector("text=/api/events/")  # Swagger UI has drawn the schema
    page.screenshot(path=f"{SHOTS}/open-data-docs.png")
    page.goto(f"{live_server.url}/api/agenda-items/?format=api")
    assert "Community diagnostics" in page.content()
    page.screenshot(path=f"{SHOTS}/open-data-browsable.png")


def test_a_member_declares_an_interest_and_the_public_read_the_register(browser, live_server, site):
    member = site.holders["chair-slam"]
    member.user = UserFactory(username="slam")
    member.save()
    page = sign_in(browser, live_server, member.user, width=320)
    for path in ("/dashboard/", "/calendar/mine/", "/notices/", "/meetings/"):
        assert check(page, f"{live_server.url}{path}", 320) == [], path
    page.goto(f"{live_server.url}/dashboard/")
    page.click("text=My declarations of interest")
    assert check(page, page.url, 320) == []
    page.select_option("select[name=category]", "indirect")
    page.fill("textarea[name=description]", "Spouse is a partner in a local GP practice")
    page.click("button:has-text('Declare this interest')")
    page.check("input[name=complete]")
    page.click("button:has-text('Confirm my declaration')")
    page.wait_for_selector("text=Your declaration of")
    page.screenshot(path=f"{SHOTS}/member-interests-320.png", full_page=True)
    for width in (1280, 320):
        public = browser.new_page(viewport={"width": width, "height": 900})
        public.goto(f"{live_server.url}/bodies/{site.body.slug}/")
        public.click("text=Register of interests")
        public.wait_for_selector("text=Spouse is a partner in a local GP practice")
        assert check(public, public.url, width) == []
        public.screenshot(path=f"{SHOTS}/interest-register-{width}.png", full_page=True)
