from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config import clock
from governance import yamlfile
from governance.bodyfile import BodyFile
from governance.management.commands._bodies import body_or_file, terms_in_force
from governance.snapshot import membership_of
from governance.whatif import AttendanceError, check_quorum, shape_problems, with_vacancies
from members.snapshots import snapshot

MAX_ATTENDANCE_BYTES = 256 * 1024


class Command(BaseCommand):
    help = (
        "Would this attendance be quorate? BODY is a body's slug (its members on the date) or "
        "a body file (every seat filled unless the attendance lists it as vacant). The "
        "attendance file (YAML) lists the seats present, deputies (for which seat, and whether "
        "the chair agreed), people in attendance, seats withdrawn for a conflict, apologies "
        "and who presides: see governance/bodies/README.md. Exits with status 2 on bad input."
    )

    def add_arguments(self, parser):
        parser.add_argument("body", metavar="BODY", help="a body's slug or a body file")
        parser.add_argument(
            "--attendance", required=True, metavar="FILE", help="the attendance file (YAML)"
        )
        parser.add_argument(
            "--business",
            metavar="TYPE",
            help="the business type of the item (default: the body's first)",
        )
        parser.add_argument(
            "--on",
            type=datetime.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="the meeting date, for the rules and members then (default: today)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        on = options["on"] or clock.today()
        target = body_or_file(options["body"])
        spec = self._attendance(options["attendance"])
        if isinstance(target, BodyFile):
            name, rules = target.data["body"]["name"], target.rules()
            membership = with_vacancies(membership_of(target), spec.get("vacant") or [])
            holders = {}
        else:
            terms_in_force(target, on)
            state = snapshot(target, on)
            name, rules, membership, holders = (
                target.name,
                state.rules,
                state.membership,
                state.holders,
            )
        try:
            rules.business(options["business"])
        except ValueError as error:
            raise CommandError(f"--business: {error}", returncode=2) from error
        try:
            outcome = check_quorum(
                rules, membership, spec, business=options["business"], on=on, holders=holders
            )
        except (AttendanceError, ValueError) as error:
            raise CommandError(f"{options['attendance']}: {error}", returncode=2) from error
        if options["json"]:
            self.stdout.write(json.dumps(outcome.to_dict(), indent=2))
            return
        self._report(name, outcome)

    def _attendance(self, path: str) -> dict:
        try:
            spec = yamlfile.load(Path(path), max_bytes=MAX_ATTENDANCE_BYTES) or {}
        except yamlfile.YamlFileError as error:
            raise CommandError(f"{path}: {error}", returncode=2) from error
        if not isinstance(spec, dict):
            raise CommandError(f"{path}: the attendance must be a mapping.", returncode=2)
        if problems := shape_problems(spec):
            raise CommandError("\n".join(f"{path}: {p}" for p in problems), returncode=2)
        return spec

    def _report(self, name: str, outcome) -> None:
        result = outcome.result
        write = self.stdout.write
        write(f"{name}: {result.business}")
        write(result.headline)
        if result.shortfall:
            write(result.shortfall)
        write(outcome.presiding.reason)
        for row in result.requirements:
            mark = "met" if row.met else "NOT MET"
            who = ", ".join(row.counted) or "no one"
            write(f"  [{mark}] {row.label}: {who}")
        for line in result.explanation[1:]:
            write(f"  {line}")
        if result.critical:
            write(
                f"If any one of these left, the meeting would not be quorate: "
                f"{', '.join(result.critical)}."
            )
        if result.clause:
            write(f"Rule: \u201c{result.clause}\u201d")
