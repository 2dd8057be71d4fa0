"""A member sends their own apologies from the meeting's page and names their deputy; where
the terms need the chair's agreement (South East London: both co-chairs, 11.3) the chairs
are asked in Quorate, and the deputy attends once both agree."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from governance.rules.words import LONDON
from meetings.models import Apology, DeputyRequest
from members.models import DeputyNomination
from tests.factories import PersonFactory, UserFactory

from .workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db

MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
BEFORE = MEETING - datetime.timedelta(days=10)
CHAIRS = ("icb-chair", "elected-member-lewisham")


def with_user(person, username):
    person.user = UserFactory(username=username)
    person.save()
    return person.user


@pytest.fixture
def sel():
    with time_machine.travel(BEFORE, tick=False):
        setting = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
        setting.member = with_user(setting.holders["chair-slam"], "slam")
        setting.deputy = PersonFactory(email="deputy@slam.example")
        DeputyNomination.objects.create(
            person=setting.deputy,
            seat=setting.body.seats.get(key="chair-slam"),
            starts_on=datetime.date(2026, 1, 1),
        )
        setting.chairs = [with_user(setting.holders[k], f"chair-{k}") for k in CHAIRS]
        yield setting


def send(setting, **data):
    url = f"/meetings/{setting.meeting.pk}/apologies/mine/"
    return signed_in(setting.member).post(url, {"seat": "chair-slam", **data}, follow=True)


def test_a_member_sends_apologies_and_the_co_chairs_agree_to_the_deputy(
    sel, django_capture_on_commit_callbacks
):
    page = signed_in(sel.member).get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "Send my apologies" in page and str(sel.deputy) in page
    with (
        time_machine.travel(BEFORE, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = send(sel, deputy=sel.deputy.pk).content.decode()
    assert "The chair is asked to agree to your deputy" in page
    apology = Apology.objects.get(meeting=sel.meeting)
    assert apology.person == sel.holders["chair-slam"] and apology.deputy is None
    asking = DeputyRequest.objects.get()
    asked = {m.to[0] for m in mail.outbox if "agreement is asked" in m.subject}
    assert asked == {sel.holders[k].email for k in CHAIRS}

    url = f"/deputy-requests/{asking.pk}/"
    assert signed_in(UserFactory()).get(url).status_code == 404
    first, second = (signed_in(u) for u in sel.chairs)
    assert "Agree to a deputy" in first.get("/dashboard/").content.decode()
    refused = first.post(url, {"answer": "False", "note": ""})
    assert refused.status_code == 400 and "Say why" in refused.content.decode()
    mail.outbox.clear()
    with (
        time_machine.travel(BEFORE, tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert first.post(url, {"answer": "True"}).status_code == 302
        asking.refresh_from_db()
        assert asking.awaited  # both co-chairs must agree
        assert "Agreed so far" in second.get(url).content.decode()
        assert second.post(url, {"answer": "True"}).status_code == 302
    asking.refresh_from_db()
    apology.refresh_from_db()
    assert asking.answer == DeputyRequest.Answer.AGREED
    assert apology.deputy == sel.deputy and apology.chair_agreed
    assert sel.holders["icb-chair"].full_name in apology.chair_agreed_by
    told = {m.to[0]: m.subject for m in mail.outbox}
    assert told[sel.holders["chair-slam"].email].startswith("Deputy agreed")
    assert told["deputy@slam.example"].startswith("You attend as deputy")
    page = signed_in(sel.member).get(f"/meetings/{sel.meeting.pk}/").content.decode()
    assert "attends as your deputy, with the agreement of" in page


def test_a_co_chair_refuses_with_a_reason_and_the_apologies_stand_without_a_deputy(sel):
    with time_machine.travel(BEFORE, tick=False):
        send(sel, deputy=sel.deputy.pk)
        url = f"/deputy-requests/{DeputyRequest.objects.get().pk}/"
        response = signed_in(sel.chairs[0]).post(
            url, {"answer": "False", "note": "Not exceptional"}
        )
    assert response.status_code == 302
    assert DeputyRequest.objects.get().answer == DeputyRequest.Answer.REFUSED
    assert Apology.objects.get().deputy is None
    assert "Not exceptional" in signed_in(sel.member).get(url).content.decode()
    assert signed_in(sel.chairs[1]).post(url, {"answer": "True"}).status_code == 400


def test_bad_input_is_explained_and_only_a_seat_holder_before_the_meeting_may_send(sel):
    with time_machine.travel(BEFORE, tick=False):
        stranger = PersonFactory()
        response = signed_in(sel.member).post(
            f"/meetings/{sel.meeting.pk}/apologies/mine/",
            {"seat": "chair-slam", "deputy": str(stranger.pk)},
        )
        assert response.status_code == 400
        assert "Select a valid choice" in response.content.decode()
        outsider = signed_in(UserFactory())
        assert (
            outsider.post(
                f"/meetings/{sel.meeting.pk}/apologies/mine/", {"seat": "chair-slam"}
            ).status_code
            == 404
        )
        assert not Apology.objects.exists()
        assert (
            "Send my apologies" not in outsider.get(f"/meetings/{sel.meeting.pk}/").content.decode()
        )
    with time_machine.travel(MEETING + datetime.timedelta(hours=3), tick=False):
        assert send(sel).status_code == 404
    assert not Apology.objects.exists()


def test_without_a_deputy_the_apologies_are_recorded_at_once(sel):
    with time_machine.travel(BEFORE, tick=False):
        page = send(sel).content.decode()
    assert "Recorded: Apologies from" in page
    assert Apology.objects.get().recorded_by == sel.member
    assert not DeputyRequest.objects.exists()
