"""Every form, fed whatever a person (or an attacker) might type: the answer is never a server
error; a refusal says what is wrong; and what was typed in a text box comes back in it."""

from __future__ import annotations

import datetime
import string
from collections import defaultdict
from html.parser import HTMLParser

import pytest
import time_machine
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.rules.words import LONDON
from tests.meetings.workspace import open_sitting, row, signed_in

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)

typed = st.one_of(
    st.text(string.printable, max_size=40),
    st.text(max_size=20),  # any Unicode, control characters included
    st.sampled_from(
        [
            "£250,000",
            "four",
            "-1",
            "2020-02-30",
            "31/12/2027",
            "25:61",
            "<script>alert(1)</script>",
            "' OR 1=1 --",
            "9" * 30,
            "",
            " ",
            "\x00",
        ]
    ),
)

# path (under /meetings/<pk>/ unless it starts with /) -> the fields its form reads
FORMS = {
    "console/vote": [
        "vote-motion",
        "vote-count_for",
        "vote-count_against",
        "vote-count_abstain",
        "vote-casting",
    ],
    "console/decision": ["decision-text", "decision-outcome", "decision-value", "decision-vote"],
    "console/action": ["action-text", "action-owner", "action-due"],
    "console/visitor": ["visitor-name"],
    "console/adjourn": ["adjourn-reason"],
    "console/close": ["close-closed_on", "close-closed_time", "close-clock_change"],
    "console/presiding": ["presiding-person", "presiding-reason", "presiding-seen_override"],
    "console/deputy": ["deputy-seat", "deputy-person", "deputy-chair_agreed_by"],
    "console/declaration": [
        "declaration-person",
        "declaration-determination",
        "declaration-description",
        "declaration-replacement",
    ],
    "console/mark": ["row", "revision", "mark"],
    "console/go-to": ["item", "seen_item", "confirmed"],
    "agenda/items/new": [
        "title",
        "presenter",
        "purpose",
        "business_type",
        "minutes_allotted",
        "part",
        "exempt_paragraph",
        "exempt_reason",
        "parent",
    ],
    "reschedule": ["day", "time", "minutes", "reason", "revision", "clock_change", "confirm"],
    "cancel": ["reason", "revision"],
    "apologies": ["seat", "deputy", "chair_agreed_by"],
    "/bodies/south-east-london-icp/meetings/new/": [
        "day",
        "time",
        "minutes",
        "kind",
        "location",
        "online_link",
        "history_note",
        "confirm",
    ],
    "/bodies/south-east-london-icp/seats/vcse/appoint/": [
        f"appoint-{name}"
        for name in (
            "find",
            "person",
            "honorific",
            "given_name",
            "family_name",
            "job_title",
            "email",
            "tenure",
            "starts_on",
        )
    ],
    "/accounts/login/": ["username", "password"],
    "/accounts/password_reset/": ["email"],
    "/accounts/two-factor/verify/": ["token"],
}
KEPT_AS_TYPED = {
    "vote-motion",
    "decision-text",
    "action-text",
    "action-owner",
    "visitor-name",
    "adjourn-reason",
    "title",
    "presenter",
    "reason",
    "location",
    "username",
    "appoint-given_name",
    "appoint-family_name",
}


@pytest.fixture(scope="module")
def sitting(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        setting = open_sitting("south-east-london-icp", starts_at=MEETING, Investment={})
        yield setting
        transaction.set_rollback(True)


class Shown(HTMLParser):
    """What each named text box shows, as the browser reads it (whichever way it was escaped):
    an input's value, a textarea's text."""

    def __init__(self, page: str):
        super().__init__()
        self.values: dict[str, list[str]] = defaultdict(list)
        self._textarea = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name"):
            self.values[attrs["name"]].append(attrs.get("value") or "")
        elif tag == "textarea":
            self._textarea = attrs.get("name")
            self.values[self._textarea].append("")

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


@pytest.mark.parametrize("path", sorted(FORMS))
def test_no_input_to_any_form_makes_a_server_error(sitting, db, path):
    url = path if path.startswith("/") else f"/meetings/{sitting.meeting.pk}/{path}/"
    during = time_machine.travel(MEETING + datetime.timedelta(minutes=30), tick=True)
    during.start()  # signed in during the meeting, so the session is current whatever the day
    client = signed_in(sitting.clerk)
    client.raise_request_exception = False
    first = row(sitting, "icb-chair")

    @settings(
        max_examples=12,  # each example of a console form redraws the console
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.fixed_dictionaries(dict.fromkeys(FORMS[path], typed)))
    def attempt(data):
        data = {**data, "row": data.get("row", first.pk)} if path == "console/mark" else data
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        assert response.status_code < 500, (url, data)
        assert "/accounts/login/" not in response.get("Location", ""), "signed out"
        if response.status_code == 400 and response.get("Content-Type", "").startswith("text/html"):
            page = response.content.decode()
            assert "There is a problem" in page or 'role="alert"' in page, (url, data)
            shown = Shown(page).values
            for name in KEPT_AS_TYPED & set(data):
                value = data[name]
                if value.strip() and "\x00" not in value and len(value) <= 200:
                    assert any(value.strip() in box for box in shown[name]), (name, value)

    try:
        attempt()
    finally:
        during.stop()


def test_the_public_forms_never_fail_for_a_stranger():
    client = Client(raise_request_exception=False)
    for url, data in (
        ("/accounts/login/", {"username": "\x00", "password": "x" * 5000}),
        ("/accounts/password_reset/", {"email": "a@b.c" * 100}),
    ):
        assert client.post(url, data).status_code < 500
