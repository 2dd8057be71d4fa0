"""Publishing an agenda tells every member and deputy once: an e-mail in plain text and HTML,
with a calendar invitation (METHOD:REQUEST, the meeting's UID and SEQUENCE) that calendars
accept in place; never a confidential item's title. A retry, a second sweep or a claim left
by a dead worker never sends a notice twice; a failed send is recorded and retried."""

from __future__ import annotations

import datetime
from smtplib import SMTPServerDisconnected
from unittest import mock

import pytest
import time_machine
from django.core import mail
from icalendar import Calendar

from governance.rules.words import LONDON
from meetings.models import Publication
from meetings.services.agenda import agenda_item_add, agenda_start
from notices.models import Notice
from notices.receivers import agenda_notices
from notices.sending import STALE, Message, notice_claim, notice_send
from tests.meetings.workspace import publish, seed_body

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)
NOW = datetime.datetime(2027, 1, 4, 10, 0, tzinfo=LONDON)
SECRET_TITLE = "Award of the ZEBRACONTRACT"


@pytest.fixture
def published(django_capture_on_commit_callbacks):
    with time_machine.travel(NOW, tick=False):
        setting = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
        agenda_start(meeting=setting.meeting, rules=setting.rules)
        agenda_item_add(meeting=setting.meeting, rules=setting.rules, title="Community diagnostics")
        agenda_item_add(
            meeting=setting.meeting,
            rules=setting.rules,
            title=SECRET_TITLE,
            part="B",
            exempt_paragraph=3,
        )
        # The packs that publication renders are the documents tests' business, not these.
        with (
            mock.patch("documents.tasks.render_document.delay"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            publication = publish(setting, NOW)
        yield setting, publication


def calendar_of(message) -> tuple[Calendar, str]:
    part = next(p for p in message.message().walk() if p.get_content_type() == "text/calendar")
    return Calendar.from_ical(part.get_payload(decode=True)), part["Content-Type"]


def test_every_member_and_deputy_is_told_once_with_an_invitation(published):
    setting, publication = published
    people = list(publication.notified.exclude(email=""))
    assert len(people) > 10
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    message = mail.outbox[0]
    assert message.subject == "Agenda: SEL ICP, 14 January 2027"
    assert "Community diagnostics" in message.body
    assert "And 1 confidential (Part B) item: sign in to read it." in message.body
    assert f"/meetings/{setting.meeting.pk}/" in message.body
    html = message.alternatives[0][0]
    assert "Community diagnostics" in html
    for sent in mail.outbox:
        assert SECRET_TITLE not in sent.body and SECRET_TITLE not in sent.alternatives[0][0]
    calendar, content_type = calendar_of(message)
    assert "method=REQUEST" in content_type.replace('"', "")
    assert calendar["METHOD"] == "REQUEST"
    event = calendar.walk("VEVENT")[0]
    assert str(event["UID"]) == f"meeting-{setting.meeting.pk}@quorate"
    assert event["SEQUENCE"] == setting.meeting.revision
    assert event.decoded("DTSTART") == MEETING
    assert str(event["ATTENDEE"]) == f"mailto:{message.to[0]}"
    assert SECRET_TITLE not in calendar.to_ical().decode()
    notices = Notice.objects.filter(kind="agenda_published")
    assert notices.count() == len(people)
    assert {n.status for n in notices} == {Notice.Status.SENT}


def test_a_second_sweep_or_a_retry_sends_nothing_twice(
    published, django_capture_on_commit_callbacks
):
    setting, publication = published
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_notices(sender=Publication, meeting=setting.meeting, publication=publication)
    notice = Notice.objects.first()
    notice_send(notice.pk)  # a retry of a task that had in fact sent it
    assert len(mail.outbox) == sent
    assert Notice.objects.count() == sent


def test_a_claim_left_by_a_dead_worker_is_taken_up_again_and_a_live_one_is_not(published):
    notice = Notice.objects.first()
    message = Message(notice.key, notice.kind, notice.address, notice.subject, notice.text)
    Notice.objects.filter(pk=notice.pk).update(status="claimed", claimed_at=NOW)
    with time_machine.travel(NOW + STALE / 2, tick=False):
        assert notice_claim(message) is None  # another worker is sending it now
    with time_machine.travel(NOW + STALE * 2, tick=False):
        assert notice_claim(message).pk == notice.pk  # that worker died: send it


def test_a_failed_send_is_recorded_then_sent_once_on_retry(published):
    notice = Notice.objects.first()
    Notice.objects.filter(pk=notice.pk).update(status="claimed")
    sent = len(mail.outbox)
    with (
        mock.patch(
            "django.core.mail.EmailMultiAlternatives.send",
            side_effect=SMTPServerDisconnected("Connection unexpectedly closed"),
        ),
        pytest.raises(SMTPServerDisconnected),
    ):
        notice_send(notice.pk)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FAILED
    assert "Connection unexpectedly closed" in notice.error
    notice_send(notice.pk)
    notice.refresh_from_db()
    assert (notice.status, notice.attempts, len(mail.outbox)) == ("sent", 3, sent + 1)


def test_a_supplement_tells_them_what_is_new(published, django_capture_on_commit_callbacks):
    setting, _ = published
    mail.outbox.clear()
    later = NOW + datetime.timedelta(days=1)
    with time_machine.travel(later, tick=False):
        agenda_item_add(meeting=setting.meeting, rules=setting.rules, title="Winter pressures")
        with (
            mock.patch("documents.tasks.render_document.delay"),
            django_capture_on_commit_callbacks(execute=True),
        ):
            publish(setting, later)
    assert mail.outbox and all(m.subject.startswith("Supplementary papers") for m in mail.outbox)
    assert "Winter pressures" in mail.outbox[0].body
    assert "Community diagnostics" not in mail.outbox[0].body


def test_a_mail_server_away_never_fails_the_clerks_publication(published):
    """Eager (the embedded default): the failure stays on record, for "Send again"."""
    from notices.tasks import send_notice

    notice = Notice.objects.first()
    Notice.objects.filter(pk=notice.pk).update(status="claimed")
    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("Connection refused")
    ):
        send_notice.delay(notice.pk)
    notice.refresh_from_db()
    assert notice.status == Notice.Status.FAILED and "Connection refused" in notice.error
