"""Body definition files: read, check and order them before anything is written.

A body file (YAML, ``format: quorate-body/1``) describes one body: its organisations, seat
categories, seats and terms-of-reference versions. The shipped files are in
``governance/bodies/``. Every problem is reported with the file and the place in the
document, e.g. ``mid-and-south-essex-icp.yaml: seats[3].organisation: no organisation
'essex-cc' is listed under organisations``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SHIPPED_DIR = Path(__file__).resolve().parent / "bodies"
FORMAT = "quorate-body/1"
ORGANISATION_KINDS = {
    "icb",
    "ccg",
    "nhs_trust",
    "county_council",
    "unitary_authority",
    "city_council",
    "district_council",
    "london_borough",
    "healthwatch",
    "voluntary_sector",
    "primary_care_network",
    "university",
    "other",
}
SEAT_ROLES = {"chair", "co_chair", "vice_chair", "member"}
TERMS_STATUSES = {"draft", "approved", "superseded"}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class BodyFileError(ValueError):
    def __init__(self, source: str, problems: list[str]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(f"{source}: {problem}" for problem in problems))


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


def shipped_paths() -> list[Path]:
    return sorted(SHIPPED_DIR.glob("*.yaml"))


def read(path: Path) -> BodyFile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise BodyFileError(path.name, [f"not valid YAML: {error}"]) from error
    problems = list(_problems(data))
    if problems:
        raise BodyFileError(path.name, problems)
    return BodyFile(path.name, data)


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


def _problems(data: Any):
    if not isinstance(data, dict):
        yield "the file must be a mapping with body, organisations, categories, seats and terms"
        return
    if data.get("format") != FORMAT:
        yield f"format: must be '{FORMAT}'"
    body = data.get("body")
    if not isinstance(body, dict):
        yield "body: missing"
        return
    for key in ("name", "short_name", "slug"):
        if not isinstance(body.get(key), str) or not body[key].strip():
            yield f"body.{key}: required text"
    duties = body.get("duties", [])
    if not isinstance(duties, list) or not all(isinstance(d, str) and d for d in duties):
        yield "body.duties: must be a list of sentences"

    organisations = _list(data, "organisations")
    org_slugs = set()
    for i, org in enumerate(organisations):
        where = f"organisations[{i}]"
        if not isinstance(org, dict) or not org.get("slug") or not org.get("name"):
            yield f"{where}: needs a slug and a name"
            continue
        if org.get("kind", "other") not in ORGANISATION_KINDS:
            kinds = ", ".join(sorted(ORGANISATION_KINDS))
            yield f"{where}.kind: '{org['kind']}' is not one of {kinds}"
        org_slugs.add(org["slug"])
    if body.get("secretariat_organisation") not in (None, *org_slugs):
        yield (
            f"body.secretariat_organisation: no organisation '{body['secretariat_organisation']}'"
            " is listed under organisations"
        )

    category_slugs = set()
    for i, category in enumerate(_list(data, "categories")):
        if not isinstance(category, dict) or not category.get("slug") or not category.get("name"):
            yield f"categories[{i}]: needs a slug and a name"
            continue
        category_slugs.add(category["slug"])

    seat_keys: set[str] = set()
    for i, seat in enumerate(_list(data, "seats")):
        where = f"seats[{i}]"
        if not isinstance(seat, dict) or not seat.get("key") or not seat.get("title"):
            yield f"{where}: needs a key and a title"
            continue
        if seat["key"] in seat_keys:
            yield f"{where}.key: '{seat['key']}' is used by an earlier seat"
        seat_keys.add(seat["key"])
        if seat.get("organisation") not in (None, *org_slugs):
            yield (
                f"{where}.organisation: no organisation '{seat['organisation']}' is listed "
                "under organisations"
            )
        for category in seat.get("categories", []):
            if category not in category_slugs:
                yield f"{where}.categories: no category '{category}' is listed under categories"
        if seat.get("role", "member") not in SEAT_ROLES:
            yield f"{where}.role: '{seat['role']}' is not one of {', '.join(sorted(SEAT_ROLES))}"
        max_holders = seat.get("max_holders", 1)
        if not isinstance(max_holders, int) or max_holders < 1:
            yield f"{where}.max_holders: must be a whole number of at least 1"

    approved = 0
    for i, terms in enumerate(_list(data, "terms")):
        where = f"terms[{i}]"
        if not isinstance(terms, dict) or not terms.get("version"):
            yield f"{where}: needs a version"
            continue
        status = terms.get("status", "draft")
        if status not in TERMS_STATUSES:
            yield f"{where}.status: '{status}' is not one of draft, approved, superseded"
        for key in ("prepared_on", "approved_on", "effective_from", "review_due"):
            if terms.get(key) is not None and not isinstance(terms[key], datetime.date):
                yield f"{where}.{key}: must be a date written as YYYY-MM-DD"
        if status == "approved":
            approved += 1
        if status != "draft" and not (terms.get("approved_on") and terms.get("effective_from")):
            yield f"{where}: an approved version needs approved_on and effective_from"
    if approved > 1:
        yield "terms: only one version may be approved; mark the older ones superseded"

    programme = data.get("demo_programme")
    if programme is not None:
        if not isinstance(programme, dict) or programme.get("weekday") not in WEEKDAYS:
            yield "demo_programme.weekday: must be a day of the week, e.g. thursday"
        elif programme.get("every_months") not in (1, 2, 3, 4, 6, 12):
            yield "demo_programme.every_months: must be 1, 2, 3, 4, 6 or 12"


def _list(data: dict, key: str) -> list:
    value = data.get(key, [])
    return value if isinstance(value, list) else []
