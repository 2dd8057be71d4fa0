"""The register of interests: a member declares, ends and confirms their interests on their
own page (a nil return when they have none); each body's register shows them, as a page and
a spreadsheet, to whoever may see the body; and a declaration due is reminded once, and once
more four weeks on, until it is made."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from governance.rules.words import LONDON
from members.interests import a_year_after, return_due
from members.models import InterestDeclaration, InterestReturn
from notices.sweeps import interest_return_reminders, sweep
from tests.factories import (
    AppointmentFactory,
    BodyFactory,
    DeputyNominationFactory,
    InterestDeclarationFactory,
    OrganisationFactory,
    SeatFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 6, 15)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(datetime.datetime(2027, 6, 15, 10, tzinfo=LONDON), tick=False):
        yield


@pytest.fixture
def body():
    body = BodyFactory(name="Open Partnership", short_name="OP", slug="open", meets_in_public=True)
    seat = SeatFactory(body=body, title="Chair of the ICB")
    member = UserFactory(username="member")
    AppointmentFactory(
        seat=seat, person__user=member, person__given_name="Ada", person__phone="0300 555 0101",
        starts_on=datetime.date(2027, 1, 4),
    )  # fmt: skip
    DeputyNominationFactory(seat=seat, person__given_name="Deputy")
    body.member = member
    return body


def mine(user, data=None):
    client = Client()
    client.force_login(user)
    if data is None:
        return client.get("/interests/mine/")
    return client.post("/interests/mine/", data)


def test_a_member_declares_an_interest_and_the_public_register_shows_it(body):
    council = OrganisationFactory(name="Lewisham Council")
    response = mine(body.member, {
        "action": "declare", "category": "non_financial_professional",
        "description": "Trustee of a carers' charity", "organisation": council.pk,
        "starts_on": "2026-09-01",
    })  # fmt: skip
    assert response.status_code == 302
    interest = InterestDeclaration.objects.get()
    assert interest.declared_on == TODAY and interest.starts_on == datetime.date(2026, 9, 1)

    page = Client().get("/bodies/open/interests/").content.decode()
    assert "Trustee of a carers&#x27; charity" in page and "Lewisham Council" in page
    assert "Non-financial professional" in page and "Deputy for Chair of the ICB" in page
    assert "0300 555 0101" not in page and "@example.org" not in page
    rows = list(
        csv.reader(io.StringIO(Client().get("/bodies/open/interests.csv").content.decode()))
    )
    assert rows[0][:4] == ["Name", "Places on the body", "Kind of interest", "Interest"]
    ada = next(row for row in rows if row[0].startswith("Ada"))
    assert ada[2:5] == ["Non-financial professional", "Trustee of a carers' charity",
                        "Lewisham Council"]  # fmt: skip


def test_bad_input_is_explained_and_kept(body):
    response = mine(body.member, {"action": "declare", "category": "financial",
                                  "description": "", "starts_on": "1st of never"})  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page and "Enter a valid date." in page
    assert 'value="1st of never"' in page
    assert not InterestDeclaration.objects.exists()
    assert mine(body.member, {"action": "launch"}).status_code == 400


def test_an_interest_ends_and_leaves_the_register(body):
    interest = InterestDeclarationFactory(person=body.member.person, description="Shares in X",
                                          starts_on=datetime.date(2026, 5, 1))  # fmt: skip
    early = mine(body.member, {"action": "end", "interest": interest.pk, "ends_on": "2026-01-01"})
    assert early.status_code == 400
    assert "Choose a date on or after 1 May 2026" in early.content.decode()
    done = mine(body.member, {"action": "end", "interest": interest.pk, "ends_on": "2027-06-01"})
    assert done.status_code == 302
    assert "Shares in X" not in Client().get("/bodies/open/interests/").content.decode()
    assert "Interests that have ended" in mine(body.member).content.decode()


def test_another_persons_interest_cannot_be_ended(body):
    theirs = InterestDeclarationFactory()
    response = mine(body.member, {"action": "end", "interest": theirs.pk, "ends_on": "2027-06-01"})
    assert response.status_code == 400
    assert InterestDeclaration.objects.get(pk=theirs.pk).ends_on is None


def test_the_yearly_declaration_is_a_nil_return_when_nothing_is_declared(body):
    unticked = mine(body.member, {"action": "return"})
    assert unticked.status_code == 400
    assert "Tick the box to confirm your declaration." in unticked.content.decode()
    assert mine(body.member, {"action": "return", "complete": "on"}).status_code == 302
    made = InterestReturn.objects.get()
    assert made.nil and made.made_on == TODAY
    page = Client().get("/bodies/open/interests/").content.decode()
    assert "Nil return on Tuesday 15 June 2027" in page
    assert "Your next is due by Thursday 15 June 2028" in mine(body.member).content.decode()


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 404), ("outsider", 404), ("member", 200), ("clerk", 200)],
)
def test_a_private_bodys_register_is_for_those_who_sit_on_or_serve_it(body, persona, status):
    body.meets_in_public = False
    body.save()
    client = Client()
    users = {"outsider": UserFactory(), "member": body.member,
             "clerk": UserFactory(serves_all_bodies=True)}  # fmt: skip
    if persona in users:
        client.force_login(users[persona])
    assert client.get("/bodies/open/interests/").status_code == status
    assert client.get("/bodies/open/interests.csv").status_code == status


def test_a_declaration_due_is_reminded_once_and_once_more_four_weeks_on(
    body, django_capture_on_commit_callbacks
):
    ada = body.member.person
    due = datetime.date(2027, 1, 4)  # appointed then, no declaration made
    keys = {m.key for m in interest_return_reminders(TODAY) if m.person == ada}
    assert keys == {f"interest_return_overdue:person-{ada.pk}:{due.isoformat()}"}
    on_the_day = {m.key for m in interest_return_reminders(due) if m.person == ada}
    assert on_the_day == {f"interest_return_due:person-{ada.pk}:{due.isoformat()}"}

    mail.outbox.clear()
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            sweep(TODAY)
    to_ada = [m for m in mail.outbox if m.to == [ada.email]]
    assert len(to_ada) == 1 and to_ada[0].subject == "Your declaration of interests is overdue"
    assert "/interests/mine/" in to_ada[0].body

    mine(body.member, {"action": "return", "complete": "on"})
    assert not [m for m in interest_return_reminders(TODAY) if m.person == ada]
    next_due = [m for m in interest_return_reminders(a_year_after(TODAY)) if m.person == ada]
    assert next_due[0].key == f"interest_return_due:person-{ada.pk}:2028-06-15"


def test_a_declaration_made_on_a_leap_day_falls_due_on_28_february():
    assert a_year_after(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
    assert return_due(None, datetime.date(2027, 1, 4)) == datetime.date(2027, 1, 4)


def test_the_register_reads_in_queries_that_do_not_grow(body):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert Client().get("/bodies/open/interests/").status_code == 200
        return len(captured)

    small = queries()
    for _ in range(5):
        seat = SeatFactory(body=body)
        person = AppointmentFactory(seat=seat).person
        InterestDeclarationFactory(person=person)
        InterestReturn.objects.create(person=person, made_on=TODAY, nil=False,
                                      recorded_at=datetime.datetime(2027, 6, 15, tzinfo=LONDON),
                                      recorded_by=body.member)  # fmt: skip
    assert queries() == small
