from __future__ import annotations

import yaml
from django.core.management.base import BaseCommand, CommandError

from governance.models import Body
from governance.services import body_export


class Command(BaseCommand):
    help = (
        "Write a body, its seats and every version of its terms of reference with their rules "
        "as a body file (YAML) on standard output. The file imports back unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", metavar="SLUG", help="the body's short web name")

    def handle(self, *args, **options):
        body = Body.objects.filter(slug=options["slug"]).first()
        if body is None:
            raise CommandError(f"There is no body '{options['slug']}'.", returncode=2)
        self.stdout.write(
            yaml.safe_dump(body_export(body), sort_keys=False, allow_unicode=True, width=96),
            ending="",
        )
