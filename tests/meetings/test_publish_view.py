"""Publishing from the workspace: one action, and after the deadline only with the Chair's
authorisation recorded."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from config import clock
from governance.rules.words import long_datetime
from meetings.models import AgendaAgreement, Publication
from meetings.services.agenda import agenda_item_add, agenda_start

from .test_console_pages import text
from .workspace import days_ahead, seed_body, signed_in, typed_now

pytestmark = pytest.mark.django_db


def test_publishing_in_time_is_one_confirmed_action():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(40), held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    client = signed_in(sel.clerk)
    agree(client, sel.meeting)
    page = client.get(f"/meetings/{sel.meeting.pk}/agenda/publish/").content.decode()
    assert "and the public copy (Part A only) at the same moment" in page
    response = client.post(f"/meetings/{sel.meeting.pk}/agenda/publish/", follow=True)
    assert "Published. Notice recorded for 21 members and deputies." in response.content.decode()
    publication = Publication.objects.get()
    assert publication.late is False
    workspace = text(response)
    assert f"The agenda was published {long_datetime(publication.published_at)}: on time" in (
        workspace
    )
    assert "Publish the supplement" not in workspace  # nothing new to publish
    agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Urgent business")
    assert "Publish the supplement" in text(client.get(f"/meetings/{sel.meeting.pk}/agenda/"))


def agree(client, meeting, **typed):
    data = {
        "agreed_by": "Both co-chairs, by e-mail",
        **typed_now("agreed_on", "agreed_time"),
        **typed,
    }
    return client.post(f"/meetings/{meeting.pk}/agenda/agreement/", data)


def test_where_the_terms_say_who_agrees_the_agenda_it_is_published_only_once_agreed():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(40), held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    client = signed_in(sel.clerk)
    publish_url = f"/meetings/{sel.meeting.pk}/agenda/publish/"
    workspace = client.get(f"/meetings/{sel.meeting.pk}/agenda/").content.decode()
    assert "agreed by the co-chairs before it is published" in workspace
    assert "Not yet agreed" in workspace
    page = client.get(publish_url).content.decode()
    assert "record their agreement to the agenda first" in page and "Publish now" not in page
    refused = client.post(publish_url, follow=True).content.decode()
    assert "record their agreement to the agenda first" in refused
    assert not Publication.objects.exists()

    # Typed wrong, the page says so and keeps what was typed.
    wrong = agree(client, sel.meeting, agreed_time="quarter past")
    assert (
        wrong.status_code == 400 and 'value="Both co-chairs, by e-mail"' in wrong.content.decode()
    )
    tomorrow = (clock.today() + datetime.timedelta(days=1)).isoformat()
    future = agree(client, sel.meeting, agreed_on=tomorrow).content.decode()
    assert "The agreement cannot be in the future." in future
    assert not AgendaAgreement.objects.exists()

    assert agree(client, sel.meeting).status_code == 302
    assert AgendaAgreement.objects.get().agreed_by == "Both co-chairs, by e-mail"
    assert (
        "Agreed</span> by Both co-chairs"
        in client.get(f"/meetings/{sel.meeting.pk}/agenda/").content.decode()
    )
    client.post(publish_url)
    assert Publication.objects.count() == 1

    # A supplement needs its own agreement.
    agenda_item_add(meeting=sel.meeting, rules=sel.rules, title="Winter pressures")
    frozen = clock.now()
    with time_machine.travel(frozen + datetime.timedelta(minutes=5), tick=False):
        assert "agreement to the supplement first" in client.get(publish_url).content.decode()
        agree(client, sel.meeting)
        client.post(publish_url)
    assert Publication.objects.count() == 2


def test_a_body_whose_terms_name_no_one_to_agree_the_agenda_publishes_without_it():
    lie = seed_body("leicestershire-integration-executive", starts_at=days_ahead(40))
    agenda_start(meeting=lie.meeting, rules=lie.rules)
    page = signed_in(lie.clerk).get(f"/meetings/{lie.meeting.pk}/agenda/").content.decode()
    assert "Agreement to the agenda" not in page


def test_after_the_deadline_the_chairs_authorisation_is_required_then_shown():
    lie = seed_body("leicestershire-integration-executive", starts_at=days_ahead(1))
    agenda_start(meeting=lie.meeting, rules=lie.rules)
    client = signed_in(lie.clerk)
    url = f"/meetings/{lie.meeting.pk}/agenda/publish/"
    refused = client.post(url, {"chair": "Dr A Chair", "reason": ""})
    html = refused.content.decode()
    assert "The deadline has passed." in html and 'value="Dr A Chair"' in html
    assert not Publication.objects.exists()
    client.post(
        url,
        {
            "chair": "Dr A Chair",
            "authorised_on": clock.today().isoformat(),
            "authorised_time": "09:15",
            "reason": "Finance figures were late.",
        },
    )
    publication = Publication.objects.get()
    assert (publication.late, publication.chair_authorised_by) == (True, "Dr A Chair")
    for page in (f"/meetings/{lie.meeting.pk}/agenda/preview/", f"/meetings/{lie.meeting.pk}/"):
        assert "Published late with the Chair's authorisation" in client.get(page).content.decode()
    workspace = text(client.get(f"/meetings/{lie.meeting.pk}/agenda/"))
    assert "late, with the Chair's authorisation" in workspace


def test_publishing_with_papers_outstanding_warns_and_names_them():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(40), held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    agenda_item_add(
        meeting=sel.meeting, rules=sel.rules, title="Winter plan", presenter="Director of Finance"
    )
    page = signed_in(sel.clerk).get(f"/meetings/{sel.meeting.pk}/agenda/publish/")
    text = page.content.decode()
    assert "1 paper still outstanding" in text
    assert "Winter plan (Director of Finance)" in text
