"""Benchmark the live console. Prints its figures; asserts nothing.

    .venv/bin/python benchmarks/console.py

One attendance change on the 50-seat Mid and South Essex ICP, through the view, with the
live panel re-rendered (the htmx response): server time and number of queries, with 10 and
with 50 seats filled. Target: the number of queries does not grow with the number of seats.
Runs on a throwaway test database (SQLite unless DATABASE_URL says otherwise).
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)

from governance import bodyfile  # noqa: E402
from governance.models import Body  # noqa: E402
from governance.rules.words import LONDON  # noqa: E402
from governance.services import body_import  # noqa: E402
from meetings.models import Attendance, Meeting  # noqa: E402
from meetings.services import attendance as attending  # noqa: E402
from meetings.services.agenda import agenda_start  # noqa: E402
from members.models import Appointment, Person, User  # noqa: E402
from members.snapshots import snapshot  # noqa: E402

RUNS = 60
STARTS = datetime.datetime(2030, 6, 11, 14, 0, tzinfo=LONDON)


def build(filled: int, tag: str) -> tuple[Meeting, User]:
    body = Body.objects.get(slug="mid-and-south-essex-icp")
    Appointment.objects.filter(seat__body=body).delete()
    for n, seat in enumerate(body.seats.order_by("position")[:filled]):
        person = Person.objects.create(given_name=f"P{tag}{n}", family_name="Bench")
        Appointment.objects.create(person=person, seat=seat, starts_on=datetime.date(2024, 1, 1))
    clerk, _ = User.objects.get_or_create(username="bench-clerk", serves_all_bodies=True)
    starts = STARTS + datetime.timedelta(days=filled)
    meeting = Meeting.objects.create(
        body=body,
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=2),
        location="Civic Centre",
    )
    rules = snapshot(body, starts.date()).rules_on(starts.date())
    agenda_start(meeting=meeting, rules=rules)
    attending.sitting_open(meeting=meeting, user=clerk, now=starts)
    return meeting, clerk


def measure(filled: int) -> None:
    meeting, clerk = build(filled, str(filled))
    client = Client()
    client.force_login(clerk)
    url = f"/meetings/{meeting.pk}/console/mark/"
    row = Attendance.objects.filter(meeting=meeting).order_by("pk").first()
    times, queries = [], []
    for n in range(RUNS):
        row.refresh_from_db()
        data = {
            "row": row.pk,
            "revision": row.revision,
            "mark": "arrived" if n % 2 == 0 else "absent",
        }
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.post(url, data, HTTP_HX_REQUEST="true")
            times.append(time.perf_counter() - start)
        assert response.status_code == 200, response.status_code
        queries.append(len(captured))
    ms = sorted(t * 1000 for t in times)
    print(
        f"MSE ICP, {filled} of 50 seats filled: one attendance change and the panel: "
        f"median {statistics.median(ms):.1f} ms, p95 {ms[int(len(ms) * 0.95)]:.1f} ms, "
        f"{max(queries)} queries (min {min(queries)})"
    )


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        body_import(body_file=bodyfile.read(bodyfile.SHIPPED_DIR / "mid-and-south-essex-icp.yaml"))
        for filled in (10, 50):
            measure(filled)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
