from __future__ import annotations

from django.core.management.base import BaseCommand

from config import clock
from meetings.services.resolutions import resolutions_decide_due
from notices.sweeps import sweep


class Command(BaseCommand):
    help = (
        "Send today's reminders, and decide the written resolutions whose date for answers "
        "has passed: what beat runs in production, for the embedded default, where no beat "
        "runs. Running it again sends nothing twice."
    )

    def handle(self, *args, **options):
        decided = resolutions_decide_due(clock.now())
        if decided:
            self.stdout.write(f"{decided} written resolution{'s' * (decided != 1)} decided.")
        claimed = sweep(clock.today())
        self.stdout.write(f"{claimed} reminder{'s' * (claimed != 1)} sent today.")
