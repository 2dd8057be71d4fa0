from __future__ import annotations

import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from governance.bodyfile import BodyFile
from governance.rules.calendar import notice_deadline
from governance.rules.words import LONDON

from ._bodies import body_or_file, terms_in_force


def meeting_time(value: str) -> datetime.datetime:
    moment = datetime.datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=LONDON)


class Command(BaseCommand):
    help = (
        "When must the agenda and papers for a meeting go out? BODY is a body's slug or a body "
        "file; the meeting's start is in London time, e.g. --meeting 2026-12-31T14:00. Counts "
        "working days with the bank holidays of the body's nation and its closure days, or "
        "days or hours where the terms do."
    )

    def add_arguments(self, parser):
        parser.add_argument("body", metavar="BODY", help="a body's slug or a body file")
        parser.add_argument(
            "--meeting",
            required=True,
            type=meeting_time,
            metavar="YYYY-MM-DDTHH:MM",
            help="when the meeting starts",
        )
        parser.add_argument(
            "--extraordinary",
            action="store_true",
            help="an extraordinary meeting, on its own notice period",
        )
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        target = body_or_file(options["body"])
        meeting = options["meeting"]
        if isinstance(target, BodyFile):
            rules = target.rules()
        else:
            terms = terms_in_force(target, meeting.astimezone(LONDON).date())
            rules = terms.body_rules(target.rule_names())
        if rules.notice is None:
            raise CommandError("The terms of reference set no notice period.", returncode=2)
        result = notice_deadline(
            rules.notice, rules.calendar, meeting, extraordinary=options["extraordinary"]
        )
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    {
                        "deadline": result.deadline.isoformat(),
                        "days": result.days,
                        "counting": str(result.counting),
                        "hours": result.hours,
                        "extraordinary": result.extraordinary,
                        "days_off": [d.isoformat() for d in result.days_off],
                        "explanation": result.sentence,
                        "late_needs_chair_authorisation": (
                            rules.notice.late_needs_chair_authorisation
                        ),
                        "assumed": rules.notice.assumed,
                    },
                    indent=2,
                )
            )
        else:
            self.stdout.write(result.sentence)
            if rules.notice.assumed:
                self.stdout.write(
                    "The terms set no notice period: this one is assumed (see the body's "
                    "Terms of reference and rules page)."
                )
