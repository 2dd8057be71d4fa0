"""The embedded default's e-mail: printed to the console (the terminal that runs
``make run``) and kept in the in-app outbox, where each person reads only the mail addressed
to them.

A message that carries a secret (a password reset link, a private calendar address) says so
with the ``SECRET_HEADER``; the outbox keeps only a note that it was sent, never the secret,
so no one can read it there, however the outbox is shown.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

# The name of a header, not a secret.
SECRET_HEADER = "X-Quorate-Secret"  # nosec B105
WITHHELD = (
    "This message held a private link for its recipient only, so Quorate does not keep it "
    "here. It was sent to the recipient's e-mail address."
)


_printed = ContextVar("outbox_printed", default=True)


@contextmanager
def unprinted():
    """Mail sent inside is kept in the outbox but not printed: the demo's history sends over
    a hundred messages, which would bury the sign-ins ``make run`` prints after them."""
    token = _printed.set(False)
    try:
        yield
    finally:
        _printed.reset(token)


class OutboxEmailBackend(ConsoleBackend):
    def send_messages(self, email_messages):
        from .models import OutboxMessage

        sent = super().send_messages(email_messages) if _printed.get() else len(email_messages)
        for message in email_messages:
            secret = bool(message.extra_headers.get(SECRET_HEADER))
            html = next(
                (
                    body
                    for body, mime in getattr(message, "alternatives", [])
                    if mime == "text/html"
                ),
                "",
            )
            OutboxMessage.objects.create(
                to=", ".join(message.recipients()),
                subject=message.subject,
                body=WITHHELD if secret else message.body,
                html_body="" if secret else html,
                withheld=secret,
            )
        return sent
