"""Late publication authorised by the Chair in the application: the clerk asks, the Chair
(South East London's co-chairs) answers on their own page, the clerk is told, and the
publication records the Chair's own authorisation; used once."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core import mail

from governance.rules.words import LONDON
from meetings.models import LatePublicationRequest, Publication
from meetings.services.agenda import agenda_start
from meetings.services.publication import agreement_record
from meetings.services.schedule import meeting_deadlines
from tests.factories import UserFactory

from .workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db

MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
CHAIRS = ("icb-chair", "elected-member-lewisham")


@pytest.fixture
def late_sel():
    """The body with its agenda agreed, the clock an hour after the deadline to publish."""
    with time_machine.travel(MEETING - datetime.timedelta(days=30), tick=False):
        sel = seed_body("south-east-london-icp", starts_at=MEETING)
        agenda_start(meeting=sel.meeting, rules=sel.rules)
        deadline = meeting_deadlines(sel.meeting, sel.rules).publish_by.deadline
    late = deadline + datetime.timedelta(hours=1)
    with time_machine.travel(late, tick=False):
        agreement_record(
            meeting=sel.meeting, agreed_by="The co-chairs", agreed_at=late, user=sel.clerk, now=late
        )
        yield sel


def chair_users(sel):
    for key in CHAIRS:
        person = sel.holders[key]
        person.user = UserFactory(username=f"chair-{key}")
        person.save()
    return [sel.holders[key].user for key in CHAIRS]


def ask(sel, reason="The finance paper waited for the audit letter."):
    return signed_in(sel.clerk).post(
        f"/meetings/{sel.meeting.pk}/agenda/ask-the-chair/", {"reason": reason}, follow=True
    )


def test_the_chair_authorises_in_the_application_and_the_clerk_publishes_with_it(
    late_sel, django_capture_on_commit_callbacks
):
    sel = late_sel
    first, second = chair_users(sel)
    with django_capture_on_commit_callbacks(execute=True):
        page = ask(sel).content.decode()
    assert "Asked the Chair" in page
    late = LatePublicationRequest.objects.get()
    asked = {m.to[0] for m in mail.outbox}
    assert asked == {sel.holders[k].email for k in CHAIRS}
    assert "audit letter" in mail.outbox[0].body
    assert f"/late-publication/{late.pk}/" in mail.outbox[0].body
    # Asking again while the Chair has not answered is refused.
    assert "already with the Chair" in ask(sel).content.decode()

    chair = signed_in(second)
    url = f"/late-publication/{late.pk}/"
    assert "Send my answer" in chair.get(url).content.decode()
    assert signed_in(UserFactory()).get(url).status_code == 404
    refused = chair.post(url, {"answer": "False", "note": ""})
    assert refused.status_code == 400
    assert "Say why" in refused.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert chair.post(url, {"answer": "True", "note": ""}).status_code == 302
    late.refresh_from_db()
    assert late.answer == LatePublicationRequest.Answer.AUTHORISED
    assert late.answered_by == sel.holders["elected-member-lewisham"]
    told = [m for m in mail.outbox if m.to == [sel.clerk.email]]
    assert len(told) == 1 and told[0].subject.startswith("Late publication authorised")
    assert (
        "already" in signed_in(first).post(url, {"answer": "False", "note": "No"}).content.decode()
    )

    clerk = signed_in(sel.clerk)
    publish_url = f"/meetings/{sel.meeting.pk}/agenda/publish/"
    page = clerk.get(publish_url).content.decode()
    assert "Publish with the Chair's authorisation" in page
    response = clerk.post(publish_url, {"late_request": late.pk}, follow=True)
    assert "Published." in response.content.decode()
    publication = Publication.objects.get()
    assert publication.late and publication.late_request == late
    assert publication.chair_authorised_by == sel.holders["elected-member-lewisham"].full_name
    assert publication.chair_authorisation_reason == late.reason
    # Used once: the next late supplement needs a new authorisation.
    assert "Publish with the Chair" not in clerk.get(publish_url).content.decode()


def test_without_a_chair_who_can_sign_in_the_clerk_records_it_instead(late_sel):
    page = ask(late_sel).content.decode()
    assert "No one holding the chair can sign in to Quorate" in page
    assert not LatePublicationRequest.objects.exists()
    assert "record an authorisation the Chair gave outside Quorate" in page


def test_asking_needs_the_reason(late_sel):
    chair_users(late_sel)
    page = ask(late_sel, reason=" ").content.decode()
    assert "Say why the papers are late" in page
    assert not LatePublicationRequest.objects.exists()


def test_the_chair_sees_the_request_on_the_dashboard(late_sel):
    first, _ = chair_users(late_sel)
    ask(late_sel)
    page = signed_in(first).get("/dashboard/").content.decode()
    assert "Waiting for your answer" in page
    assert "Authorise late papers: SEL ICP" in page
