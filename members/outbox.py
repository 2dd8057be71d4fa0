"""The embedded default's e-mail backend: print to the console and keep a copy in the outbox."""

from __future__ import annotations

from django.core.mail.backends.console import EmailBackend as ConsoleBackend


class OutboxEmailBackend(ConsoleBackend):
    def send_messages(self, email_messages):
        from .models import OutboxMessage

        sent = super().send_messages(email_messages)
        for message in email_messages:
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
                body=message.body,
                html_body=html,
            )
        return sent
