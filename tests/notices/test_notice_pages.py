"""Notices in the application: each person reads their own and no one else's; the
secretariat searches the log of the bodies it serves and sends a notice again; the pages
cost the same queries however many notices there are."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from notices.models import Notice
from tests.factories import UserFactory
from tests.meetings.workspace import signed_in

from .test_agenda_notices import published as published_fixture

pytestmark = pytest.mark.django_db
published = published_fixture


def member_user(notice: Notice):
    person = notice.person
    person.user = UserFactory(username=f"member-{person.pk}")
    person.save(update_fields=["user"])
    return person.user


def test_a_member_reads_their_own_notices_and_no_one_elses(published):
    mine, theirs = Notice.objects.order_by("pk")[:2]
    member = signed_in(member_user(mine))
    page = member.get("/notices/").content.decode()
    assert mine.subject in page and f"/notices/{mine.pk}/" in page
    assert f"/notices/{theirs.pk}/" not in page
    detail = member.get(f"/notices/{mine.pk}/").content.decode()
    assert "Community diagnostics" in detail and "With a calendar invitation." in detail
    assert member.get(f"/notices/{theirs.pk}/").status_code == 404
    assert member.get("/notices/log/").status_code == 403
    assert Client().get("/notices/").status_code == 302


def test_the_secretariat_searches_the_log_and_sends_a_notice_again(
    published, world, django_capture_on_commit_callbacks
):
    setting, _ = published
    notice = Notice.objects.order_by("pk").first()
    clerk = signed_in(setting.clerk)
    found = clerk.get("/notices/log/", {"q": notice.address}).content.decode()
    assert found.count("Send again") == 1 and notice.address in found
    Notice.objects.filter(pk=notice.pk).update(status="failed", error="550 Mailbox unavailable")
    failed = clerk.get("/notices/log/", {"status": "failed"}).content.decode()
    assert "550 Mailbox unavailable" in failed and failed.count("Send again") == 1
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(f"/notices/{notice.pk}/resend/", follow=True)
    assert f"Sending again to {notice.address}" in response.content.decode()
    assert len(mail.outbox) == sent + 1 and mail.outbox[-1].to == [notice.address]
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, notice.error) == ("sent", 2, "")
    # Another body's secretariat sees none of this body's notices.
    other = signed_in(world.users["clerk"])
    assert "Send again" not in other.get("/notices/log/").content.decode()
    assert other.post(f"/notices/{notice.pk}/resend/").status_code == 404
    assert other.get(f"/notices/{notice.pk}/").status_code == 404


def test_the_log_and_a_persons_list_cost_the_same_at_two_sizes(published):
    setting, _ = published
    first = Notice.objects.order_by("pk").first()
    member = signed_in(member_user(first))
    clerk = signed_in(setting.clerk)
    counts = []
    for extra in (3, 60):
        Notice.objects.bulk_create(
            Notice(
                key=f"test:{extra}:{n}",
                kind="test",
                person=first.person,
                address=first.address,
                meeting=first.meeting,
                subject=f"Test {n}",
                text="",
                claimed_at=first.claimed_at,
            )
            for n in range(extra)
        )
        sizes = []
        for client, url in ((member, "/notices/"), (clerk, "/notices/log/")):
            client.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            sizes.append(len(queries))
        counts.append(sizes)
    assert counts[0] == counts[1]


def test_a_person_opts_out_of_courtesy_reminders_only(published):
    notice = Notice.objects.order_by("pk").first()
    member = signed_in(member_user(notice))
    page = member.get("/notices/").content.decode()
    assert "Send me courtesy reminders" in page and "checked" in page
    response = member.post("/notices/", {}, follow=True)  # the box left unticked
    assert "You will no longer get courtesy reminders." in response.content.decode()
    notice.person.refresh_from_db()
    assert notice.person.courtesy_reminders is False
    member.post("/notices/", {"courtesy_reminders": "on"})
    notice.person.refresh_from_db()
    assert notice.person.courtesy_reminders is True
