"""The secretariat keeps a body's membership through its seats' pages: finds someone already in
Quorate or names someone new, appoints them to a vacant place, ends an appointment, nominates
and ends a deputy; every refusal keeps what was typed and says why, and no one else may."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from governance.models import Body
from governance.rules.words import LONDON
from members.models import Appointment, DeputyNomination, Person
from members.outbox import SECRET_HEADER
from members.snapshots import snapshot
from tests.factories import PersonFactory, UserFactory
from tests.meetings.test_console_pages import text
from tests.meetings.workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2027, 2, 1, 10, 0, tzinfo=LONDON)
LIE = "leicestershire-integration-executive"


@pytest.fixture
def lie():
    with time_machine.travel(TODAY, tick=False):
        setting = seed_body(LIE, starts_at=TODAY + datetime.timedelta(days=30))
        Appointment.objects.filter(seat__key="director-lpt").delete()  # the seat falls vacant
        yield setting


def seat_url(setting, key="director-lpt", tail=""):
    return f"/bodies/{setting.body.slug}/seats/{key}/{tail}"


def appoint(client, setting, **typed):
    data = {
        "appoint-find": "",
        "appoint-tenure": "substantive",
        "appoint-starts_on": "1 March 2027",
    }
    data |= {f"appoint-{k}": v for k, v in typed.items()}
    return client.post(seat_url(setting, tail="appoint/"), data)


def test_a_clerk_finds_someone_by_name_and_appoints_them_to_the_vacant_seat(lie):
    client = signed_in(lie.clerk)
    body_page = client.get(f"/bodies/{lie.body.slug}/").content.decode()
    assert f'href="{seat_url(lie)}"' in body_page  # "Appoint" beside the vacancy
    known = PersonFactory(given_name="Imogen", family_name="Fairweather")
    DeputyNomination.objects.create(  # connected with the body, so the clerk may look them up
        person=known,
        seat=lie.body.seats.get(key="healthwatch"),
        starts_on=datetime.date(2026, 1, 1),
    )
    found = client.get(seat_url(lie), {"find": "fairw"})
    assert f'<option value="{known.pk}">Imogen Fairweather' in found.content.decode()
    on = datetime.date(2027, 3, 1)  # the quorum's engines read the body as it is
    assert snapshot(Body.objects.get(pk=lie.body.pk), on).people.get("director-lpt", []) == []
    response = appoint(client, lie, find="fairw", person=str(known.pk))
    assert response.status_code == 302
    made = Appointment.objects.get(seat__key="director-lpt")
    assert (made.person, made.place, made.starts_on) == (known, 1, datetime.date(2027, 3, 1))
    assert made.history.first().history_user == lie.clerk
    fresh = snapshot(Body.objects.get(pk=lie.body.pk), on)
    assert [p.pk for p in fresh.people["director-lpt"]] == [known.pk]
    page = text(client.get(seat_url(lie)))
    assert (
        "Imogen Fairweather holds the Director representative, LPT's seat from Monday 1 March"
        in (page)
    )


def test_someone_new_is_named_and_appointed_and_the_body_page_shows_them(lie):
    client = signed_in(lie.clerk)
    response = appoint(
        client, lie, honorific="Dr", given_name=" Ayo ", family_name="Bankole",
        job_title="Medical Director", email="Ayo.Bankole@LPT.example", starts_on="2027-02-01",
    )  # fmt: skip
    assert response.status_code == 302
    person = Person.objects.get(family_name="Bankole")
    assert (person.given_name, person.email) == ("Ayo", "ayo.bankole@lpt.example")
    assert person.history.get().history_user == lie.clerk
    with time_machine.travel(TODAY, tick=False):
        body_page = text(client.get(f"/bodies/{lie.body.slug}/"))
    assert "Director representative, LPT" in body_page and "Dr Ayo Bankole" in body_page


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ({}, "Choose someone found, or give a new person's given and family names."),
        ({"given_name": "Ayo"}, "Choose someone found, or give a new person's given and family"),
        (
            {"given_name": "Ayo", "family_name": "B", "starts_on": "31 June 2027"},
            "Enter a valid date",
        ),
        ({"given_name": "Ayo", "family_name": "B", "email": "not an address"}, "valid email"),
        ({"find": "zzzz"}, "No one whose name contains “zzzz” was found: check the spelling."),
    ],
)
def test_bad_input_is_refused_with_a_reason_and_kept(lie, typed, problem):
    response = appoint(signed_in(lie.clerk), lie, **typed)
    assert response.status_code == 400
    assert problem in text(response)
    for value in typed.values():
        assert value in text(response) or value in response.content.decode()
    assert not Appointment.objects.filter(seat__key="director-lpt").exists()


def test_a_seat_with_every_place_held_refuses_another_and_says_what_to_do(lie):
    client = signed_in(lie.clerk)
    assert appoint(client, lie, given_name="Ayo", family_name="Bankole").status_code == 302
    refused = appoint(client, lie, given_name="Bea", family_name="Quist")
    assert refused.status_code == 400
    assert (
        "Every place on the Director representative, LPT's seat is held on Monday 1 March 2027 "
        "or after: end an appointment first."
    ) in text(refused)
    assert "Bea" in refused.content.decode() and not Person.objects.filter(family_name="Quist")


def test_an_appointment_is_ended_and_the_place_can_then_be_filled(lie):
    client = signed_in(lie.clerk)
    appoint(client, lie, given_name="Ayo", family_name="Bankole")
    held = Appointment.objects.get(seat__key="director-lpt")
    end = f"/appointments/{held.pk}/end/"
    early = client.post(end, {f"end-appointment-{held.pk}-ends_on": "1 January 2027"})
    assert early.status_code == 400
    assert "The last day cannot be before it began, Monday 1 March 2027." in text(early)
    assert (
        client.post(end, {f"end-appointment-{held.pk}-ends_on": "30 April 2027"}).status_code == 302
    )
    held.refresh_from_db()
    assert held.ends_on == datetime.date(2027, 4, 30)
    again = client.post(end, {f"end-appointment-{held.pk}-ends_on": "1 May 2027"})
    assert (
        again.status_code == 400
        and "This appointment already ends on Friday 30 April 2027." in (text(again))
    )
    following = appoint(client, lie, given_name="Bea", family_name="Quist", starts_on="1 May 2027")
    assert following.status_code == 302
    assert Appointment.objects.filter(seat__key="director-lpt").count() == 2


def test_a_deputy_is_nominated_and_the_nomination_ended(lie):
    client = signed_in(lie.clerk)
    holder = lie.holders["director-public-health"]
    url = seat_url(lie, "director-public-health", "nominate/")
    data = {"deputy-find": "", "deputy-starts_on": "1 February 2027"}
    itself = client.post(
        url, data | {"deputy-find": holder.family_name, "deputy-person": holder.pk}
    )
    assert itself.status_code == 400 and "holds the seat, so cannot deputise for it" in text(itself)
    made = client.post(url, data | {"deputy-given_name": "Rae", "deputy-family_name": "Lowe"})
    assert made.status_code == 302
    nomination = DeputyNomination.objects.get(person__family_name="Lowe")
    end = f"/nominations/{nomination.pk}/end/"
    assert (
        client.post(end, {f"end-nomination-{nomination.pk}-ends_on": "2027-03-31"}).status_code
        == 302
    )
    nomination.refresh_from_db()
    assert nomination.ends_on == datetime.date(2027, 3, 31)


def test_only_the_bodys_secretariat_keeps_its_membership(lie):
    other_clerk = UserFactory(username="another-clerk")
    member = lie.holders["director-public-health"]
    member.user = UserFactory(username="dph")
    member.save()
    for user in (other_clerk, member.user):
        client = signed_in(user)
        assert client.get(seat_url(lie)).status_code == 404
        assert appoint(client, lie, given_name="Ayo", family_name="B").status_code == 404
    held = Appointment.objects.filter(seat__body=lie.body).first()
    assert (
        signed_in(other_clerk)
        .post(f"/appointments/{held.pk}/end/", {f"end-appointment-{held.pk}-ends_on": "2027-03-01"})
        .status_code
        == 404
    )
    held.refresh_from_db()
    assert held.ends_on is None


def test_a_search_with_a_nul_in_it_finds_by_the_rest(lie):
    """PostgreSQL refuses a NUL in a query: the search drops it rather than fail."""
    holder = lie.holders["director-public-health"]
    found = signed_in(lie.clerk).get(seat_url(lie), {"find": f"{holder.family_name}\x00"})
    assert found.status_code == 200
    assert f'<option value="{holder.pk}">' in found.content.decode()


def test_a_clerk_finds_only_people_connected_with_the_bodies_they_serve(lie):
    stranger = PersonFactory(given_name="Quentin", family_name="Stranger")
    page = signed_in(lie.clerk).get(seat_url(lie), {"find": "Stranger"}).content.decode()
    assert "Quentin" not in page and "Find someone first" in page
    assert stranger.pk  # someone else's body's person, never shown


def test_the_seat_page_costs_the_same_however_long_its_history(lie):
    client = signed_in(lie.clerk)
    seat = lie.body.seats.get(key="director-lpt")

    def queries():
        client.get(seat_url(lie))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(seat_url(lie)).status_code == 200
        return len(captured), len(client.get(seat_url(lie)).content)

    def serve_years(start, years):
        for year in range(start, start + years):
            Appointment.objects.create(
                person=PersonFactory(), seat=seat, starts_on=datetime.date(year, 1, 1),
                ends_on=datetime.date(year, 12, 31),
            )  # fmt: skip

    serve_years(2000, 12)
    few, few_bytes = queries()
    serve_years(1960, 40)
    many, many_bytes = queries()
    assert many == few and many_bytes == few_bytes


# A person's details ----------------------------------------------------------------------


def details(person, **changes):
    data = {
        "honorific": person.honorific,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "job_title": person.job_title,
        "email": person.email,
        "phone": person.phone,
        "revision": person.revision,
    }
    return data | changes


def test_a_clerk_corrects_a_persons_details_and_the_change_is_kept(lie):
    person = lie.holders["director-public-health"]
    client = signed_in(lie.clerk)
    edit = f"/people/{person.pk}/edit/"
    refused = client.post(edit, details(person, email="not an address", job_title="DPH"))
    assert refused.status_code == 400 and "Enter a valid email address." in text(refused)
    assert 'value="DPH"' in refused.content.decode()
    saved = client.post(edit, details(person, email=" Jo.Ng@Leics.example ", job_title=" DPH "))
    assert saved.status_code == 302
    person.refresh_from_db()
    assert (person.email, person.job_title, person.revision) == ("jo.ng@leics.example", "DPH", 1)
    assert person.history.first().history_user == lie.clerk
    history = text(client.get(f"/history/person/{person.pk}/"))
    assert "Job title: from" in history and "to DPH" in history


def test_two_clerks_never_overwrite_each_others_change_to_a_person(lie):
    person = lie.holders["director-public-health"]
    first, second = signed_in(lie.clerk), signed_in(lie.clerk)
    seen = details(person)
    assert (
        first.post(f"/people/{person.pk}/edit/", seen | {"phone": "0116 000 1111"}).status_code
        == 302
    )
    late = second.post(
        f"/people/{person.pk}/edit/", seen | {"job_title": "Director of Population Health"}
    )
    assert late.status_code == 400
    page = text(late)
    assert "Someone else changed these details while you had the form open." in page
    assert "What is saved now" in page and "0116 000 1111" in page
    assert (
        'value="Director of Population Health"' in late.content.decode()
    )  # their own change, kept to save again
    person.refresh_from_db()
    assert person.job_title != "Director of Population Health"
    again = second.post(
        f"/people/{person.pk}/edit/", details(person, job_title="Director of Population Health")
    )
    assert again.status_code == 302


def test_only_the_secretariat_of_their_bodies_edits_a_person(lie):
    person = lie.holders["director-public-health"]
    other_clerk = UserFactory(username="a-clerk-of-nothing-here")
    other_clerk.secretariat_bodies.add(
        seed_body("south-east-london-icp", starts_at=TODAY + datetime.timedelta(days=30)).body
    )
    assert signed_in(other_clerk).get(f"/people/{person.pk}/edit/").status_code == 404
    assert signed_in(other_clerk).get(f"/history/person/{person.pk}/").status_code == 404
    member = UserFactory(username="just-a-member")
    assert signed_in(member).get(f"/people/{person.pk}/edit/").status_code == 403


# A sign-in, given by the secretariat ---------------------------------------------------------


def test_a_person_given_a_sign_in_alone_gets_the_link_and_chooses_a_password(
    lie, django_capture_on_commit_callbacks
):
    person = lie.holders["director-public-health"]
    person.email = "Dph@Leics.example"
    person.save()
    clerk = signed_in(lie.clerk)
    page = clerk.get(f"/people/{person.pk}/").content.decode()
    assert "Give them a sign-in" in page
    with django_capture_on_commit_callbacks(execute=True):
        given = clerk.post(f"/people/{person.pk}/sign-in/", follow=True)
    shown = given.content.decode()
    assert "has a sign-in. They have been e-mailed a link to choose their password" in shown
    person.refresh_from_db()
    account = person.user
    assert account.username == "dph@leics.example" and not account.has_usable_password()
    (message,) = mail.outbox
    assert message.to == ["dph@leics.example"] and message.extra_headers[SECRET_HEADER]
    link = re.search(r"https?://\S+/accounts/reset/\S+", message.body).group(0)
    assert link.split("/accounts/")[1] not in shown  # the clerk never sees the secret
    assert "Leicestershire Integration Executive" in message.body
    stranger = Client()
    chosen = stranger.get("/" + link.split("://", 1)[1].split("/", 1)[1], follow=True)
    assert chosen.status_code == 200
    form_url = chosen.redirect_chain[-1][0]
    done = stranger.post(
        form_url, {"new_password1": "a long new phrase 42", "new_password2": "a long new phrase 42"}
    )
    assert done.status_code == 302
    signing_in = Client().post(
        "/accounts/login/", {"username": "dph@leics.example", "password": "a long new phrase 42"}
    )
    assert signing_in.status_code == 302  # signed in with the password they chose
    again = clerk.post(f"/people/{person.pk}/sign-in/", follow=True)
    assert "already has a sign-in" in text(again)


def test_a_person_without_an_address_is_told_to_get_one_first(lie):
    person = lie.holders["director-public-health"]
    person.email = ""
    person.save()
    clerk = signed_in(lie.clerk)
    assert "add their e-mail address" in text(clerk.get(f"/people/{person.pk}/"))
    refused = clerk.post(f"/people/{person.pk}/sign-in/", follow=True)
    assert "has no e-mail address: add it to their details first" in text(refused)
    person.refresh_from_db()
    assert person.user is None and not mail.outbox
