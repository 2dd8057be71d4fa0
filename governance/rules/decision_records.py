"""What the record of a decision must hold before the minutes go to the chair: the content
English regulations expect of a record of an executive decision (the Local Authorities
(Executive Arrangements) (Meetings and Access to Information) (England) Regulations 2012,
regulation 12): the decision and its date, the reasons, the alternatives considered and
rejected, and any conflict of interest declared with any dispensation granted."""

from __future__ import annotations

from dataclasses import dataclass

# Outcomes that decide something; a deferral, a note or a lost motion decides nothing and
# needs no reasons or alternatives.
DECIDING = frozenset({"consensus", "carried", "recommended"})


@dataclass(frozen=True)
class DecisionContent:
    reference: str  # "LIE/2026/014"
    outcome: str
    reasons: str
    alternatives: str
    dispensation: str
    conflicted_taking_part: int  # members who declared an interest and did not withdraw


def record_gaps(decision: DecisionContent) -> tuple[str, ...]:
    """What the record still lacks, each as a sentence the clerk can act on."""
    if decision.outcome not in DECIDING:
        return ()
    gaps = []
    if not decision.reasons.strip():
        gaps.append(f"Decision {decision.reference}: give the reasons for the decision.")
    if not decision.alternatives.strip():
        gaps.append(
            f"Decision {decision.reference}: say which alternatives were considered and "
            "rejected (or that there were none)."
        )
    if decision.conflicted_taking_part and not decision.dispensation.strip():
        who = (
            "a member who declared an interest"
            if decision.conflicted_taking_part == 1
            else f"{decision.conflicted_taking_part} members who declared an interest"
        )
        gaps.append(
            f"Decision {decision.reference}: {who} took part; record any dispensation "
            "granted, or why none was needed."
        )
    return tuple(gaps)
