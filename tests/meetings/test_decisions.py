"""Decision records, the notice of decisions and the body's register, through their pages:
a record lacking its reasons, alternatives or dispensation keeps the minutes from the chair
and the notice unpublished; the notice starts the call-in period; exempt decisions never
reach the public notice, register or spreadsheet."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from governance.models import TermsOfReference
from meetings.models import Decision, DecisionNotice, Declaration, Minutes

from . import test_minutes
from .test_minutes import MEETING, SECRET, chair_of, draft, text
from .workspace import signed_in

pytestmark = pytest.mark.django_db
clock, held = test_minutes.clock, test_minutes.held  # the minutes tests' fixtures
PUBLIC_DECISION = "Invest in community diagnostics hubs."


def part_a(setting) -> Decision:
    return Decision.objects.get(item__meeting=setting.meeting, text=PUBLIC_DECISION)


def record_form(decision: Decision, **typed) -> dict:
    data = {f"d{decision.pk}-revision": decision.revision}
    data.update({f"d{decision.pk}-{name}": value for name, value in typed.items()})
    return data


def with_decisions_policy(setting, **policy) -> None:
    """Give the body's terms in force a decisions rule (as an amended body file would)."""
    terms = TermsOfReference.objects.get(body=setting.body, status="approved")
    terms.rules = {**terms.rules, "decisions": policy}
    terms.save()


def test_an_incomplete_record_keeps_the_minutes_from_the_chair_until_completed(held):
    decision = part_a(held)
    Decision.objects.filter(pk=decision.pk).update(reasons="", alternatives="")
    member = held.holders["healthwatch"]
    Declaration.objects.create(
        item=decision.item,
        person=member,
        description="Employer bids for the hubs",
        determination=Declaration.Determination.TAKE_PART,
        determined_by="The co-chair",
        recorded_at=MEETING,
        recorded_by=held.clerk,
    )
    minutes = draft(held)
    chair_of(held, minutes)
    clerk = signed_in(held.clerk)
    editor = f"/meetings/{held.meeting.pk}/minutes/edit/"
    page = text(clerk.get(editor))
    ref = decision.reference
    assert f"Decision {ref}: give the reasons for the decision." in page
    assert f"Decision {ref}: a member who declared an interest took part" in page

    refused = clerk.post(
        f"/meetings/{held.meeting.pk}/minutes/send/", {"chair": minutes.chair_id, "confirm": "on"}
    )
    assert refused.status_code == 400
    assert "Complete the decision records before the minutes go to the chair." in text(refused)
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.DRAFT

    decision.refresh_from_db()
    saved = clerk.post(
        f"/decisions/{decision.pk}/record/",
        record_form(
            decision,
            reasons="  Faster diagnosis closer to home.  ",
            alternatives="A single central hub: rejected as further for most residents.",
            dispensation="None needed: the interest is not pecuniary (co-chair's ruling).",
        ),
    )
    assert saved.status_code == 302 and saved["Location"].endswith(f"#decision-{decision.pk}")
    decision.refresh_from_db()
    assert decision.reasons == "Faster diagnosis closer to home."
    assert decision.history.first().history_user == held.clerk
    assert "Complete the decision records" not in text(clerk.get(editor))
    sent = clerk.post(
        f"/meetings/{held.meeting.pk}/minutes/send/", {"chair": minutes.chair_id, "confirm": "on"}
    )
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.WITH_CHAIR, text(sent)
    minutes_page = text(clerk.get(f"/meetings/{held.meeting.pk}/minutes/"))
    assert "Reasons: Faster diagnosis closer to home." in minutes_page


def test_two_clerks_never_overwrite_a_decision_record(held):
    decision = part_a(held)
    draft(held)
    clerk = signed_in(held.clerk)
    first = record_form(decision, reasons="First", alternatives="None")
    assert clerk.post(f"/decisions/{decision.pk}/record/", first).status_code == 302
    late = record_form(decision, reasons="Second, typed on an old screen", alternatives="None")
    refused = clerk.post(f"/decisions/{decision.pk}/record/", late)
    assert refused.status_code == 400
    page = text(refused)
    assert "Someone else changed this decision's record first" in page
    assert "Second, typed on an old screen" in page  # the clerk's input is kept
    decision.refresh_from_db()
    assert decision.reasons == "First"


