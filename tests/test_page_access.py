"""Every page against every persona: who gets it, who is sent to sign in, who is refused."""

from __future__ import annotations

import pytest

from tests.conftest import PERSONAS, client_for
from tests.factories import AppointmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db

OK, LOGIN, FORBIDDEN, NOT_FOUND = 200, 302, 403, 404

# page -> expected status for (anonymous, clerk, member, deputy, other_member, all_bodies_clerk)
EXPECTED = {
    "home": (OK, OK, OK, OK, OK, OK),
    "dashboard": (LOGIN, OK, OK, OK, OK, OK),
    "body list": (LOGIN, OK, OK, OK, OK, OK),
    "private body": (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    "public body": (OK, OK, OK, OK, OK, OK),
    "person list": (LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "member's person page": (LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "other body's person page": (LOGIN, NOT_FOUND, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "organisation list": (LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "organisation page": (LOGIN, OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "meeting list": (LOGIN, OK, OK, OK, OK, OK),
    "private meeting": (NOT_FOUND, OK, OK, OK, NOT_FOUND, OK),
    "public meeting": (OK, OK, OK, OK, OK, OK),
    "outbox": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
}


def url_for(page, world):
    private_meeting = MeetingFactory(body=world.body)
    public_meeting = MeetingFactory(body=world.public_body, held_in_public=True)
    organisation = world.body.seats.first().organisation
    return {
        "home": "/",
        "dashboard": "/dashboard/",
        "body list": "/bodies/",
        "private body": f"/bodies/{world.body.slug}/",
        "public body": f"/bodies/{world.public_body.slug}/",
        "person list": "/people/",
        "member's person page": f"/people/{world.users['member'].person.pk}/",
        "other body's person page": f"/people/{world.users['other_member'].person.pk}/",
        "organisation list": "/organisations/",
        "organisation page": f"/organisations/{organisation.slug}/",
        "meeting list": "/meetings/",
        "private meeting": f"/meetings/{private_meeting.pk}/",
        "public meeting": f"/meetings/{public_meeting.pk}/",
        "outbox": "/outbox/",
    }[page]


@pytest.mark.parametrize("page", sorted(EXPECTED))
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_what_it_may_see(world, page, persona):
    expected = EXPECTED[page][PERSONAS.index(persona)]
    response = client_for(world, persona).get(url_for(page, world))
    assert response.status_code == expected
    if expected == LOGIN:
        assert response["Location"].startswith("/accounts/login/")


def test_a_private_meeting_of_another_body_is_not_listed(world):
    MeetingFactory(body=world.body, location="Alpha Room")
    MeetingFactory(body=world.public_body, location="Gamma Hall", held_in_public=True)
    listed = client_for(world, "other_member").get("/meetings/").content.decode()
    assert "Gamma Hall" in listed
    assert "Alpha Room" not in listed
    assert "Alpha Room" in client_for(world, "member").get("/meetings/").content.decode()


def test_the_dashboard_shows_a_member_only_their_own_bodies_meetings(world):
    MeetingFactory(body=world.body, location="Alpha Room")
    MeetingFactory(body=world.public_body, location="Gamma Hall", held_in_public=True)
    page = client_for(world, "member").get("/dashboard/").content.decode()
    assert "Alpha Room" in page
    assert "Gamma Hall" not in page


def test_the_public_sees_membership_but_no_contact_details(world):
    holder = world.public_body.seats.first()
    appointment = AppointmentFactory(seat=holder, person__email="chair@example.org")
    public = client_for(world, "anonymous").get(f"/bodies/{world.public_body.slug}/")
    assert appointment.person.full_name in public.content.decode()
    assert "/people/" not in public.content.decode()


def test_the_secretariat_navigation_is_shown_only_to_the_secretariat(world):
    assert "Organisations" in client_for(world, "clerk").get("/dashboard/").content.decode()
    assert "Organisations" not in client_for(world, "member").get("/dashboard/").content.decode()


def test_a_staff_user_reads_the_outbox(world):
    clerk = world.users["clerk"]
    clerk.is_staff = True
    clerk.save()
    assert client_for(world, "clerk").get("/outbox/").status_code == OK
