"""What if these people attend? An attendance spec (from a YAML file or the "try attendance"
form) checked against a body's membership and rules, then judged by the quorum engine.

The spec's keys, all optional::

    present: [seat-key, ...]         # members present in their own seats (a key twice for
                                     # two holders of a shared seat)
    deputies:                        # deputies present, each for a seat
      - {for: seat-key, name: Jo Bloggs, chair_agreed: true, nominated: true,
         replaces_withdrawn: false}
    in_attendance: [name, ...]       # present but not members: never counted
    withdrawn: [seat-key, ...]       # members present but withdrawn from this item
    remote: [seat-key, ...]          # members present by video or telephone
    apologies: [seat-key, ...]
    chair: seat-key                  # who presides, when not the usual chair
    vacant: [seat-key, ...]          # for a body file, which has no holders: the empty seats
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter
from dataclasses import dataclass

import jsonschema

from .rules import quorum
from .rules.attendance import Attendance, Attendee, Capacity, Membership, seat_overfilled
from .rules.chair import Presiding, presiding
from .rules.language import BodyRules

SPEC_KEYS = {
    "present",
    "deputies",
    "in_attendance",
    "withdrawn",
    "remote",
    "apologies",
    "chair",
    "vacant",
}
DEPUTY_KEYS = {"for", "name", "chair_agreed", "nominated", "replaces_withdrawn"}
SEAT_KEY = {"type": "string", "minLength": 1, "maxLength": 80}
SEAT_KEYS = {"type": "array", "items": SEAT_KEY, "maxItems": 2000}
# The shape of an attendance spec, checked before anything reads it, so that a list where a
# seat key belongs, or a number where a list belongs, is refused with its place named.
SPEC_SCHEMA = {
    "type": "object",
    "properties": {
        "present": SEAT_KEYS,
        "withdrawn": SEAT_KEYS,
        "remote": SEAT_KEYS,
        "apologies": SEAT_KEYS,
        "vacant": SEAT_KEYS,
        "chair": SEAT_KEY,
        "in_attendance": {
            "type": "array",
            "items": {"type": "string", "maxLength": 200},
            "maxItems": 200,
        },
        "deputies": {
            "type": "array",
            "maxItems": 500,
            "items": {
                "type": "object",
                "properties": {
                    "for": SEAT_KEY,
                    "name": {"type": "string", "maxLength": 200},
                    "chair_agreed": {"type": "boolean"},
                    "nominated": {"type": "boolean"},
                    "replaces_withdrawn": {"type": "boolean"},
                },
            },
        },
    },
}
SHAPES = {
    "array": "a list",
    "string": "a word or name",
    "object": "a mapping",
    "boolean": "true or false",
}


def shape_problems(spec) -> list[str]:
    """Where the spec is not the shape an attendance has, in a clerk's words."""
    return shape_problems_against(jsonschema.Draft202012Validator(SPEC_SCHEMA), spec)


def shape_problems_against(validator, spec) -> list[str]:
    """Where ``spec`` departs from ``validator``'s schema, each with its place named."""
    problems = []
    for error in sorted(validator.iter_errors(spec), key=lambda e: list(map(str, e.path))):
        place = "".join(
            f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path
        ).lstrip(".")
        if error.validator == "type":
            wanted = SHAPES.get(error.validator_value, error.validator_value)
            problems.append(
                f"{place or 'the attendance'}: give {wanted} here, not {error.instance!r}."
            )
        else:
            problems.append(f"{place or 'the attendance'}: {error.message}")
    return problems[:20]


class AttendanceError(ValueError):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class WhatIf:
    result: quorum.QuorumResult
    presiding: Presiding
    business_key: str

    def to_dict(self) -> dict:
        return {
            **self.result.to_dict(),
            "business_type": self.business_key,
            "presiding": self.presiding.name,
            "presiding_reason": self.presiding.reason,
        }


def with_vacancies(membership: Membership, vacant: list[str]) -> Membership:
    """A body file's membership, every place filled but those listed as vacant."""
    empty = Counter(vacant)
    return Membership(
        tuple(
            dataclasses.replace(s, filled=max(s.places - empty[s.key], 0)) for s in membership.seats
        ),
        membership.organisation_names,
    )


