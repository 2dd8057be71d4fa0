"""Whole pages kept and served again: never to anyone else, never after a table they read has
changed (through a page, a queryset update or a worker), never with a message meant for one
view, never with another browser's CSRF secret, never as another kind of answer (the open
data's JSON is not its browsable page), and never into the next minute. The open data's throttle
counts a kept answer as it counts a built one.

These tests commit (a kept page is checked against versions raised when a write commits), so
they run in transactions of their own; a response served from the cache renders no template.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.throttling import AnonRateThrottle

from governance.models import Body
from governance.rules.words import LONDON
from meetings.models import Meeting, PlannedItem
from members.models import Appointment
from tests.conftest import client_for
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True)
NOW = datetime.datetime(2027, 2, 10, 12, 0, 5, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def kept(response) -> bool:
    """Served from the cache: nothing was rendered for it."""
    assert response.status_code == 200
    return not response.templates


@pytest.fixture
def planned(world):
    world.users["clerk"].secretariat_bodies.add(world.public_body)
    world.meeting = MeetingFactory(
        body=world.public_body, starts_at=NOW + datetime.timedelta(days=30), held_in_public=True
    )
    return world


def test_a_page_is_kept_and_a_change_made_through_a_page_is_seen_at_once(planned):
    public = client_for(planned, "anonymous")
    url = f"/bodies/{planned.public_body.slug}/forward-plan/"
    first = public.get(url)
    assert not kept(first) and "Winter plan" not in first.content.decode()
    again = public.get(url)
    assert kept(again) and again.content == first.content

    clerk = client_for(planned, "clerk")
    added = clerk.post(url, {"title": "Winter plan", "meeting": planned.meeting.pk})
    assert added.status_code == 302

    after = public.get(url)
    assert not kept(after) and "Winter plan" in after.content.decode()
    assert kept(public.get(url))


def test_a_write_outside_any_page_is_seen_at_once(planned):
    """A worker's or a command's queryset update, which sends no signal, counts as well."""
    public = client_for(planned, "anonymous")
    url = f"/meetings/{planned.meeting.pk}/"
    assert "Committee Room 1" in public.get(url).content.decode()
    assert kept(public.get(url))
    Meeting.objects.filter(pk=planned.meeting.pk).update(location="The Great Hall")
    after = public.get(url)
    assert not kept(after) and "The Great Hall" in after.content.decode()
    PlannedItem.objects.create(
        body=planned.public_body, title="Unrelated", added_at=NOW, added_by=planned.users["clerk"]
    )
    assert kept(public.get(url)), "a page is kept while the tables it read are unchanged"


def test_a_member_whose_appointment_ends_is_not_served_the_page_they_saw(world):
    meeting = MeetingFactory(body=world.body, location="Room CLOSEDMARK")
    member = client_for(world, "member")
    url = f"/meetings/{meeting.pk}/"
    member.get(url)  # the first gives the browser its CSRF cookie
    assert "CLOSEDMARK" in member.get(url).content.decode()
    assert kept(member.get(url))
    assert "CLOSEDMARK" not in client_for(world, "other_member").get(url).content.decode()

    Appointment.objects.filter(person__user=world.users["member"]).delete()
    response = member.get(url)
    assert "CLOSEDMARK" not in response.content.decode()


def test_a_signed_in_account_is_read_once_and_any_change_to_it_is_seen_at_once(planned):
    """Kept or built, a page reads the signed-in account from the database only after the
    accounts table has changed; a new name, a sign-out everywhere or a closed account is seen
    by the very next request."""
    member = client_for(planned, "member")
    user = planned.users["member"]
    url = f"/meetings/{planned.meeting.pk}/"
    member.get(url)  # the CSRF cookie

    def reads_account() -> tuple[object, bool]:
        with CaptureQueriesContext(connection) as queries:
            response = member.get(url)
        return response, any('FROM "members_user"' in query["sql"] for query in queries)

    first, read = reads_account()
    assert not read and not kept(first)  # built with the CSRF cookie; the account is kept
    with CaptureQueriesContext(connection) as queries:
        assert kept(member.get(url))
    assert len(queries) == 2, [q["sql"] for q in queries]  # the versions and the session

    User = type(user)
    User.objects.filter(pk=user.pk).update(first_name="Renamed")
    renamed, read = reads_account()
    assert read and not kept(renamed) and "Signed in as Renamed" in renamed.content.decode()
    again, read = reads_account()
    assert not read and kept(again)

    User.objects.filter(pk=user.pk).update(session_generation=user.session_generation + 1)
    assert "Signed in as" not in member.get(url).content.decode()


def test_a_closed_account_is_signed_out_at_once(planned):
    member = client_for(planned, "member")
    url = f"/meetings/{planned.meeting.pk}/"
    member.get(url)  # the CSRF cookie, then the page kept with it
    member.get(url)
    assert kept(member.get(url))
    type(planned.users["member"]).objects.filter(pk=planned.users["member"].pk).update(
        is_active=False
    )
    assert "Signed in as" not in member.get(url).content.decode()


def test_the_account_pages_are_kept_but_never_those_holding_a_secret(planned):
    """Your sign-in, changing the password and the lock-outs are pages like any other; the
    sign-in, password reset and two-factor pages hold secrets in the session."""
    clerk, public = client_for(planned, "clerk"), client_for(planned, "anonymous")
    for client, url in (
        (clerk, "/accounts/security/"),
        (clerk, "/accounts/password_change/"),
        (clerk, "/accounts/lockouts/"),
    ):
        client.get(url)
        client.get(url)
        assert kept(client.get(url)), url
    for client, url in (
        (clerk, "/accounts/two-factor/setup/"),
        (public, "/accounts/login/"),
        (public, "/accounts/password_reset/"),
    ):
        for _ in range(3):
            assert not kept(client.get(url)), url


def test_a_message_is_shown_once_and_never_kept(planned):
    clerk = client_for(planned, "clerk")
    url = f"/bodies/{planned.public_body.slug}/forward-plan/"
    clerk.get(url)
    response = clerk.post(url, {"title": "Winter plan"}, follow=True)
    message = response.context["messages"]
    assert len(list(message)) == 1
    shown = response.content.decode()
    later = clerk.get(url)
    assert later.content.decode() != shown and not kept(later)
    assert kept(clerk.get(url))


def test_a_page_that_made_a_csrf_secret_is_not_kept(planned):
    clerk = client_for(planned, "clerk")
    url = f"/bodies/{planned.public_body.slug}/forward-plan/"  # the clerk's page has forms
    first = clerk.get(url)
    assert django_settings.CSRF_COOKIE_NAME in first.cookies
    second = clerk.get(url)  # now sends the cookie it was given
    assert not kept(second)
    assert kept(clerk.get(url))
    other_browser = client_for(planned, "clerk")
    other_browser.cookies[django_settings.CSRF_COOKIE_NAME] = "c" * 32
    assert not kept(other_browser.get(url)), "another browser's token is never served"


def test_a_page_is_kept_for_a_minute_of_the_clock_at_most(planned, page_cache):
    public = client_for(planned, "anonymous")
    url = f"/bodies/{planned.public_body.slug}/"
    public.get(url)
    assert kept(public.get(url))
    page_cache.shift(datetime.timedelta(seconds=60))
    assert not kept(public.get(url))


def test_an_htmx_request_has_its_own_entry(planned):
    public = client_for(planned, "anonymous")
    url = f"/bodies/{planned.public_body.slug}/forward-plan/"
    public.get(url)
    fragment = public.get(url, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="plan")
    assert not kept(fragment)


def test_open_data_is_kept_for_each_kind_of_answer_and_every_request_is_throttled(
    planned, monkeypatch
):
    monkeypatch.setitem(AnonRateThrottle.THROTTLE_RATES, "anon", "6/minute")
    public = client_for(planned, "anonymous")
    url = "/api/bodies/"
    json, html = "application/json", "text/html"

    def answer(accept: str):
        with CaptureQueriesContext(connection) as queries:
            response = public.get(url, HTTP_ACCEPT=accept)
        built = any('"governance_body"' in query["sql"] for query in queries)
        return response, built

    first, built = answer(json)
    assert built and first["Content-Type"] == json
    again, built = answer(json)
    assert not built and again.content == first.content
    page, built = answer(html)
    assert built and page["Content-Type"].startswith(html) and b"<html" in page.content

    Body.objects.filter(pk=planned.public_body.pk).update(name="Renamed Partnership")
    renamed, built = answer(json)
    assert built and "Renamed Partnership" in renamed.content.decode()
    assert not answer(json)[1]
    assert answer(json)[0].status_code == 200  # the sixth request this minute, kept
    refused, built = answer(json)
    assert refused.status_code == 429 and not built


def test_while_tables_are_migrated_no_version_is_raised(planned):
    """The migrations run before the versions' own table exists; a deployment's kept pages
    last a minute of the clock at most."""
    from django.apps import apps
    from django.db.models.signals import post_migrate, pre_migrate

    from pagecache.models import TableVersion

    app = apps.get_app_config("pagecache")
    signal = {"sender": app, "app_config": app, "verbosity": 0, "interactive": False}

    def version() -> int:
        found = TableVersion.objects.filter(name="meetings_meeting").first()
        return found.version if found else 0

    before = version()
    pre_migrate.send(**signal, using="default")
    Meeting.objects.update(location="Moved")
    assert version() == before
    post_migrate.send(**signal, using="default")
    Meeting.objects.update(location="Moved again")
    assert version() == before + 1


def test_the_watch_outlasts_a_wrapper_put_round_a_new_connection():
    """``connection.execute_wrapper()`` takes the last wrapper off when it ends: a connection
    made inside one must keep the page cache's watch, and lose the other."""
    from django.db import connection

    from pagecache import versions

    def theirs(execute, sql, params, many, context):
        return execute(sql, params, many, context)

    connection.close()
    connection.execute_wrappers.clear()  # as on a thread's first connection
    with connection.execute_wrapper(theirs):
        connection.ensure_connection()
    assert connection.execute_wrappers == [versions._track]
