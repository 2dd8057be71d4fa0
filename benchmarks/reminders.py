"""Benchmark the daily sweep. Prints its figures; asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python benchmarks/reminders.py

The demo's five bodies, each with enough meetings tomorrow that the sweep has over 5,000
"meeting tomorrow" notices to claim. The sweep is timed and its queries counted (the sends
are queued, not run: each is its own task). Then the notices are cleared and two sweeps run
at the same moment on two connections: the duplicates (notices claimed by both) are counted,
and must be none. Runs on a throwaway test database (SQLite unless DATABASE_URL says
otherwise; the two sweeps at once need PostgreSQL).
"""

from __future__ import annotations

import datetime
import os
import sys
import threading
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection, connections, transaction  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

from governance.models import Body  # noqa: E402
from governance.rules.words import LONDON  # noqa: E402
from meetings import demo  # noqa: E402
from meetings.models import Meeting  # noqa: E402
from notices.models import Notice  # noqa: E402
from notices.sweeps import sweep  # noqa: E402

TODAY = datetime.date(2030, 6, 10)
TARGET = 5_000


def _meetings_tomorrow() -> int:
    tomorrow = TODAY + datetime.timedelta(days=1)
    bodies = list(Body.objects.order_by("pk"))
    seats = sum(b.seats.count() for b in bodies)
    per_body = TARGET // seats + 1
    Meeting.objects.bulk_create(
        Meeting(
            body=body,
            starts_at=datetime.datetime.combine(tomorrow, datetime.time(9), LONDON)
            + datetime.timedelta(minutes=5 * n),
            ends_at=datetime.datetime.combine(tomorrow, datetime.time(17), LONDON),
            location="Committee Room 1",
        )
        for body in bodies
        for n in range(per_body)
    )
    return per_body * len(bodies)


def _race() -> tuple[int, int]:
    claimed: list[int] = [0, 0]
    start = threading.Barrier(2)

    def run(slot: int) -> None:
        try:
            start.wait()
            with transaction.atomic():
                claimed[slot] = sweep(TODAY)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(slot,)) for slot in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(claimed), Notice.objects.count()


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with (
            mock.patch("notices.tasks.send_notice.delay"),
            mock.patch("documents.tasks.render_document.delay"),
        ):
            demo.load(today=TODAY - datetime.timedelta(days=60), with_users=True)
            Notice.objects.all().delete()
            meetings = _meetings_tomorrow()
            began = time.perf_counter()
            with CaptureQueriesContext(connection) as queries, transaction.atomic():
                claimed = sweep(TODAY)
            took = time.perf_counter() - began
            print(f"{connection.vendor}: {meetings} meetings tomorrow")
            print(f"  sweep: {claimed:,} notices claimed in {took:.1f} s, {len(queries)} queries")
            with transaction.atomic():
                again = sweep(TODAY)
            print(f"  the same sweep again: {again} claimed")
            if connection.vendor == "postgresql":
                Notice.objects.all().delete()
                both, rows = _race()
                print(
                    f"  two sweeps at once: {both:,} claimed between them, {rows:,} notices, "
                    f"{both - rows} duplicates"
                )
            else:
                print("  two sweeps at once: needs PostgreSQL (DATABASE_URL); not run")
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
