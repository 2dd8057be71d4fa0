"""Sending a notice exactly once. A notice is claimed first (a row whose key is unique), then
sent by a task that takes its id; a claim already sent, or being sent, is never sent again,
and a claim a dead worker left behind is taken up again after ``STALE``."""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass
from email.mime.text import MIMEText
from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q

from config import clock

from .bounces import BOUNCE_HEADER, bounce_tag
from .models import Notice

logger = logging.getLogger(__name__)
STALE = datetime.timedelta(minutes=15)
BATCH = 500


@dataclass(frozen=True)
class Message:
    key: str  # kind:object:recipient[:due date], unique for ever
    kind: str
    address: str
    subject: str
    text: str
    html: str = ""
    person: object = None
    meeting: object = None
    body: object = None  # where there is no meeting (a written resolution, a duty)
    ics: str = ""
    ics_method: str = ""
    statutory: bool = True


def _fields(message: Message) -> dict:
    return {
        "key": message.key,
        "kind": message.kind,
        "address": message.address,
        "subject": message.subject,
        "text": message.text,
        "html": message.html,
        "person": message.person,
        "meeting": message.meeting,
        "body": message.body or (message.meeting.body if message.meeting else None),
        "ics": message.ics,
        "ics_method": message.ics_method,
        "statutory": message.statutory,
    }


def notice_claim(message: Message) -> Notice | None:
    """Claim the notice, or None if it has been sent or is being sent."""
    now = clock.now()
    try:
        with transaction.atomic():
            return Notice.objects.create(claimed_at=now, **_fields(message))
    except IntegrityError:
        pass
    with transaction.atomic():
        notice = Notice.objects.select_for_update().get(key=message.key)
        if notice.status == Notice.Status.SENT:
            return None
        if notice.status == Notice.Status.CLAIMED and now - notice.claimed_at < STALE:
            return None
        notice.status, notice.claimed_at = Notice.Status.CLAIMED, now
        notice.save(update_fields=["status", "claimed_at"])
        return notice


def notices_claim(messages: list[Message]) -> list[Notice]:
    """Claim many at once, as a sweep does, in a few queries whatever their number. The
    claims are this call's own where its token is on them: a sweep running at the same time
    inserts its own rows or finds these taken, never both."""
    token, now = uuid.uuid4().hex, clock.now()
    for start in range(0, len(messages), BATCH):
        batch = messages[start : start + BATCH]
        known = set(
            Notice.objects.filter(key__in=[m.key for m in batch]).values_list("key", flat=True)
        )
        Notice.objects.bulk_create(
            [
                Notice(claimed_at=now, claim=token, **_fields(m))
                for m in batch
                if m.key not in known
            ],
            ignore_conflicts=True,
        )
        # A failed send, or a claim a dead worker left, is taken up again: the update's
        # condition is checked again on each row it locks, so only one sweep takes each.
        Notice.objects.filter(key__in=known).filter(
            Q(status=Notice.Status.FAILED)
            | Q(status=Notice.Status.CLAIMED, claimed_at__lt=now - STALE)
        ).update(status=Notice.Status.CLAIMED, claimed_at=now, claim=token)
    return list(Notice.objects.filter(claim=token).only("pk"))


def notice_queue(message: Message) -> Notice | None:
    """Claim the notice and send it once the change that called for it commits."""
    notice = notice_claim(message)
    if notice is not None:
        _send_after_commit([notice])
    return notice


def notices_queue(messages: list[Message]) -> int:
    """Claim the notices and send each once the sweep commits; returns how many it claimed."""
    claimed = notices_claim(messages)
    _send_after_commit(claimed)
    return len(claimed)


def _send_after_commit(notices: list[Notice]) -> None:
    from .tasks import send_notice  # the task module imports this one

    for notice in notices:
        transaction.on_commit(lambda pk=notice.pk: send_notice.delay(pk))


def message_id(notice: Notice) -> str:
    """The same for a task handed out again after its worker died mid-send (the attempt was
    never recorded), so a mail system that already took the message can drop the second
    copy; a new one for a deliberate "Send again" or a retry after a recorded failure."""
    domain = parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "quorate"
    return f"<notice-{notice.pk}-{notice.attempts}@{domain}>"


def notice_send(notice_id: int) -> Notice:
    """Send a claimed notice; a failure is recorded and raised (the task retries it)."""
    notice = Notice.objects.get(pk=notice_id)
    if notice.status == Notice.Status.SENT:
        return notice
    notice.attempts += 1
    email = EmailMultiAlternatives(
        subject=notice.subject,
        body=notice.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.address],
        headers={BOUNCE_HEADER: bounce_tag(notice.pk), "Message-ID": message_id(notice)},
    )
    if notice.html:
        email.attach_alternative(notice.html, "text/html")
    if notice.ics:
        part = MIMEText(notice.ics, "calendar", "utf-8")
        part.set_param("method", notice.ics_method)
        part.add_header("Content-Disposition", "attachment", filename="meeting.ics")
        email.attach(part)
    try:
        email.send()
    except Exception as error:  # SMTP refusals, timeouts, a server away: all retried
        notice.status, notice.error = Notice.Status.FAILED, f"{type(error).__name__}: {error}"
        notice.save(update_fields=["status", "error", "attempts"])
        logger.warning("Notice %s to %s failed: %s", notice.key, notice.address, error)
        raise
    notice.status, notice.sent_at, notice.error = Notice.Status.SENT, clock.now(), ""
    notice.save(update_fields=["status", "sent_at", "error", "attempts"])
    return notice


def notice_resend(notice: Notice) -> None:
    """Send a notice again at the secretariat's request (a bounced address since corrected,
    say): the one deliberate second sending, recorded as another attempt."""
    Notice.objects.filter(pk=notice.pk).update(status=Notice.Status.CLAIMED, claimed_at=clock.now())
    from .tasks import send_notice

    transaction.on_commit(lambda: send_notice.delay(notice.pk))
