"""Publishing from the workspace: one action, and after the deadline only with the Chair's
authorisation recorded."""

from __future__ import annotations

import pytest

from config import clock
from meetings.models import Publication
from meetings.services.agenda import agenda_item_add, agenda_start

from .workspace import days_ahead, seed_body, signed_in

pytestmark = pytest.mark.django_db


def test_publishing_in_time_is_one_confirmed_action():
    sel = seed_body("south-east-london-icp", starts_at=days_ahead(40), held_in_public=True)
    agenda_start(meeting=sel.meeting, rules=sel.rules)
    client = signed_in(sel.clerk)
    page = client.get(f"/meetings/{sel.meeting.pk}/agenda/publish/").content.decode()
    assert "and the public copy (Part A only) at the same moment" in page
    response = client.post(f"/meetings/{sel.meeting.pk}/agenda/publish/", follow=True)
    assert "Published. Notice recorded for 21 members and deputies." in response.content.decode()
    assert Publication.objects.get().late is False


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
