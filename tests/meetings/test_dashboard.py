"""The secretariat dashboard: deadlines, working days left, agenda state, apologies and the
expected quorum, in a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from config import clock
from governance.models import ObligationDone
from governance.rules.words import LONDON
from meetings.models import Meeting
from meetings.services.agenda import agenda_item_add, agenda_start
from meetings.services.apologies import apology_record
from meetings.services.papers import paper_add
from meetings.services.schedule import meeting_deadlines
from members.snapshots import snapshot
from tests.factories import UserFactory
from tests.pages import page_queries

from .test_console_pages import text
from .workspace import days_ahead, seed_body, signed_in, upload

pytestmark = pytest.mark.django_db


def test_a_meeting_shows_its_deadline_state_and_quorum_forecast():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(60))
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Strategy")
    html = signed_in(sel.clerk).get("/dashboard/").content.decode()
    assert "Due in" in html and "working days" in html
    assert "Agenda in draft; 1 paper outstanding" in html
    assert "Quorate</span>" in html


def test_the_forecast_turns_red_with_the_reason_when_apologies_break_the_quorum():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(60))
    state = snapshot(sel.body, clock.today())
    for key in ("icb-chair", "icb-chief-executive"):
        apology_record(
            meeting=sel.meeting,
            snapshot=state,
            seat_key=key,
            person=sel.holders[key],
            deputy=None,
            chair_agreed_by="",
            user=sel.clerk,
            now=clock.now(),
        )
    html = signed_in(sel.clerk).get("/dashboard/").content.decode()
    assert "Expected not quorate" in html
    assert "it needs the ICB Chair or Chief Executive." in html


def test_an_overdue_unpublished_agenda_is_flagged():
    lie = seed_body("leicestershire-integration-executive", starts_at=days_ahead(2))
    agenda_start(meeting=lie.meeting, rules=lie.rules)
    html = signed_in(lie.clerk).get("/dashboard/").content.decode()
    assert "Not published, deadline passed" in html and "Deadline passed" in html


def test_a_member_sees_their_meetings_without_the_secretariat_columns():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(30))
    member = sel.holders["vcse"]
    member.user = UserFactory()
    member.save()
    html = signed_in(member.user).get("/dashboard/").content.decode()
    assert "Your meetings, soonest first" in html and "Publish by" not in html


count = page_queries


def grow(setting, n, first_day=40):
    """n more meetings with agendas, items and papers."""
    for i in range(n):
        meeting = Meeting.objects.create(
            body=setting.body,
            starts_at=days_ahead(first_day + i),
            ends_at=days_ahead(first_day + i) + datetime.timedelta(hours=2),
            location="Room",
        )
        agenda_start(meeting=meeting, rules=setting.rules)
        item = agenda_item_add(meeting=meeting, rules=setting.rules, title=f"Item {i}")
        paper_add(
            item=item,
            upload=upload("p.pdf"),
            title="P",
            author="A",
            user=setting.clerk,
            now=clock.now(),
        )


def test_dashboard_queries_do_not_grow_with_meetings_or_bodies():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(30))
    client = signed_in(sel.clerk)
    grow(sel, 1)
    small = count(client, "/dashboard/")
    grow(sel, 8, first_day=50)
    lie = seed_body("leicestershire-integration-executive", starts_at=days_ahead(35))
    sel.clerk.secretariat_bodies.add(lie.body)
    grow(lie, 2)
    assert count(client, "/dashboard/") == small <= 25


def test_agenda_page_queries_do_not_grow_with_items_or_papers():
    lie = seed_body("leicestershire-integration-executive", starts_at=days_ahead(30))
    agenda_start(meeting=lie.meeting, rules=lie.rules)
    client = signed_in(lie.clerk)
    url = f"/meetings/{lie.meeting.pk}/agenda/"
    small = count(client, url)
    for i in range(12):
        item = agenda_item_add(meeting=lie.meeting, rules=lie.rules, title=f"Item {i}")
        paper_add(
            item=item,
            upload=upload("p.pdf"),
            title="P",
            author="A",
            user=lie.clerk,
            now=clock.now(),
        )
    # The workspace: 7 for the request and roles, 5 for the body's snapshot, 2 for items and
    # papers, publications, apologies, and 3 for the apology form's choices.
    assert count(client, url) == small <= 22


def _days_until_papers_overdue_but_not_published_late(lie) -> int:
    """The first meeting day, counted from today, whose papers are already overdue while its
    publish-by deadline has not passed: about 8 days, more across bank holidays."""
    now = clock.now()
    for days in range(3, 40):
        probe = Meeting(body=lie.body, starts_at=days_ahead(days))
        deadlines = meeting_deadlines(probe, lie.rules)
        if deadlines.papers_due < now < deadlines.publish_by.deadline:
            return days
    raise AssertionError("No such day in the next forty")


def test_papers_past_their_due_date_are_overdue():
    # LIE: papers due 3 working days before the publish-by deadline, 4 working days before.
    lie = seed_body("leicestershire-integration-executive", starts_at=days_ahead(60))
    lie.meeting.starts_at = days_ahead(_days_until_papers_overdue_but_not_published_late(lie))
    lie.meeting.ends_at = lie.meeting.starts_at + datetime.timedelta(hours=2)
    lie.meeting.save()
    agenda_start(meeting=lie.meeting, rules=lie.rules)
    agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Strategy")
    client = signed_in(lie.clerk)
    assert "Agenda in draft; 1 paper overdue" in client.get("/dashboard/").content.decode()
    workspace = text(client.get(f"/meetings/{lie.meeting.pk}/agenda/"))
    assert "1 paper overdue" in workspace and "Paper overdue" in workspace
    assert "Paper outstanding" not in workspace
    deadlines = meeting_deadlines(lie.meeting, lie.rules)
    left = deadlines.working_days_left(lie.rules.calendar, clock.now())
    assert (f"Due in {left} working day" if left else "Due today") in workspace


def test_before_the_papers_are_due_the_paper_is_outstanding_not_overdue():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(60))
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Strategy")
    workspace = text(signed_in(sel.clerk).get(f"/meetings/{sel.meeting.pk}/agenda/"))
    assert "Paper outstanding" in workspace and "overdue" not in workspace


def test_on_the_publish_by_day_it_is_due_until_the_cut_off_and_passed_after():
    lie = seed_body("leicestershire-integration-executive", starts_at=days_ahead(60))
    agenda_start(meeting=lie.meeting, rules=lie.rules)
    deadline = meeting_deadlines(lie.meeting, lie.rules).publish_by.deadline
    for moment, said in (
        (deadline - datetime.timedelta(hours=1), "Due today"),
        (deadline + datetime.timedelta(minutes=30), "Deadline passed"),
    ):
        with time_machine.travel(moment, tick=False):
            row = text(signed_in(lie.clerk).get("/dashboard/"))
            assert said in row, moment
            assert ("Due today" in row) is (said == "Due today")


# What the terms call for -----------------------------------------------------------------

SPRING = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=LONDON)


def dashboard_text(client) -> str:
    return text(client.get("/dashboard/"))


@time_machine.travel(SPRING, tick=False)
def test_the_dashboard_lists_obligations_due_and_a_clerk_marks_one_done():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(30))
    client = signed_in(sel.clerk)
    page = dashboard_text(client)
    assert (
        "In the twelve months to Monday 1 March 2027 the body did not meet; its terms say at "
        "least four times a year (“11.1. The Partnership will meet a minimum of four times"
    ) in page
    assert (
        "Overdue The self-assessment of the Partnership's effectiveness: overdue since "
        "Wednesday 1 July 2026."
    ) in page
    assert "Overdue Review of the terms of reference: overdue since Wednesday 1 July 2026." in page
    url = f"/bodies/{sel.body.slug}/obligations/done/"
    occasion = {"key": "self-assessment", "due_on": "2026-07-01"}
    link = f"{url}?key=self-assessment&amp;due_on=2026-07-01"
    assert link in client.get("/dashboard/").content.decode()
    form = text(client.get(url, occasion))
    assert "Mark done South East London Integrated Care Partnership: the self-assessment" in form
    assert "due Wednesday 1 July 2026" in form

    # A date in the future is refused beside its occasion, with what was typed kept.
    refused = client.post(url, {**occasion, "done_on": "2027-03-02", "note": "Board seminar"})
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "It cannot be done in the future." in html
    assert 'value="2027-03-02"' in html and 'value="Board seminar"' in html
    assert not ObligationDone.objects.exists()
    assert client.post(url, {**occasion, "done_on": "nonsense"}).status_code == 400
    wrong_key = client.post(url, {"key": "tea-party", "due_on": "2026-07-01", "done_on": ""})
    assert "The terms in force have no such obligation." in text(wrong_key)

    done = client.post(url, {**occasion, "done_on": "2026-07-20", "note": "Board seminar"})
    assert done.status_code == 302
    record = ObligationDone.objects.get()
    assert (record.key, record.due_on, record.done_on, record.note) == (
        "self-assessment",
        datetime.date(2026, 7, 1),
        datetime.date(2026, 7, 20),
        "Board seminar",
    )
    page = dashboard_text(client)
    assert "self-assessment of the Partnership's effectiveness: overdue" not in page
    assert "The work programme: overdue since Wednesday 1 July 2026." in page


@time_machine.travel(SPRING, tick=False)
def test_a_monthly_body_that_has_not_met_for_a_year_is_flagged():
    lie = seed_body("leicestershire-integration-executive", starts_at=days_ahead(20))
    page = dashboard_text(signed_in(lie.clerk))
    assert (
        "No meeting between Sunday 1 March 2026 and Sunday 21 March 2027: the terms say the "
        "body meets every month (“Meetings will take place initially monthly.”)."
    ) in page


@time_machine.travel(SPRING, tick=False)
def test_another_bodys_clerk_cannot_mark_its_obligations_done():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(30))
    stranger = UserFactory()
    response = signed_in(stranger).post(
        f"/bodies/{sel.body.slug}/obligations/done/",
        {"key": "self-assessment", "due_on": "2026-07-01", "done_on": "2026-07-20"},
    )
    assert response.status_code == 404
    assert not ObligationDone.objects.exists()
