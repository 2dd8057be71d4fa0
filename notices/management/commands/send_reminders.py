from __future__ import annotations

from django.core.management.base import BaseCommand

from config import clock
from notices.sweeps import sweep


class Command(BaseCommand):
    help = (
        "Send today's reminders: the same sweep beat runs each morning, for the embedded "
        "default, where no beat runs. Running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        claimed = sweep(clock.today())
        self.stdout.write(f"{claimed} reminder{'s' * (claimed != 1)} sent today.")