def attendance_from(
    spec: dict, membership: Membership, rules: BodyRules, holders: dict[str, list[str]]
) -> Attendance:
    """Read an attendance spec, refusing anything that cannot happen: an unknown seat, more
    people in a seat than hold it, a deputy where the terms forbid one."""
    problems = []
    if not isinstance(spec, dict):
        raise AttendanceError(["The attendance must be a mapping with 'present' and the rest."])
    if shape := shape_problems(spec):
        raise AttendanceError(shape)
    for key in sorted(set(spec) - SPEC_KEYS):
        problems.append(f"'{key}' is not understood; use {', '.join(sorted(SPEC_KEYS))}.")

    def seat_keys(field: str) -> list[str]:
        keys = spec.get(field) or []
        if not isinstance(keys, list):
            problems.append(f"{field}: give a list of seat keys.")
            return []
        for i, key in enumerate(keys):
            if key not in membership.by_key:
                problems.append(f"{field}[{i}]: there is no seat '{key}' on this body.")
        return [k for k in keys if k in membership.by_key]

    present = seat_keys("present")
    withdrawn = seat_keys("withdrawn")
    remote = seat_keys("remote")
    apologies = seat_keys("apologies")
    seat_keys("vacant")
    for key, times in Counter(present).items():
        seat = membership.seat(key)
        if seat.filled == 0:
            problems.append(f"present: the {seat.title} ({key}) is vacant.")
        elif times > seat.filled:
            problems.append(
                f"present: the {seat.title} ({key}) has {seat.filled} holder(s) "
                f"but is listed {times} times."
            )
    for key in set(present) & set(apologies):
        problems.append(f"apologies: '{key}' is listed as present too.")
    for field, keys in (("withdrawn", withdrawn), ("remote", remote)):
        for key in keys:
            if key not in present:
                problems.append(f"{field}: '{key}' is not listed as present.")

    attendees = []
    for key, times in Counter(present).items():
        names = holders.get(key) or [membership.seat(key).title]
        for place in range(times):
            name = names[place] if place < len(names) else f"{names[0]} ({place + 1})"
            attendees.append(
                Attendee(
                    name,
                    key,
                    withdrawn=key in withdrawn,
                    remote=key in remote,
                    ref=f"{key}#{place + 1}",
                )
            )
    for i, deputy in enumerate(spec.get("deputies") or []):
        where = f"deputies[{i}]"
        if not isinstance(deputy, dict) or "for" not in deputy:
            problems.append(f"{where}: give the seat the deputy sits for, as 'for: seat-key'.")
            continue
        for key in sorted(set(deputy) - DEPUTY_KEYS):
            problems.append(f"{where}: '{key}' is not understood.")
        seat = membership.by_key.get(deputy["for"])
        if seat is None:
            problems.append(f"{where}.for: there is no seat '{deputy['for']}' on this body.")
            continue
        if seat.filled == 0 and not rules.deputies.for_vacant_seats:
            problems.append(
                f"{where}.for: the {seat.title} is vacant, and the terms do not "
                "allow a deputy for a vacant seat."
            )
        attendees.append(
            Attendee(
                name=str(deputy.get("name") or f"Deputy for the {seat.title}"),
                seat=seat.key,
                capacity=Capacity.DEPUTY,
                chair_agreed=bool(deputy.get("chair_agreed", False)),
                nominated=bool(deputy.get("nominated", True)),
                replaces_withdrawn=bool(deputy.get("replaces_withdrawn", False)),
                ref=f"deputy#{i + 1}",
            )
        )
    for i, name in enumerate(spec.get("in_attendance") or []):
        attendees.append(Attendee(str(name), None, Capacity.IN_ATTENDANCE, ref=f"visitor#{i + 1}"))
    chair = spec.get("chair")
    if chair is not None and chair not in present:
        problems.append(f"chair: '{chair}' is not listed as present.")
    problems += seat_overfilled(Attendance(tuple(attendees)), membership)
    if problems:
        raise AttendanceError(problems)
    chair_name = next((a.name for a in attendees if a.seat == chair), None) if chair else None
    return Attendance(tuple(attendees), tuple(apologies), chair_name)


def check_quorum(
    rules: BodyRules,
    membership: Membership,
    spec: dict,
    *,
    business: str | None = None,
    on: datetime.date,
    holders: dict[str, list[str]] | None = None,
) -> WhatIf:
    business_type = rules.business(business)
    attendance = attendance_from(spec, membership, rules, holders or {})
    chair = presiding(rules.chair, membership, attendance.present, on)
    if attendance.presiding is not None:
        chair = Presiding(
            attendance.presiding, spec["chair"], "Named as presiding.", "named to preside"
        )
    attendance = dataclasses.replace(attendance, presiding=chair.name, presiding_as=chair.role)
    result = rules.judge(membership, attendance, business_type.key)
    return WhatIf(result, chair, business_type.key)
