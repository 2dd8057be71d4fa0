"""The terms-of-reference page: rules in plain English, history, and "try attendance"."""

from __future__ import annotations

import datetime

import pytest

from config import clock
from governance import bodyfile
from governance.rules.words import long_date
from governance.services import body_import
from tests.conftest import PERSONAS, client_for
from tests.factories import AppointmentFactory, UserFactory
from tests.governance.rules.seeds import SEL_ELEVEN
from tests.meetings.test_console_pages import text
from tests.pages import page_queries

pytestmark = pytest.mark.django_db

# (anonymous, clerk, member, deputy, other_member, all_bodies_clerk)
PRIVATE = (404, 200, 200, 200, 404, 200)
PANEL = (False, True, False, False, False, True)


@pytest.fixture
def sel(world):
    body_import(body_file=bodyfile.read(bodyfile.SHIPPED_DIR / "south-east-london-icp.yaml"))
    body = world.public_body.__class__.objects.get(slug="south-east-london-icp")
    world.users["clerk"].secretariat_bodies.add(body)
    for seat in body.seats.all():
        AppointmentFactory(seat=seat)
    return body


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_sees_the_rules_of_a_body_it_may_see(world, persona):
    url = f"/bodies/{world.body.slug}/terms/"
    assert client_for(world, persona).get(url).status_code == PRIVATE[PERSONAS.index(persona)]


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_bodys_secretariat_gets_the_try_attendance_panel(world, sel, persona):
    page = client_for(world, persona).get(f"/bodies/{sel.slug}/terms/").content.decode()
    assert ("Try an attendance" in page) is PANEL[PERSONAS.index(persona)]
    assert "The quorum of the Partnership is at least 50% of members" in page


def test_the_rules_are_stated_in_plain_english_with_their_clauses(world, sel):
    page = client_for(world, "anonymous").get(f"/bodies/{sel.slug}/terms/").content.decode()
    assert "Quorum" in page
    assert "including the ICB Chair or Chief Executive" in page
    assert "on equal votes the person presiding has a casting vote" in page
    assert "January 2022" in page and "In force" in page


def test_sel_conflicts_refer_to_the_icbs_policy_and_give_no_one_the_decision(world, sel):
    page = text(client_for(world, "anonymous").get(f"/bodies/{sel.slug}/terms/"))
    assert (
        "A member with a conflict of interest declares it and follows the ICB's Conflict of "
        "Interest Policy. The terms give no one the decision on whether they take part"
    ) in page
    assert "The agenda is agreed by the co-chairs before it is published" in page
    assert "take turns to chair, meeting by meeting" in page
    assert "The work programme, by the co-chairs: annually." in page


def test_the_terms_page_states_posts_in_attendance_and_deputies_for_the_number_only(world):
    body_import(
        body_file=bodyfile.read(bodyfile.SHIPPED_DIR / "examples" / "trust-audit-committee.yaml")
    )
    page = text(
        client_for(world, "all_bodies_clerk").get("/bodies/northfield-audit-committee/terms/")
    )
    assert "In attendance, but not members: the Director of Finance, the Company Secretary" in page
    assert "A deputy counts only towards the number present" in page
    assert "a non-executive director's deputy is not a non-executive director" in page


def test_the_terms_page_states_a_voting_rule_for_some_business_with_its_clause(world):
    body_import(
        body_file=bodyfile.read(
            bodyfile.SHIPPED_DIR / "examples" / "health-and-wellbeing-board.yaml"
        )
    )
    page = text(client_for(world, "anonymous").get("/bodies/westshire-hwb/terms/"))
    assert (
        "Voting Decisions are reached by consensus where possible; when a vote is needed, a "
        "motion is carried by a simple majority of the votes cast and on equal votes the "
        "person presiding has a casting vote."
    ) in page
    assert (
        "Voting on variations of the Better Care Fund pooled budget Decisions are reached by "
        "consensus where possible; when a vote is needed, a motion is carried only if every "
        "voting member present votes for it."
    ) in page
    assert "requires the agreement of every voting member present" in page
    assert (
        "If the meeting is not quorate If the meeting is not quorate 15 minutes after its "
        "start, the meeting stands adjourned to a time and date the Chair fixes. If the quorum "
        "is lost during the meeting, the Chair adjourns the meeting."
    ) in page
    assert (
        "Voting on the Better Care Fund plan Decisions are reached by consensus where possible; "
        "when a vote is needed, a motion is carried by a simple majority of the votes cast, on "
        "equal votes the person presiding has a casting vote and it must also have more votes "
        "for than against among the voters of each of the County Council and the clinical "
        "commissioning groups."
    ) in page
    assert (
        "Attending remotely A member attending remotely (by video or telephone) may take part, "
        "but does not count towards the quorum and may not vote: only members in the room do. "
        "“Members may join a meeting by video link"
    ) in page


def test_rules_filled_in_where_the_terms_are_silent_are_marked(world):
    body_import(
        body_file=bodyfile.read(
            bodyfile.SHIPPED_DIR / "leicestershire-joint-commissioning-group.yaml"
        )
    )
    page = text(
        client_for(world, "all_bodies_clerk").get(
            "/bodies/leicestershire-joint-commissioning-group/terms/"
        )
    )
    assert page.count("Not stated in the terms: assumed") >= 3
    assert "Notice Not stated in the terms: assumed" in page


