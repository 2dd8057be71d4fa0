"""A member's own calendar: a private address their calendar polls without signing in,
carrying the meetings of the bodies they serve, sit on or deputise for. The secret is made
here and only its digest kept."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction

from members.models import CalendarToken


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def make_address(user, now) -> str:
    """A new secret for the user, replacing (and so revoking) any earlier one."""
    secret = secrets.token_urlsafe(32)
    CalendarToken.objects.update_or_create(
        user=user, defaults={"digest": digest(secret), "created_at": now}
    )
    return secret


def stop_address(user) -> None:
    CalendarToken.objects.filter(user=user).delete()


def owner(secret: str):
    """The user whose address this is, or None."""
    token = CalendarToken.objects.select_related("user").filter(digest=digest(secret)).first()
    return token.user if token and token.user.is_active else None
