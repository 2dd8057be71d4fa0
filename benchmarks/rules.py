"""Benchmark the rule engines. Prints its figures; asserts nothing.

    .venv/bin/python benchmarks/rules.py

- one quorum evaluation for the 50-seat Mid and South Essex ICP (with a quorum rule of half
  the members and three requirements, since its own terms set none), and for a synthetic
  200-seat body with 10 composition requirements met by different people;
- notice deadlines for ten years of monthly meetings.
Target: a median under 1 ms per evaluation for the 50-seat body.
"""

from __future__ import annotations

import datetime
import random
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from governance import bodyfile
from governance.rules.attendance import (
    Attendance,
    Attendee,
    DeputyPolicy,
    Membership,
    Seat,
)
from governance.rules.calendar import NoticePolicy, WorkingCalendar, notice_deadline
from governance.rules.quorum import Base, Minimum, QuorumRule, Requirement, evaluate
from governance.rules.words import LONDON
from governance.snapshot import membership_of


def timed(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def report(label: str, times: list[float]) -> None:
    ms = sorted(t * 1000 for t in times)
    print(
        f"{label}: median {statistics.median(ms):.3f} ms, p95 {ms[int(len(ms) * 0.95)]:.3f} "
        f"ms, max {ms[-1]:.3f} ms over {len(ms)} runs"
    )


def mse() -> None:
    body_file = bodyfile.read(bodyfile.SHIPPED_DIR / "mid-and-south-essex-icp.yaml")
    membership = membership_of(body_file)
    rule = QuorumRule(
        name="half the members with the ICB, a council and a provider",
        minimum=Minimum(fraction=Fraction(1, 2), base=Base.FILLED_SEATS),
        requirements=(
            Requirement("ICB chair or CEO", seats=frozenset({"chair-icb", "ceo-icb"})),
            Requirement(
                "upper tier council",
                "upper tier councils",
                2,
                categories=frozenset({"upper-tier-authority"}),
            ),
            Requirement("NHS provider", categories=frozenset({"nhs-provider"})),
        ),
    )
    present = Attendance(tuple(Attendee(s.key, s.key) for s in membership.seats[:30]))
    result = evaluate(rule, membership, present, DeputyPolicy())
    print(f"MSE ICP, 50 seats, 30 present: {result.verdict}, {len(result.critical)} critical")
    report(
        "  one evaluation", timed(lambda: evaluate(rule, membership, present, DeputyPolicy()), 2000)
    )
    distinct = QuorumRule(
        name="as follows", distinct=True, minimum=rule.minimum, requirements=rule.requirements
    )
    report(
        "  one evaluation, composition mode",
        timed(lambda: evaluate(distinct, membership, present, DeputyPolicy()), 2000),
    )


def synthetic() -> None:
    rng = random.Random(2026)
    categories = [f"c{i}" for i in range(10)]
    organisations = [f"o{i}" for i in range(20)]
    membership = Membership(
        tuple(
            Seat(
                f"s{i}",
                f"Seat {i}",
                rng.choice(organisations),
                categories=frozenset(rng.sample(categories, 2)),
            )
            for i in range(200)
        )
    )
    rule = QuorumRule(
        name="ten lines, different people",
        distinct=True,
        minimum=Minimum(fraction=Fraction(1, 3), base=Base.FILLED_SEATS),
        requirements=tuple(
            Requirement(f"member with {c}", at_least=2, categories=frozenset({c}))
            for c in categories
        ),
    )
    present = Attendance(tuple(Attendee(s.key, s.key) for s in membership.seats[:120]))
    result = evaluate(rule, membership, present, DeputyPolicy())
    print(f"Synthetic body, 200 seats, 120 present, 10 composition requirements: {result.verdict}")
    report(
        "  one evaluation", timed(lambda: evaluate(rule, membership, present, DeputyPolicy()), 300)
    )


def notices() -> None:
    policy, calendar = NoticePolicy(5), WorkingCalendar()
    meetings = [
        datetime.datetime(2027 + m // 12, m % 12 + 1, 10, 14, tzinfo=LONDON) for m in range(120)
    ]
    times = timed(lambda: [notice_deadline(policy, calendar, m) for m in meetings], 20)
    report("Notice deadlines for ten years of monthly meetings (120)", times)


if __name__ == "__main__":
    mse()
    synthetic()
    notices()
