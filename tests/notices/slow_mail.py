"""A mail backend for the killed-worker test: like a mail server, it takes a moment to
accept each message. It marks each message as started before the pause and writes it to
its own file after, so the test can kill the worker while a message is being sent."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend

DELAY = 0.3  # seconds, as a slow SMTP server might take


class EmailBackend(FileBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            tag = message.extra_headers.get("X-Quorate-Notice", "untagged")
            name = tag.split(":")[0]
            (Path(self.file_path) / f"started-{name}-{os.getpid()}").touch()
            time.sleep(DELAY)
            (Path(self.file_path) / f"sent-{name}-{time.time_ns()}.eml").write_bytes(
                message.message().as_bytes()
            )
        return len(email_messages)
