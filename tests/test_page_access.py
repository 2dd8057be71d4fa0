"""What each persona sees on the pages they may open (who may open which page is checked
for every URL in test_url_access.py)."""

from __future__ import annotations

import pytest
from django.core.mail import send_mail
from django.test import override_settings

from tests.conftest import client_for
from tests.factories import AppointmentFactory, MeetingFactory

pytestmark = pytest.mark.django_db


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


def test_each_person_reads_only_their_own_mail_in_the_outbox(world):
    with override_settings(EMAIL_BACKEND="members.outbox.OutboxEmailBackend"):
        send_mail("For the member", "Hello", None, [world.users["member"].email])
        send_mail("For the clerk", "Hello", None, [world.users["clerk"].email])
    clerk = world.users["clerk"]
    clerk.is_staff = True
    clerk.save()
    page = client_for(world, "clerk").get("/outbox/").content.decode()
    assert "For the clerk" in page and "For the member" not in page
    page = client_for(world, "member").get("/outbox/").content.decode()
    assert "For the member" in page and "For the clerk" not in page
