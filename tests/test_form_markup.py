"""Every form's markup ties what a screen reader announces to its field: each label, help text
and error summary points at an element that exists, and each help text is announced with the
box it helps (the box's aria-describedby names it)."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import pytest

from governance.rules.words import LONDON
from tests.meetings.workspace import open_sitting, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)


class References(HTMLParser):
    """The ids a page defines, the ids its labels and ARIA attributes point at, and the ids
    of its help texts."""

    def __init__(self, page: str):
        super().__init__()
        self.ids, self.pointed, self.described, self.help = set(), set(), set(), []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "label" and attrs.get("for"):
            self.pointed.add(attrs["for"])
        for name in ("aria-describedby", "aria-labelledby"):
            self.pointed.update((attrs.get(name) or "").split())
        self.described.update((attrs.get("aria-describedby") or "").split())
        if "form-text" in (attrs.get("class") or "").split():
            self.help.append(attrs.get("id"))


def test_every_label_and_help_text_points_at_its_box_and_back():
    sitting = open_sitting("south-east-london-icp", starts_at=MEETING, Investment={})
    client = signed_in(sitting.clerk)
    m = f"/meetings/{sitting.meeting.pk}"
    pages = {
        "console": client.get(f"{m}/console/"),
        "a refused action": client.post(f"{m}/console/action/", {"action-text": "Send it"}),
        "new item": client.get(f"{m}/agenda/items/new/"),
        "reschedule": client.get(f"{m}/reschedule/"),
        "new meeting": client.get("/bodies/south-east-london-icp/meetings/new/"),
        "notices": client.get("/notices/"),
        "search": client.get("/search/"),
        "a refused search": client.get("/search/", {"q": "x" * 201}),
    }
    helped = 0
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        page = References(response.content.decode())
        assert page.pointed <= page.ids, (name, page.pointed - page.ids)
        for help_id in page.help:
            assert help_id in page.described, (name, help_id)
        helped += len(page.help)
    assert helped >= 5  # the pages do have help texts to check
