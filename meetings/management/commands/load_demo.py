from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import pluralize

from config import clock
from governance.bodyfile import BodyFileError
from meetings import demo
from members import outbox
from members.models import OutboxMessage


class Command(BaseCommand):
    help = (
        "Load the demo: the five seed bodies from governance/bodies/ with their seats, "
        "fictional people in the seats (a few left vacant), nominated deputies, declared "
        "interests, the year of meetings before today and the year after, and the demo "
        "sign-ins. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-demo-users",
            action="store_true",
            help="Create the demo sign-ins even with DEBUG off (never on a live service).",
        )

    def handle(self, *args, **options):
        with_users = settings.DEBUG or options["allow_demo_users"]
        kept = OutboxMessage.objects.count()
        try:
            with outbox.unprinted():
                counts = demo.load(today=clock.today(), with_users=with_users)
        except BodyFileError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Loaded {counts['bodies']} bodies; {counts['meetings']} new meetings scheduled."
        )
        kept = OutboxMessage.objects.count() - kept
        if kept:
            self.stdout.write(
                f"The demo's meetings sent {kept} e-mail{pluralize(kept)}, kept in the outbox "
                "(/outbox/) of each person they were sent to, not printed here."
            )
        if with_users:
            self.stdout.write(f"\nDemo sign-ins (password for each: {demo.DEMO_PASSWORD}):")
            for username, description in demo.logins():
                self.stdout.write(f"  {username:<12} {description}")
        else:
            self.stdout.write("Demo sign-ins not created: DEBUG is off.")
