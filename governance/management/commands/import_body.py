from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
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
            try:
                report = body_import(
                    body_file=body_file,
                    dry_run=options["dry_run"],
                    today=options["effective_from"] or clock.today(),
                )
            except ValidationError as error:  # what the records refuse, though the file is valid
                problems = "\n".join(
                    f"  {'' if field == '__all__' else f'{field}: '}{message}"
                    for field, messages in getattr(
                        error, "message_dict", {"__all__": error.messages}
                    ).items()
                    for message in messages
                )
                raise CommandError(
                    f"{body_file.source}: nothing of this body was imported.\n{problems}",
                    returncode=2,
                ) from error
            verb = "would change" if options["dry_run"] else "changed"
            if not report.changes:
                self.stdout.write(f"{report.body}: up to date, nothing {verb}.")
                continue
            self.stdout.write(f"{report.body}: {len(report.changes)} {verb}:")
            for line in report.changes:
                self.stdout.write(f"  {line}")
