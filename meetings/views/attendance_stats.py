"""A body's attendance statistics over a period, as a page and a spreadsheet: the members and
secretariat count every meeting held; the public, the meetings held in public."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render

from config import clock
from governance.rules.words import long_date
from members.access import get_body_for_user, roles_for
from members.snapshots import snapshot

from ..attendance_stats import statistics
from ..forms.attendance import AttendancePeriodForm, year_to


def _read(request, slug):
    body = get_body_for_user(request, slug)
    roles = roles_for(request.user)
    today = clock.today()
    form = AttendancePeriodForm(request.GET or None, initial=year_to(today))
    since, until = form.period(today)
    rules = snapshot(body, today).rules_on(today)
    stats = statistics(
        body, since, until,
        public=not roles.inside(body),
        expectation=rules.attendance if rules else None,
    )  # fmt: skip
    return body, form, stats


def body_attendance(request, slug):
    body, form, stats = _read(request, slug)
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"body": body, "form": form, "stats": stats}
    return render(request, "meetings/attendance_stats.html", context, status=status)


def body_attendance_csv(request, slug):
    body, form, stats = _read(request, slug)
    if form.is_bound and not form.is_valid():
        return HttpResponse("Choose two dates, the second on or after the first.", status=400)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"{body.slug}-attendance-{stats.since.isoformat()}-to-{stats.until.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response)
    writer.writerow([f"Attendance at meetings of the {body.name}, "
                     f"{long_date(stats.since)} to {long_date(stats.until)}"])  # fmt: skip
    writer.writerow(["Name", "Seat", "Expected", "Present", "Present for part",
                     "Present remotely", "Sent a deputy", "Apologies without a deputy",
                     "Absent without apologies", "Attended themselves (%)",
                     "As a deputy for a member", "In attendance",
                     "Meets the terms' expectation", "Explanation"])  # fmt: skip
    for line in stats.lines:
        t = line.tally
        meets = {True: "yes", False: "no", None: ""}[line.meets]
        writer.writerow([
            line.person.full_name, "; ".join(line.places), t.expected, t.present, t.part,
            t.remote, t.sent_deputy, t.apologies, t.absent, "" if t.percent is None else t.percent,
            t.deputised, t.in_attendance, meets, t.explanation(),
        ])  # fmt: skip
    return response
