"""Meetings run from the console in a real browser (Playwright driving Debian's chromium), as a
clerk runs them, never reloading the page: arrivals, a deputy, departures that end the quorum,
a declaration and withdrawal, a vote by numbers settled by the casting vote, a decision worth
"£250,000" held to the delegated limit, an action, a correction on record and the closing.
A second screen sees each change within two seconds. Screenshots at desktop width and at
320 px are written to ``data/screenshots/`` for a person to look at."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import time_machine

from governance.rules.words import LONDON
from meetings.models import Decision, Vote
from meetings.services.agenda import agenda_item_add, agenda_start
from members.models import DeputyNomination
from tests.factories import PASSWORD, PersonFactory
from tests.meetings.workspace import seed_body

pytestmark = pytest.mark.django_db(transaction=True)
MEETING = datetime.datetime(2030, 3, 12, 14, 0, tzinfo=LONDON)
SHOTS = Path(__file__).resolve().parents[2] / "data" / "screenshots"
PRESENT = [
    "icb-chair",
    "icb-chief-executive",
    "elected-member-bexley",
    "elected-member-lambeth",
    "chair-gstt",
    "chair-kch",
    "vcse",
    "healthwatch",
    "primary-care",
    "kings-health-partners",
    "lead-director-public-health",
]


@pytest.fixture(autouse=True)
def at_the_meeting():
    with time_machine.travel(MEETING + datetime.timedelta(minutes=2), tick=True):
        yield


def sign_in(browser, live_server, user, width=1400):
    page = browser.new_page(viewport={"width": width, "height": 1000})
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return page


def verdict(page) -> str:
    return page.inner_text("#quorum-verdict")


SHOWN = {"arrived": "Present", "left": "Left", "apologies": "Apologies", "absent": "Absent"}


def row_of(page, person):
    return page.locator("#attendance-grid tbody tr").filter(
        has=page.locator("th", has_text=person.full_name)
    )


def click(page, person, mark):
    """One click in the attendance grid, then wait until the grid shows the change."""
    with page.expect_response(lambda response: "/console/mark/" in response.url):
        row_of(page, person).locator(f"button[value={mark}]").click()
    row_of(page, person).locator(".tag", has_text=SHOWN[mark]).wait_for()


# The pages run under a Content-Security-Policy without 'unsafe-eval', so the test waits on
# what the page shows (a marker the listener below sets), never on evaluated expressions.
SETTLED = """(path) => {
    delete document.body.dataset.settled;
    document.addEventListener("htmx:afterSettle", function done(event) {
        if ((event.detail.requestConfig || {}).path === path) {
            document.body.dataset.settled = path;
            document.removeEventListener("htmx:afterSettle", done);
        }
    });
}"""


def submit(page, form):
    """Submit a console form and wait until its own answer (not a poll's) is on screen."""
    path = page.get_attribute(form, "hx-post")
    page.evaluate(SETTLED, path)
    page.click(f"{form} button[type=submit]")
    page.locator(f'body[data-settled="{path}"]').wait_for(state="attached")


def shows(page, selector, text):
    page.locator(selector, has_text=text).wait_for(timeout=10_000)


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


def test_a_meeting_run_from_the_console(browser, live_server):
    sel = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Community contract award")
    deputy = PersonFactory(given_name="Dana", family_name="Deputy")
    DeputyNomination.objects.create(
        person=deputy,
        seat=sel.body.seats.get(key="chair-slam"),
        starts_on=datetime.date(2026, 1, 1),
    )
    url = f"{live_server.url}/meetings/{sel.meeting.pk}/console/"
    clerk = sign_in(browser, live_server, sel.clerk)
    clerk.goto(url)
    clerk.click("text=Open the console")
    watcher = sign_in(browser, live_server, sel.clerk)
    watcher.goto(url)

    # Arrivals: eleven of the twenty-one, with the ICB, two councillors and two provider chairs.
    for key in PRESENT[:-1]:
        click(clerk, sel.holders[key], "arrived")
    assert "Not quorate" in verdict(clerk) and "10 counted of 11 required" in verdict(clerk)
    click(clerk, sel.holders[PRESENT[-1]], "arrived")
    assert "Quorate" in verdict(clerk)
    # Every panel follows: eleven voters listed, without a reload.
    assert clerk.locator("#voters tbody tr").count() == 11
    # The second screen catches up by itself: it asks every two seconds (how soon it shows
    # depends on the machine, so the test waits as long as any other step).
    assert watcher.get_attribute("#console-live", "hx-trigger") == "every 2s"
    shows(watcher, "#quorum-verdict", "11 counted")

    # A deputy, with the co-chairs' agreement, counts.
    clerk.select_option(
        "#id_deputy-seat", label="Chair, South London and Maudsley NHS Foundation Trust"
    )
    clerk.select_option("#id_deputy-person", str(deputy.pk))
    clerk.check("#id_deputy-agreed_icb-chair")
    clerk.check("#id_deputy-agreed_elected-member-lewisham")
    submit(clerk, "#deputy-form")
    assert "12 counted" in verdict(clerk)
    assert clerk.locator("#voters tbody tr").count() == 12

    # A departure leaves one provider chair besides the deputy: still quorate; a second one
    # ends the quorum, and the panel says why.
    click(clerk, sel.holders["chair-kch"], "left")
    click(clerk, sel.holders["chair-gstt"], "left")
    assert "Not quorate" in verdict(clerk)
    assert "it needs one more chair of an NHS provider organisation" in clerk.inner_text(
        "#console-live"
    )
    click(clerk, sel.holders["chair-gstt"], "arrived")
    click(clerk, sel.holders["chair-kch"], "arrived")

    # Move to the contract item; a member declares an interest and withdraws: the
    # declarations, the quorum and the voters all change at once.
    with clerk.expect_response(lambda response: "/console/go-to/" in response.url):
        clerk.click("#console-live nav button:has-text('Community contract award')")
    clerk.locator("[aria-current=step]", has_text="Community contract award").wait_for()
    withdrawing = sel.holders["chair-kch"]
    clerk.select_option("#id_declaration-person", label=withdrawing.full_name)
    clerk.select_option("#id_declaration-determination", "withdraw")
    clerk.fill("#id_declaration-description", "Non-executive director of a bidder")
    submit(clerk, "#declaration-form")
    assert "withdraws from the item" in clerk.inner_text("#item-declarations")
    assert withdrawing.full_name not in clerk.inner_text("#voters")
    assert "11 counted" in verdict(clerk)
    shoot(clerk, "console-desktop")

    # While the clerk types the motion, another screen's change must not wipe it.
    clerk.fill("#id_vote-motion", "Award the community contract")
    click(watcher, sel.holders["elected-member-greenwich"], "arrived")
    shows(clerk, "#quorum-verdict", "12 counted")
    assert clerk.input_value("#id_vote-motion") == "Award the community contract"

    # A vote by numbers, typed as numbers, tied and settled by the casting vote.
    clerk.fill("#id_vote-count_for", "4")
    clerk.fill("#id_vote-count_against", "4")
    clerk.fill("#id_vote-count_abstain", "1")
    clerk.select_option("#id_vote-casting", "for")
    submit(clerk, "#vote-form")
    record = clerk.inner_text("#record-votes")
    assert "4 for, 4 against, 1 abstaining" in record
    assert "carried on the casting vote of the person presiding" in record
    vote = Vote.objects.get()
    assert (vote.votes_for, vote.against, vote.abstentions) == (4, 4, 1)

    # "four" is refused, with the message and the typing kept.
    clerk.fill("#id_vote-motion", "A second motion")
    clerk.fill("#id_vote-count_for", "four")
    submit(clerk, "#vote-form")
    assert "Give a whole number in figures" in clerk.inner_text("#vote-form")
    assert clerk.input_value("#id_vote-count_for") == "four"
    assert Vote.objects.count() == 1
    clerk.fill("#id_vote-count_for", "")

    # The decision from the vote, with a value typed as a clerk types it.
    clerk.fill("#id_decision-text", "Award the community contract to the preferred bidder")
    clerk.fill("#id_decision-value", "£250,000")
    clerk.select_option("#id_decision-vote", label="Award the community contract")
    submit(clerk, "#decision-form")
    assert "£250,000" in clerk.inner_text("#record-decisions")
    decision = Decision.objects.get()
    assert (decision.value, decision.outcome) == (250_000, Decision.Outcome.CARRIED_ON_A_VOTE)

    small = sign_in(browser, live_server, sel.clerk, width=320)
    small.goto(url)
    shoot(small, "console-320")
    assert small.evaluate("document.documentElement.scrollWidth") <= 330


def test_a_correction_and_the_closing_from_the_console(browser, live_server):
    lie = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    agenda_start(meeting=lie.meeting, rules=lie.rules)
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Better Care Fund")
    url = f"{live_server.url}/meetings/{lie.meeting.pk}/console/"
    clerk = sign_in(browser, live_server, lie.clerk)
    clerk.goto(url)
    clerk.click("text=Open the console")
    for key in (
        "clinical-chair-wlccg",
        "director-adults-communities",
        "director-uhl",
        "managing-director-elrccg",
        "director-public-health",
        "director-lpt",
    ):
        click(clerk, lie.holders[key], "arrived")
    assert "Quorate" in verdict(clerk)

    # A value above the LIE's £200,000 limit becomes a recommendation.
    clerk.fill("#id_decision-text", "Vary the Integration Programme budget")
    clerk.fill("#id_decision-value", "250,000")
    submit(clerk, "#decision-form")
    assert "above the £200,000 delegated limit" in clerk.inner_text("#record-decisions")

    # Correct the decision's value on record, with the reason; the record keeps both.
    clerk.click("#record-decisions a:has-text('Correct')")
    clerk.fill("#id_value", "£180k")
    clerk.fill("#id_reason", "The paper gives £180,000")
    clerk.click("text=Save the correction")
    clerk.locator("#record-decisions").wait_for()
    clerk.click("#record-decisions summary")
    record = clerk.inner_text("#record-decisions")
    assert "value from £250,000 to £180,000" in record
    assert "Reason: The paper gives £180,000" in record
    assert "Agreed by consensus" in record
    shoot(clerk, "correction-desktop")

    # Close the meeting; the grid's buttons go, and the console says how to change the record.
    with time_machine.travel(MEETING + datetime.timedelta(hours=2), tick=True):
        clerk.fill("#id_close-closed_time", "15:50")
        clerk.once("dialog", lambda dialog: dialog.accept())
        with clerk.expect_response(lambda response: "/console/close/" in response.url):
            clerk.click("#close-form button[type=submit]")
        clerk.locator("text=The meeting closed at").wait_for()
    assert clerk.locator("#attendance-grid button").count() == 0
