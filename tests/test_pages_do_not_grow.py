"""No page grows with history: each secretariat page, and the console's attendance change,
makes the same number of queries, loads the same number of rows and sends (to within the
width of the larger record numbers) the same bytes with two years of held meetings as with
twenty. The pages benchmark (benchmarks/pages.py) times the same at ten years and a hundred."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchmarks import dataset
from config import clock
from governance.rules.words import LONDON
from meetings.models import Attendance, Meeting
from tests.factories import UserFactory
from tests.meetings.workspace import open_sitting, signed_in

pytestmark = pytest.mark.django_db


def cost(client, url: str, data: dict | None = None) -> tuple[int, int, int]:
    """Queries, model rows made and bytes sent for one request (after one to warm caches)."""
    send = (lambda: client.post(url, data(), HTTP_HX_REQUEST="true")) if data else None
    (send or (lambda: client.get(url)))()
    rows = [0]

    def count(**kwargs):
        rows[0] += 1

    post_init.connect(count, weak=False)
    try:
        with CaptureQueriesContext(connection) as queries:
            response = send() if send else client.get(url)
    finally:
        post_init.disconnect(count)
    assert response.status_code == 200, url
    return len(queries), rows[0], len(response.content)


def assert_same(small: dict, large: dict, slack: dict | None = None) -> None:
    """Each page's queries and rows the same at both sizes, and its bytes within 2% (the
    width of larger record numbers), or the ``slack`` given for it."""
    for name in small:
        (q1, r1, b1), (q2, r2, b2) = small[name], large[name]
        assert (q2, r2) == (q1, r1), (name, small[name], large[name])
        assert abs(b2 - b1) <= b1 * (slack or {}).get(name, 0.02), (name, b1, b2)


def recently_held(body, clerk, count: int) -> None:
    """``count`` meetings held and closed in the last weeks, their minutes not yet drafted."""
    now = clock.now()
    Meeting.objects.bulk_create(
        Meeting(
            body=body,
            starts_at=now - datetime.timedelta(days=n + 1, minutes=7),
            ends_at=now - datetime.timedelta(days=n + 1),
            location="Committee Room 2",
            status=Meeting.Status.HELD,
            closed_at=now - datetime.timedelta(days=n + 1),
            closed_by=clerk,
        )
        for n in range(count)
    )


def test_no_secretariat_page_grows_with_the_meetings_held():
    starts = datetime.datetime.combine(
        clock.today() + datetime.timedelta(days=20), datetime.time(14), tzinfo=LONDON
    )
    sitting = open_sitting("leicestershire-integration-executive", starts_at=starts)
    body, meeting, clerk = sitting.body, sitting.meeting, sitting.clerk
    row = meeting.attendance.filter(capacity="member").first()
    flip = [1]  # present, then absent again: each measure leaves the room as it found it

    def mark():
        flip[0] += 1
        revision = Attendance.objects.get(pk=row.pk).revision
        return {"row": row.pk, "revision": revision, "mark": ("present", "absent")[flip[0] % 2]}

    m = f"/meetings/{meeting.pk}"
    person = sitting.holders["director-public-health"]
    pages = {
        "dashboard": ("/dashboard/", None),
        "body": (f"/bodies/{body.slug}/", None),
        "terms": (f"/bodies/{body.slug}/terms/", None),
        "programme": (f"/bodies/{body.slug}/programme/", None),
        "meetings held": ("/meetings/?when=past", None),
        "agenda workspace": (f"{m}/agenda/", None),
        "agenda preview": (f"{m}/agenda/preview/", None),
        "console": (f"{m}/console/", None),
        "console live": (f"{m}/console/live/", None),
        "attendance change": (f"{m}/console/mark/", mark),
        "people": ("/people/", None),
        "person": (f"/people/{person.pk}/", None),
    }
    client = signed_in(clerk)
    today = clock.today()
    # The dashboard follows up to twelve recent meetings whose minutes are outstanding: fill
    # that list first, so that what is compared is its cost once full.
    recently_held(body, clerk, 12)
    # a hundred held meetings, with more actions still open than the console shows
    dataset.history([body], clerk, 1.0, today, open_actions_in=2)
    dataset.people(0.1, today)
    small = {name: cost(client, *page) for name, page in pages.items()}
    dataset.history([body], clerk, 3.0, today, open_actions_in=2)  # and three hundred more
    dataset.people(1.0, today)  # and 450 more former members
    large = {name: cost(client, *page) for name, page in pages.items()}
    assert_same(small, large)


def test_no_public_page_grows_with_the_meetings_held():
    """The public's pages, with a body that meets in public: the same queries, rows and
    bytes with four hundred meetings held as with a hundred. (The calendar is bounded by its
    month: it shows what that month holds.)"""
    starts = datetime.datetime.combine(
        clock.today() + datetime.timedelta(days=20), datetime.time(14), tzinfo=LONDON
    )
    sitting = open_sitting("south-east-london-icp", starts_at=starts)
    body, clerk = sitting.body, sitting.clerk
    body.meets_in_public = True
    body.save()
    pages = {
        "home": "/",
        "body": f"/bodies/{body.slug}/",
        "bodies": "/bodies/",
        "meetings to come": "/meetings/",
        "meetings held": "/meetings/?when=past",
        "register of decisions": f"/bodies/{body.slug}/decisions/",
        "search": "/search/?q=quarter",
        "attendance": f"/bodies/{body.slug}/attendance/",
        "register of interests": f"/bodies/{body.slug}/interests/",
        "forward plan": f"/bodies/{body.slug}/forward-plan/",
        "news feed": f"/bodies/{body.slug}/feed/",
        "sitemap": "/sitemap.xml",
        "open data: meetings": f"/api/events/?body={body.slug}",
        "open data: decisions": "/api/decisions/",
        "open data: agenda items": "/api/agenda-items/",
    }
    client = Client()
    today = clock.today()
    dataset.history([body], clerk, 1.0, today)
    small = {name: cost(client, url) for name, url in pages.items()}
    dataset.history([body], clerk, 3.0, today)
    large = {name: cost(client, url) for name, url in pages.items()}
    # the feed's newest entries are other papers by then, their titles of other lengths
    assert_same(small, large, slack={"news feed": 0.05})


def test_no_member_page_grows_with_the_meetings_held():
    """A member's dashboard (their meetings to come, and those lately held with their
    decisions and minutes) and the page of a meeting held, with its decisions."""
    starts = datetime.datetime.combine(
        clock.today() + datetime.timedelta(days=20), datetime.time(14), tzinfo=LONDON
    )
    sitting = open_sitting("leicestershire-integration-executive", starts_at=starts)
    body, clerk = sitting.body, sitting.clerk
    member = UserFactory(username="lie-member")
    person = sitting.holders["director-public-health"]
    person.user = member
    person.save(update_fields=["user"])
    recently_held(body, clerk, 12)  # more than the dashboard lists as lately held
    today = clock.today()
    dataset.history([body], clerk, 1.0, today)
    held = Meeting.objects.filter(body=body, items__decisions__isnull=False).latest("starts_at")
    pages = {
        "dashboard": "/dashboard/",
        "meeting held": f"/meetings/{held.pk}/",
        "meetings held": "/meetings/?when=past",
    }
    client = signed_in(member)
    small = {name: cost(client, url) for name, url in pages.items()}
    dataset.history([body], clerk, 3.0, today)
    large = {name: cost(client, url) for name, url in pages.items()}
    assert_same(small, large)
