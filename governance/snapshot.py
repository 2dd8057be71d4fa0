"""A body file's seats as the engines' Membership (no holders are known: every place is
filled unless the caller says otherwise)."""

from __future__ import annotations

from .bodyfile import BodyFile
from .rules.attendance import Membership, Seat


def membership_of(body_file: BodyFile) -> Membership:
    kinds = {o["slug"]: o.get("kind", "other") for o in body_file.data["organisations"]}
    return Membership(
        tuple(
            Seat(
                key=s["key"],
                title=s["title"],
                organisation=s.get("organisation"),
                organisation_kind=kinds.get(s.get("organisation")),
                categories=frozenset(s.get("categories", [])),
                voting=s.get("voting", True),
                role=s.get("role", "member"),
                places=s.get("max_holders", 1),
                filled=s.get("max_holders", 1),
                designate_may_attend=s.get("designate_may_attend", False),
                also_represents=frozenset(s.get("also_represents", [])),
                also_kinds=frozenset(kinds.get(o) for o in s.get("also_represents", [])),
            )
            for s in body_file.data["seats"]
        ),
        body_file.names().organisations,
    )
