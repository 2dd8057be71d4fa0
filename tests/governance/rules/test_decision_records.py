"""A decision's record is complete when it gives what the 2012 regulations expect: reasons,
the alternatives rejected, and any dispensation where a conflicted member took part. Every
combination is tried. No database."""

from __future__ import annotations

import itertools

import pytest

from governance.rules.decision_records import DECIDING, DecisionContent, record_gaps

OUTCOMES = ("consensus", "carried", "lost", "recommended", "deferred", "noted")


@pytest.mark.parametrize(
    ("outcome", "reasons", "alternatives", "dispensation", "conflicted"),
    itertools.product(OUTCOMES, ("", "  ", "Value"), ("", "None"), ("", "Granted"), (0, 1, 2)),
)
def test_every_combination(outcome, reasons, alternatives, dispensation, conflicted):
    gaps = record_gaps(
        DecisionContent("LIE/2026/014", outcome, reasons, alternatives, dispensation, conflicted)
    )
    if outcome not in DECIDING:
        assert gaps == ()
        return
    expected = []
    if not reasons.strip():
        expected.append("Decision LIE/2026/014: give the reasons for the decision.")
    if not alternatives:
        expected.append(
            "Decision LIE/2026/014: say which alternatives were considered and rejected (or "
            "that there were none)."
        )
    if conflicted and not dispensation:
        who = "a member" if conflicted == 1 else "2 members"
        expected.append(
            f"Decision LIE/2026/014: {who} who declared an interest took part; record any "
            "dispensation granted, or why none was needed."
        )
    assert gaps == tuple(expected)


def test_a_complete_record_has_no_gaps():
    complete = DecisionContent("SEL/2027/001", "carried", "Best value", "Do nothing", "", 0)
    assert record_gaps(complete) == ()