def test_the_body_page_marks_posts_in_attendance_and_an_assumed_private_meeting(world):
    for name in ("examples/trust-audit-committee", "leicestershire-integration-executive"):
        body_import(body_file=bodyfile.read(bodyfile.SHIPPED_DIR / f"{name}.yaml"))
    clerk = client_for(world, "all_bodies_clerk")
    audit = text(clerk.get("/bodies/northfield-audit-committee/"))
    assert "Director of Finance In attendance (not a member)" in audit
    lie = text(clerk.get("/bodies/leicestershire-integration-executive/"))
    assert "Meets in public No Not stated in the terms: assumed" in lie
    assert "review due Sunday 1 May 2016 Review overdue" in lie


def test_a_review_of_the_terms_still_to_come_is_not_marked_overdue(world, sel):
    terms = sel.terms_in_force(clock.today())
    terms.review_due = clock.today() + datetime.timedelta(days=1)
    terms.save()
    page = text(client_for(world, "anonymous").get(f"/bodies/{sel.slug}/"))
    assert f"review due {long_date(terms.review_due)}" in page
    assert "Review overdue" not in page
    terms.review_due = clock.today() - datetime.timedelta(days=1)
    terms.save()
    page = text(client_for(world, "anonymous").get(f"/bodies/{sel.slug}/"))
    assert f"review due {long_date(terms.review_due)} Review overdue" in page


def present(body, *keys):
    return {f"seat-{key}": "1" for key in keys}


def test_without_javascript_the_form_returns_the_whole_page_with_the_verdict(world, sel):
    query = {"business": "all", **present(sel, *SEL_ELEVEN)}
    page = client_for(world, "clerk").get(f"/bodies/{sel.slug}/terms/", query)
    html = page.content.decode()
    assert "<html" in html
    assert "Quorate</span> for all business" in html
    assert 'value="1" selected' in html  # the choices made are kept


def test_the_panel_tries_a_member_attending_remotely_where_the_terms_say_how_they_count(world, sel):
    body_import(
        body_file=bodyfile.read(
            bodyfile.SHIPPED_DIR / "examples" / "health-and-wellbeing-board.yaml"
        )
    )
    hwb = sel.__class__.objects.get(slug="westshire-hwb")
    world.users["clerk"].secretariat_bodies.add(hwb)
    for seat in hwb.seats.all():
        AppointmentFactory(seat=seat)
    clerk = client_for(world, "clerk")
    assert 'value="remote"' not in clerk.get(f"/bodies/{sel.slug}/terms/").content.decode()
    four = present(hwb, "leader", "north-councillor", "north-ccg-chair", "south-ccg-chair")
    url = f"/bodies/{hwb.slug}/terms/"
    assert "Quorate</span>" in clerk.get(url, {"business": "routine", **four}).content.decode()
    remote = {**four, "seat-south-ccg-chair": "remote"}
    verdict = text(clerk.get(url, {"business": "routine", **remote}, HTTP_HX_REQUEST="true"))
    assert "Not quorate" in verdict
    assert "the terms do not let a member attending remotely count towards the quorum" in verdict


def test_htmx_gets_just_the_verdict(world, sel):
    query = {"business": "all", **present(sel, *SEL_ELEVEN[:-1])}
    response = client_for(world, "clerk").get(
        f"/bodies/{sel.slug}/terms/", query, HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert "<html" not in html
    assert "Not quorate</span>" in html
    assert "it needs one more member present (10 of 11)" in html


def test_a_deputy_needs_the_co_chairs_agreement_in_the_panel(world, sel):
    base = {"business": "all", **present(sel, *SEL_ELEVEN[:-1])}
    refused = (
        client_for(world, "clerk")
        .get(
            f"/bodies/{sel.slug}/terms/",
            {**base, "seat-chair-slam": "deputy"},
            HTTP_HX_REQUEST="true",
        )
        .content.decode()
    )
    agreed = (
        client_for(world, "clerk")
        .get(
            f"/bodies/{sel.slug}/terms/",
            {**base, "seat-chair-slam": "deputy_agreed"},
            HTTP_HX_REQUEST="true",
        )
        .content.decode()
    )
    assert "without the co-chairs&#x27; agreement" in refused
    assert "Quorate</span>" in agreed


def test_a_member_cannot_use_the_panel_by_crafting_the_query(world, sel):
    member = UserFactory()
    holder = sel.seats.first().appointments.get().person
    holder.user = member
    holder.save()
    client = client_for(world, "anonymous")
    client.force_login(member)
    html = client.get(
        f"/bodies/{sel.slug}/terms/", {"business": "all", "seat-vcse": "1"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "<html" in html and "Try an attendance" not in html


def test_the_terms_page_queries_do_not_grow_with_the_seats(world, sel):
    client = client_for(world, "all_bodies_clerk")
    url = f"/bodies/{sel.slug}/terms/"
    small = page_queries(client, url, {"business": "all", **present(sel, "vcse")})
    body_import(body_file=bodyfile.read(bodyfile.SHIPPED_DIR / "mid-and-south-essex-icp.yaml"))
    large = page_queries(
        client,
        "/bodies/mid-and-south-essex-icp/terms/",
        {"business": "all", "seat-chair-icb": "absent"},
    )
    assert small == large <= 15
