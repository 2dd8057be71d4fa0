from __future__ import annotations

import datetime

from django.core.management.base import BaseCommand, CommandError

from config import clock
from governance.bodyfile import BodyFileError, in_dependency_order, read
from governance.services import body_import


class Command(BaseCommand):
    help = (
        "Import body definition files (YAML; see governance/bodies/README.md). Every file is "
        "checked before anything is written. Importing the same file again changes nothing. "
        "If the rules of a version already in force have changed, a new version is made, in "
        "force from today, and the old one is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="body files to import")
        parser.add_argument(
            "--dry-run", action="store_true", help="say what would change, and change nothing"
        )
        parser.add_argument(
            "--effective-from",
            type=datetime.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="when a changed rule comes into force (default: today)",
        )

    def handle(self, *args, **options):
        try:
            files = in_dependency_order([read(path) for path in options["files"]])
        except BodyFileError as error:
            raise CommandError(f"Nothing was imported.\n{error}", returncode=2) from error
        for body_file in files:
            report = body_import(
                body_file=body_file,
                dry_run=options["dry_run"],
                today=options["effective_from"] or clock.today(),
            )
            verb = "would change" if options["dry_run"] else "changed"
            if not report.changes:
                self.stdout.write(f"{report.body}: up to date, nothing {verb}.")
                continue
            self.stdout.write(f"{report.body}: {len(report.changes)} {verb}:")
            for line in report.changes:
                self.stdout.write(f"  {line}")