def test_the_notice_starts_the_call_in_and_withholds_exempt_decisions(held, clock, world):
    with_decisions_policy(held, notice_working_days=2, call_in_working_days=5)
    draft(held)
    clerk = signed_in(held.clerk)
    editor = text(clerk.get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    # The meeting was on Thursday 14 January 2027.
    assert "Notice of the decisions published by Monday 18 January 2027" in editor

    clock.move_to(datetime.datetime(2027, 1, 15, 9, 0, tzinfo=MEETING.tzinfo))
    clerk = signed_in(held.clerk)  # a new day's sign-in: the last was idle overnight
    published = clerk.post(f"/meetings/{held.meeting.pk}/decisions/notice/publish/", follow=True)
    assert "The notice of decisions is published." in text(published)
    notice = DecisionNotice.objects.get(meeting=held.meeting)
    # Published Friday 15 January: five working days on is Friday 22 January.
    assert notice.call_in_ends == datetime.date(2027, 1, 22)
    again = clerk.post(f"/meetings/{held.meeting.pk}/decisions/notice/publish/", follow=True)
    assert "already published" in text(again)
    editor = text(clerk.get(f"/meetings/{held.meeting.pk}/minutes/edit/"))
    assert "Done on Friday 15 January 2027" in editor

    url = f"/meetings/{held.meeting.pk}/decisions/notice/"
    public = text(Client().get(url))
    assert PUBLIC_DECISION in public and "Best value for residents." in public
    assert "called in until the end of Friday 22 January 2027" in public
    assert SECRET not in public and "Estates contract" not in public
    assert "withheld under paragraph 3 of Schedule 12A" in public
    assert "Notice of the decisions taken" in text(Client().get(f"/meetings/{held.meeting.pk}/"))
    members = text(clerk.get(url))
    assert SECRET in members and "Confidential (Part B)" in members
    # A later correction of the record does not rewrite the published notice.
    Decision.objects.filter(pk=part_a(held).pk).update(text="Rewritten afterwards")
    assert PUBLIC_DECISION in text(Client().get(url))


def test_the_notice_waits_for_complete_records(held):
    Decision.objects.filter(pk=part_a(held).pk).update(alternatives="")
    response = signed_in(held.clerk).post(
        f"/meetings/{held.meeting.pk}/decisions/notice/publish/", follow=True
    )
    page = text(response)
    assert "Complete the decision records before the notice is published." in page
    assert "say which alternatives were considered and rejected" in page
    assert not DecisionNotice.objects.exists()


def test_the_notice_of_a_private_meeting_is_for_members_only(held):
    held.meeting.held_in_public = False
    held.meeting.save(update_fields=["held_in_public"])
    signed_in(held.clerk).post(f"/meetings/{held.meeting.pk}/decisions/notice/publish/")
    assert DecisionNotice.objects.filter(meeting=held.meeting).exists()
    url = f"/meetings/{held.meeting.pk}/decisions/notice/"
    assert Client().get(url).status_code == 404
    member = signed_in(held.holders["healthwatch"].user or _user_for(held, "healthwatch"))
    assert SECRET in text(member.get(url))


def _user_for(setting, seat: str):
    from tests.factories import UserFactory

    person = setting.holders[seat]
    person.user = UserFactory(username=f"member-{seat}")
    person.save(update_fields=["user"])
    return person.user


def register_csv(client, body) -> list[list[str]]:
    response = client.get(f"/bodies/{body.slug}/decisions.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_register_shows_the_public_only_part_a_in_html_and_csv(held):
    body = held.body
    public_page = text(Client().get(f"/bodies/{body.slug}/decisions/"))
    assert PUBLIC_DECISION in public_page and SECRET not in public_page
    rows = register_csv(Client(), body)
    assert rows[0][:3] == [
        "Reference",
        "Date (of the meeting, or of a written resolution)",
        "Item or resolution",
    ]
    assert [row[4] for row in rows[1:]] == [PUBLIC_DECISION]
    assert rows[1][1] == "2027-01-14"
    clerk_rows = register_csv(signed_in(held.clerk), body)
    assert any(SECRET in row[4] for row in clerk_rows[1:])
    assert SECRET in text(signed_in(held.clerk).get(f"/bodies/{body.slug}/decisions/"))


def test_the_meetings_page_lists_its_decisions_to_each_as_the_register_does(held):
    url = f"/meetings/{held.meeting.pk}/"
    public = text(Client().get(url))
    assert "Decisions taken" in public and PUBLIC_DECISION in public and SECRET not in public
    assert "SEL ICP's register of decisions" in public
    member = signed_in(held.holders["healthwatch"].user or _user_for(held, "healthwatch"))
    for reader in (signed_in(held.clerk), member):
        page = text(reader.get(url))
        assert PUBLIC_DECISION in page and SECRET in page
    held.meeting.closed_at = None  # reopened: the public wait for the record to be closed
    held.meeting.save(update_fields=["closed_at"])
    assert "Decisions taken" not in text(Client().get(url))


def test_a_formula_in_a_decision_reaches_the_spreadsheet_as_text(held):
    Decision.objects.filter(pk=part_a(held).pk).update(text='=HYPERLINK("http://evil")')
    rows = register_csv(Client(), held.body)
    assert rows[1][4] == '\'=HYPERLINK("http://evil")'


def _more_decisions(setting, count: int) -> None:
    template = part_a(setting)
    last = Decision.objects.filter(body=setting.body).order_by("-number").first().number
    Decision.objects.bulk_create(
        Decision(
            body=setting.body,
            year=template.year,
            number=last + n,
            item=template.item,
            text=f"Further decision {n}",
            outcome=template.outcome,
            quorum_note=template.quorum_note,
            recorded_at=template.recorded_at,
            recorded_by=template.recorded_by,
        )
        for n in range(1, count + 1)
    )


@pytest.mark.parametrize("reader", ["public", "clerk"])
def test_the_register_costs_the_same_queries_at_two_sizes(held, reader):
    client = Client() if reader == "public" else signed_in(held.clerk)
    url = f"/bodies/{held.body.slug}/decisions/"
    counts = []
    for extra in (5, 120):
        _more_decisions(held, extra)
        client.get(url)  # warm the body's snapshot
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_register_pages_through_every_decision_without_counting_them(held):
    """A page reads its fifty rows and one more, never a count of the whole register (which on
    PostgreSQL took longer than the page itself at ten years of history)."""
    _more_decisions(held, 120)  # with the public decision: 121, three pages
    url = f"/bodies/{held.body.slug}/decisions/"
    with CaptureQueriesContext(connection) as queries:
        first = text(Client().get(url))
    assert not any("COUNT(" in query["sql"].upper() for query in queries)
    assert "Page 1." in first and "Next page" in first and "Previous page" not in first
    assert "Further decision 120" in first and "Further decision 70" not in first
    seen = []
    for number in (1, 2, 3):
        page = Client().get(url, {"page": number, "words": "decision"})
        seen += [int(d) for d in re.findall(r"Further decision (\d+)\b", text(page))]
    assert sorted(seen) == list(range(1, 121))  # each once, across the pages, filters kept
    last = text(Client().get(url, {"page": 3}))
    assert PUBLIC_DECISION in last and "Next page" not in last and "Previous page" in last
    assert "page=2" in Client().get(url, {"page": 3}).content.decode()
    beyond = text(Client().get(url, {"page": 9}))
    assert "There are no more decisions." in beyond and "Back to the first page" in beyond
    for typed in ("two", "-1", "0", "9" * 40):
        response = Client().get(url, {"page": typed})
        assert response.status_code == 200, typed
    assert "Further decision 120" in text(Client().get(url, {"page": "two"}))


def test_the_dashboard_shows_the_deadlines_after_the_meeting_and_what_is_overdue(held, clock):
    with_decisions_policy(held, notice_working_days=2)
    draft(held)
    clock.move_to(datetime.datetime(2027, 1, 22, 9, 0, tzinfo=MEETING.tzinfo))
    page = text(signed_in(held.clerk).get("/dashboard/"))
    assert "SEL ICP, Thursday 14 January 2027, 14:00 : minutes draft." in page
    assert "Overdue Draft minutes to the chair by Thursday 21 January 2027" in page
    assert "Due Approved minutes to members by Thursday 28 January 2027" in page
    assert "Overdue Notice of the decisions published by Monday 18 January 2027" in page


def test_the_register_narrows_by_dates_and_words_typed_as_people_type_them(held):
    url = f"/bodies/{held.body.slug}/decisions/"
    word = PUBLIC_DECISION.split()[-1].strip(".")
    assert PUBLIC_DECISION in text(Client().get(url, {"since": "14/01/2027", "words": word}))
    later = text(Client().get(url, {"since": "2027-01-15"}))
    assert PUBLIC_DECISION not in later and "No decisions match" in later
    assert PUBLIC_DECISION not in text(Client().get(url, {"words": "zebra"}))
    bad = Client().get(url, {"since": "2027-02-01", "until": "2027-01-01"})
    assert bad.status_code == 400
    assert "Choose a date on or after the first date." in text(bad)
    assert 'value="2027-02-01"' in bad.content.decode()  # kept as typed
    typo = Client().get(url, {"since": "next Tuesday"})
    assert typo.status_code == 400 and "Enter a valid date." in text(typo)
    rows = register_csv(Client(), held.body)
    filtered = Client().get(f"/bodies/{held.body.slug}/decisions.csv", {"words": "zebra"})
    assert len(list(csv.reader(io.StringIO(b"".join(filtered.streaming_content).decode())))) == 1
    assert len(rows) == 2
