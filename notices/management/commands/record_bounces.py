from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from notices.bounces import bounce_record

MAX_BYTES = 10 * 1024 * 1024


class Command(BaseCommand):
    help = (
        "Record bounced notices: give the bounce messages (delivery status notifications) "
        "returned to the sending address, each saved as an .eml file, or '-' to read one "
        "from standard input (as a mail server's pipe does). Each permanent failure is "
        "recorded on its notice, which the notices log then shows as bounced, with the "
        "reason; other messages are ignored. Exits with status 2 if a file cannot be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="a bounce message, or -")

    def handle(self, *args, **options):
        recorded = ignored = 0
        for name in options["files"]:
            raw = self._read(name)
            notice = bounce_record(raw)
            if notice is None:
                ignored += 1
                continue
            recorded += 1
            self.stdout.write(f"{name}: {notice.subject} to {notice.address}: {notice.error}")
        self.stdout.write(
            f"{recorded} bounce{'s' * (recorded != 1)} recorded; {ignored} message"
            f"{'s were' if ignored != 1 else ' was'} not a bounce of a Quorate notice."
        )

    def _read(self, name: str) -> bytes:
        if name == "-":
            return sys.stdin.buffer.read(MAX_BYTES)
        path = Path(name)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise CommandError(f"{name}: larger than a bounce message can be.", returncode=2)
            return path.read_bytes()
        except OSError as error:
            raise CommandError(f"{name}: {error.strerror or error}.", returncode=2) from error
