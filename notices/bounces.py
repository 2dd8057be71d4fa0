"""Bounces: a delivery status notification (RFC 3464) returned for a notice is matched to
the notice by the signed header every notice carries, and recorded on it, so the log shows
which addresses failed and the secretariat can correct them and send again. Delays (4.x.x)
are not failures; only permanent failures are recorded."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass

from django.core import signing

from config import clock

from .models import Notice

BOUNCE_HEADER = "X-Quorate-Notice"
_signer = signing.Signer(salt="notices.bounce")


def bounce_tag(notice_id: int) -> str:
    """The header value that ties a bounce to its notice; signed, so a forged bounce cannot
    mark another notice as bounced."""
    return _signer.sign(str(notice_id))


@dataclass(frozen=True)
class Bounce:
    notice_id: int
    recipient: str
    status: str
    diagnosis: str


def bounce_read(raw: bytes) -> Bounce | None:
    """The permanent failure a message reports for one of our notices, or None (not a
    bounce, a delay, or not about a notice of ours)."""
    message = email.message_from_bytes(raw, policy=email.policy.default)
    tag, fields = None, {}
    for part in message.walk():
        kind = part.get_content_type()
        if kind == "message/delivery-status":
            for block in part.get_payload():
                for name in ("Final-Recipient", "Action", "Status", "Diagnostic-Code"):
                    if block.get(name) and name not in fields:
                        fields[name] = str(block.get(name))
        elif kind in ("message/rfc822", "text/rfc822-headers"):
            original = part.get_payload()
            if isinstance(original, list):
                original = original[0]
            elif isinstance(original, str):
                original = email.message_from_string(original, policy=email.policy.default)
            tag = tag or original.get(BOUNCE_HEADER)
    if not tag or fields.get("Action", "").lower() != "failed":
        return None
    if not fields.get("Status", "5").startswith("5"):
        return None
    try:
        notice_id = int(_signer.unsign(str(tag).strip()))
    except (signing.BadSignature, ValueError):
        return None
    recipient = fields.get("Final-Recipient", "").split(";")[-1].strip()
    return Bounce(notice_id, recipient, fields.get("Status", ""), fields.get("Diagnostic-Code", ""))


def bounce_record(raw: bytes) -> Notice | None:
    """Record the bounce on its notice; None if the message is not one."""
    bounce = bounce_read(raw)
    if bounce is None:
        return None
    notice = Notice.objects.filter(pk=bounce.notice_id).first()
    if notice is None:
        return None
    diagnosis = bounce.diagnosis.split(";", 1)[-1].strip() or "no reason given"
    notice.status, notice.bounced_at = Notice.Status.BOUNCED, clock.now()
    recipient = bounce.recipient or notice.address
    notice.error = f"Bounced ({bounce.status}) for {recipient}: {diagnosis}"
    notice.save(update_fields=["status", "bounced_at", "error"])
    return notice
