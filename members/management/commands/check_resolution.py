from __future__ import annotations

import datetime
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from config import clock
from governance import yamlfile
from governance.bodyfile import BodyFile
from governance.management.commands._bodies import body_or_file, terms_in_force
from governance.responses import ResponsesError, responses_from
from governance.rules.resolutions import ResponseError, decide_resolution
from governance.snapshot import membership_of
from governance.whatif import with_vacancies
from members.snapshots import snapshot

MAX_RESPONSES_BYTES = 256 * 1024


class Command(BaseCommand):
    help = (
        "Is a decision taken outside a meeting (a written resolution) valid under the body's "
        "rule? BODY is a body's slug (its members on the date) or a body file (every seat "
        "filled unless the responses list it as vacant). The responses file (YAML) lists the "
        "seats for, against and abstaining, those with a conflict, and deputies answering for "
        "an absent member; everyone else in post has not responded. See "
        "governance/bodies/README.md. Exits with status 2 on bad input."
    )

    def add_arguments(self, parser):
        parser.add_argument("body", metavar="BODY", help="a body's slug or a body file")
        parser.add_argument(
            "--responses", required=True, metavar="FILE", help="the responses file (YAML)"
        )
        parser.add_argument(
            "--business",
            metavar="TYPE",
            help="the business type of the decision (default: the body's first)",
        )
        parser.add_argument(
            "--on",
            type=datetime.date.fromisoformat,
            metavar="YYYY-MM-DD",
            help="the stated date for responses, for the rules and members then (default: today)",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        on = options["on"] or clock.today()
        path = options["responses"]
        try:
            spec = yamlfile.load(Path(path), max_bytes=MAX_RESPONSES_BYTES) or {}
        except yamlfile.YamlFileError as error:
            raise CommandError(f"{path}: {error}", returncode=2) from error
        if not isinstance(spec, dict):
            raise CommandError(f"{path}: the responses must be a mapping.", returncode=2)
        target = body_or_file(options["body"])
        if isinstance(target, BodyFile):
            name, rules = target.data["body"]["name"], target.rules()
            vacant = spec.get("vacant") if isinstance(spec.get("vacant"), list) else []
            membership = with_vacancies(membership_of(target), vacant)
        else:
            terms_in_force(target, on)
            state = snapshot(target, on)
            name, rules, membership = target.name, state.rules, state.membership
        rule = rules.decisions_outside_meetings
        if rule is None or not rule.allowed:
            raise CommandError(
                f"The {name}'s terms do not allow decisions outside meetings.", returncode=2
            )
        try:
            business = rules.business(options["business"])
        except ValueError as error:
            raise CommandError(f"--business: {error}", returncode=2) from error
        membership = rules.membership_for(membership, business.key)
        try:
            responses = responses_from(spec, membership, rule.after_consulting)
            result = decide_resolution(
                rule, membership, responses, rules.deputies, rules.quorum_rule_for(business.key)
            )
        except (ResponsesError, ResponseError) as error:
            problems = "\n".join(f"{path}: {p}" for p in error.problems)
            raise CommandError(problems, returncode=2) from error
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict(), indent=2))
            return
        write = self.stdout.write
        write(f"{name}: a decision outside a meeting, on {business.name}")
        write(result.sentence)
        write(
            f"  {result.in_favour} for, {result.against} against, {result.abstaining} "
            f"abstaining, {result.not_responded} not responded, of {result.entitled} entitled "
            "to respond."
        )
        if not result.certain:
            write("  Outstanding responses could still change this.")
        for reason in result.reasons:
            write(f"  {reason}")
        write(f"Rule: {result.rule}")
        if result.clause:
            write(f"“{result.clause}”")
