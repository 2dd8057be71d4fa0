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


def test_the_sign_in_and_password_pages_tie_their_labels_help_and_errors_to_their_boxes():
    from django.contrib.auth.tokens import default_token_generator
    from django.test import Client
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from tests.factories import UserFactory

    user = UserFactory(username="reader", email="reader@example.org")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = f"/accounts/reset/{uid}/{default_token_generator.make_token(user)}/"
    client = Client()
    pages = {
        "sign in": client.get("/accounts/login/"),
        "a refused sign-in": client.post("/accounts/login/", {"username": "reader"}),
        "password reset": client.get("/accounts/password_reset/"),
        "a new password": client.get(link, follow=True),
    }
    signed_in_reader = Client()
    signed_in_reader.force_login(user)
    pages["change password"] = signed_in_reader.get("/accounts/password_change/")
    pages["a refused change"] = signed_in_reader.post(
        "/accounts/password_change/", {"old_password": "wrong", "new_password1": "x"}
    )
    changing = pages["a refused change"].content.decode()
    assert 'id="id_old_password_error"' in changing and 'id="id_new_password2_error"' in changing
    refused = pages["a refused sign-in"].content.decode()
    assert 'aria-invalid="true"' in refused and 'id="id_password_error"' in refused
    new_password = References(pages["a new password"].content.decode())
    assert "id_new_password1_helptext" in new_password.described
    for name, response in pages.items():
        assert response.status_code == 200, name
        page = References(response.content.decode())
        assert page.pointed <= page.ids, (name, page.pointed - page.ids)
        assert 'class="form-control' in response.content.decode(), name  # Bootstrap's box
        for help_id in page.help:
            assert help_id in page.described, (name, help_id)
