"""A bounce returned for a notice is recorded on it: the log shows it bounced, with the
server's reason, and it can be sent again. Only permanent failures count; a forged or
foreign message changes nothing; a file that cannot be read is refused with status 2."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from notices.models import Notice
from tests.meetings.workspace import signed_in

from .test_agenda_notices import published as published_fixture

pytestmark = pytest.mark.django_db
published = published_fixture


def dsn(tag: str, *, status="5.1.1", action="failed", to="gone@example.org") -> bytes:
    """A delivery status notification as Postfix writes one."""
    return (
        "From: MAILER-DAEMON@mail.example.org\r\n"
        "To: quorate@example.org\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n--B\r\nContent-Type: text/plain\r\n\r\nThe mail system could not deliver it.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mail.example.org\r\n\r\n"
        f"Final-Recipient: rfc822; {to}\r\nAction: {action}\r\nStatus: {status}\r\n"
        "Diagnostic-Code: smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected\r\n"
        "\r\n--B\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        f"From: quorate@example.org\r\nTo: {to}\r\nSubject: Agenda\r\n"
        f"X-Quorate-Notice: {tag}\r\n"
        "\r\n--B--\r\n"
    ).encode()


def record(tmp_path, *messages) -> str:
    files = []
    for n, raw in enumerate(messages):
        path = tmp_path / f"bounce-{n}.eml"
        path.write_bytes(raw)
        files.append(str(path))
    out = io.StringIO()
    call_command("record_bounces", *files, stdout=out)
    return out.getvalue()


def test_a_bounce_is_recorded_on_its_notice_and_shown_in_the_log(published, tmp_path):
    sent = mail.outbox[0]
    tag = sent.extra_headers["X-Quorate-Notice"]
    notice = Notice.objects.get(address=sent.to[0], kind="agenda_published")
    assert tag.split(":")[0] == str(notice.pk)
    # The first attempt's own Message-ID: the same again only if this attempt is repeated.
    assert sent.extra_headers["Message-ID"] == f"<notice-{notice.pk}-1@localhost>"
    output = record(tmp_path, dsn(tag), dsn(tag, status="4.4.1", action="delayed"), b"Hello")
    assert "1 bounce recorded; 2 messages were not a bounce of a Quorate notice." in output
    notice.refresh_from_db()
    assert notice.status == Notice.Status.BOUNCED
    assert notice.error == (
        "Bounced (5.1.1) for gone@example.org: 550 5.1.1 <gone@example.org>: Recipient "
        "address rejected"
    )
    log = signed_in(published[0].clerk).get("/notices/log/", {"status": "bounced"})
    assert "Recipient address rejected" in log.content.decode()
    assert "Send again" in log.content.decode()


def test_a_forged_tag_changes_nothing(published, tmp_path):
    notice = Notice.objects.filter(kind="agenda_published").first()
    output = record(tmp_path, dsn(f"{notice.pk}:forged"), dsn(str(notice.pk)))
    assert "0 bounces recorded" in output
    notice.refresh_from_db()
    assert notice.status == Notice.Status.SENT


def test_a_file_that_cannot_be_read_is_refused_with_status_2(db, tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("record_bounces", str(tmp_path / "missing.eml"), stdout=io.StringIO())
    assert raised.value.returncode == 2
    assert "missing.eml: No such file or directory." in str(raised.value)
