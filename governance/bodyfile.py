"""Body definition files: read and check them completely before anything is written.

A body file (YAML, ``format: quorate-body/1``, described in ``bodies/README.md`` and
``bodies/schema.json``) defines one body: its organisations, seat categories, seats and
terms-of-reference versions, each approved version carrying its rules. Every problem is
reported with the file and the place in the document, e.g.
``mid-and-south-essex-icp.yaml: seats[3].organisation: no organisation 'essex-cc' is listed
under organisations``.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from . import yamlfile
from .rules import language

SHIPPED_DIR = Path(__file__).resolve().parent / "bodies"
SCHEMA_PATH = SHIPPED_DIR / "schema.json"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class BodyFileError(ValueError):
    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {problem}" for problem in problems))


# Real body files are a few tens of kilobytes; these limits keep a wrong or hostile file
# from taking the machine's time.
MAX_BYTES = 1024 * 1024
MAX_SEATS = 500


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))


@dataclass(frozen=True)
class BodyFile:
    source: str
    data: dict[str, Any]

    @property
    def slug(self) -> str:
        return self.data["body"]["slug"]

    @property
    def reports_to(self) -> str | None:
        return self.data["body"].get("reports_to")

    def names(self) -> language.Names:
        return names_of(self.data)

    def current_terms(self) -> dict[str, Any]:
        """The approved version, or else the newest version that has rules."""
        versions = self.data["terms"]
        approved = [t for t in versions if t["status"] == "approved"]
        with_rules = [t for t in versions if "rules" in t]
        return (approved or with_rules or versions)[-1]

    def rules(self) -> language.BodyRules:
        return language.parse(self.current_terms().get("rules", {}), self.names())


def names_of(data: dict[str, Any]) -> language.Names:
    seats = data.get("seats", [])
    with_seats = {s.get("organisation") for s in seats} | {
        o for s in seats for o in s.get("also_represents", [])
    }
    return language.Names(
        seats={s["key"]: s["title"] for s in seats},
        categories={c["slug"]: c["name"] for c in data.get("categories", [])},
        organisations={o["slug"]: o["name"] for o in data.get("organisations", [])},
        organisation_kinds={
            o["slug"]: o.get("kind", "other")
            for o in data.get("organisations", [])
            if o["slug"] in with_seats
        },
        in_attendance=tuple(s["key"] for s in seats if s.get("role") == "in_attendance"),
    )


def shipped_paths() -> list[Path]:
    return sorted(SHIPPED_DIR.glob("*.yaml"))


def load_text(text: str, source: str) -> BodyFile:
    try:
        data = yamlfile.parse(text)
    except yamlfile.YamlFileError as error:
        raise BodyFileError(source, [str(error)]) from error
    seats = data.get("seats") if isinstance(data, dict) else None
    if isinstance(seats, list) and len(seats) > MAX_SEATS:
        raise BodyFileError(
            source, [f"seats: {len(seats):,} seats; a body may have at most {MAX_SEATS}."]
        )
    problems = [f"{_place(e.absolute_path)}: {_message(e)}" for e in _schema_errors(data)]
    if not problems:
        problems = list(_reference_problems(data))
    if problems:
        raise BodyFileError(source, problems)
    return BodyFile(source, data)


def read(path: Path) -> BodyFile:
    try:
        text = yamlfile.read_text(Path(path), max_bytes=MAX_BYTES)
    except yamlfile.YamlFileError as error:
        raise BodyFileError(str(path), [str(error)]) from error
    return load_text(text, Path(path).name)


def in_dependency_order(files: list[BodyFile]) -> list[BodyFile]:
    """Bodies before the bodies that report to them, so a ``reports_to`` link can be made."""
    by_slug = {f.slug: f for f in files}
    ordered: list[BodyFile] = []
    placed: set[str] = set()

    def place(body_file: BodyFile, seen: tuple[str, ...]) -> None:
        if body_file.slug in placed:
            return
        if body_file.slug in seen:
            raise BodyFileError(body_file.source, ["body.reports_to: the bodies report in a loop"])
        parent = by_slug.get(body_file.reports_to or "")
        if parent is not None:
            place(parent, (*seen, body_file.slug))
        ordered.append(body_file)
        placed.add(body_file.slug)

    for body_file in files:
        place(body_file, ())
    return ordered


def _schema_errors(data):
    return sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def _message(error) -> str:
    """The schema's words, except where a pattern would be quoted: then what is expected."""
    expected = error.schema.get("x-expected") if error.validator == "pattern" else None
    return f"'{error.instance}' is not {expected}" if expected else error.message


def _place(path) -> str:
    place = ""
    for part in path:
        place += f"[{part}]" if isinstance(part, int) else f".{part}"
    return place.lstrip(".") or "the document"


def _reference_problems(data: dict[str, Any]):
    """What the schema cannot see: references between parts of the file, and real dates."""
    names = names_of(data)
    body = data["body"]
    if body.get("secretariat_organisation") not in (None, *names.organisations):
        yield (
            f"body.secretariat_organisation: no organisation "
            f"'{body['secretariat_organisation']}' is listed under organisations"
        )
    seen: set[str] = set()
    for i, seat in enumerate(data["seats"]):
        where = f"seats[{i}]"
        if seat["key"] in seen:
            yield f"{where}.key: '{seat['key']}' is used by an earlier seat"
        seen.add(seat["key"])
        if seat.get("organisation") not in (None, *names.organisations):
            yield (
                f"{where}.organisation: no organisation '{seat['organisation']}' is listed "
                "under organisations"
            )
        for other in seat.get("also_represents", []):
            if other == seat.get("organisation"):
                yield f"{where}.also_represents: '{other}' is the seat's own organisation"
            elif other not in names.organisations:
                yield (
                    f"{where}.also_represents: no organisation '{other}' is listed under "
                    "organisations"
                )
        for category in seat.get("categories", []):
            if category not in names.categories:
                yield f"{where}.categories: no category '{category}' is listed under categories"
    labels: set[str] = set()
    for i, terms in enumerate(data["terms"]):
        where = f"terms[{i}]"
        if terms["version"] in labels:
            yield f"{where}.version: '{terms['version']}' is used by an earlier version"
        labels.add(terms["version"])
        for key in ("prepared_on", "approved_on", "effective_from", "review_due"):
            if key in terms and not _is_date(terms[key]):
                yield f"{where}.{key}: '{terms[key]}' is not a real date"
        if "rules" in terms:
            try:
                language.parse(terms["rules"], names)
            except language.RulesError as error:
                for place, problem in error.problems:
                    yield f"{where}.{place}: {problem}"
    if sum(t["status"] == "approved" for t in data["terms"]) > 1:
        yield "terms: only one version may be approved; mark the older ones superseded"


def _is_date(value: str) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True
