"""A meeting run from the console in a real browser (Playwright driving Debian's chromium):
arrivals, a deputy, a departure that ends the quorum, a conflict withdrawal, and a tied vote
settled by the casting vote; a second screen sees each change within two seconds."""

from __future__ import annotations

import datetime

import pytest

from governance.rules.words import LONDON
from meetings.services.agenda import agenda_item_add, agenda_start
from members.models import DeputyNomination
from tests.factories import PASSWORD, PersonFactory
from tests.meetings.workspace import seed_body

pytestmark = pytest.mark.django_db(transaction=True)
MEETING = datetime.datetime(2030, 3, 12, 14, 0, tzinfo=LONDON)
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


def sign_in(browser, live_server, user):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    return page


def verdict(page) -> str:
    return page.inner_text("#quorum-heading + p")


SHOWN = {"arrived": "Present", "left": "Left", "apologies": "Apologies", "absent": "Absent"}


def row_of(page, person):
    return page.locator("#console-live tbody tr").filter(
        has=page.locator("th", has_text=person.full_name)
    )


def click(page, person, mark):
    """One click in the attendance grid, then wait until the grid shows the change."""
    with page.expect_response(lambda response: "/console/mark/" in response.url):
        row_of(page, person).locator(f"button[value={mark}]").click()
    row_of(page, person).locator(".tag", has_text=SHOWN[mark]).wait_for()


def submit(page, selector, path):
    with page.expect_response(lambda response: path in response.url):
        page.click(selector)
    page.wait_for_load_state("networkidle")


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
    # The second screen catches up within two seconds.
    watcher.wait_for_function(
        "document.querySelector('#quorum-heading + p').innerText.includes('11 counted')",
        timeout=2500,
    )

    # A deputy, with the co-chairs' agreement, counts.
    clerk.select_option(
        "#id_deputy-seat", label="Chair, South London and Maudsley NHS Foundation Trust"
    )
    clerk.select_option("#id_deputy-person", str(deputy.pk))
    clerk.fill("#id_deputy-chair_agreed_by", "The co-chairs")
    submit(clerk, "text=Record the deputy", "/console/deputy/")
    clerk.wait_for_function(
        "document.querySelector('#quorum-heading + p').innerText.includes('12 counted')"
    )

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

    # Move to the contract item; a member declares an interest and withdraws.
    submit(clerk, "#console-live button:has-text('Community contract award')", "/go-to/")
    clerk.select_option("#id_declaration-person", label=sel.holders["chair-kch"].full_name)
    clerk.select_option("#id_declaration-determination", "withdraw")
    clerk.fill("#id_declaration-description", "Non-executive director of a bidder")
    submit(clerk, "#declaration-form button[type=submit]", "/console/")
    assert "withdraws from the item" in clerk.inner_text("#console-live")

    # A tied vote, settled by the casting vote of the person presiding.
    clerk.fill("#id_vote-motion", "Award the community contract")
    voters = clerk.locator("input[type=radio][value=for]").count()
    for index in range(voters):
        choice = "for" if index % 2 == 0 else "against"
        clerk.locator(f"input[type=radio][value={choice}]").nth(index).check()
    if voters % 2:
        clerk.locator("input[type=radio][value='']").nth(voters - 1).check()
    clerk.select_option("#id_vote-casting", "for")
    submit(clerk, "text=Record the vote", "/console/")
    record = clerk.inner_text("#console-live")
    assert "the motion is carried on the casting vote of the person presiding" in record
