"""Writes that touch several governance models: importing and exporting body files."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F

from config import clock
from config.coalesce import coalesced

from .bodyfile import BodyFile
from .models import SEAT_HISTORY, Body, Organisation, Seat, SeatCategory, TermsOfReference

FORMAT = "quorate-body/1"


@dataclass
class ImportReport:
    """What an import changed (or, in a dry run, would change), one line a change."""

    body: str
    changes: list[str] = field(default_factory=list)

    def note(self, line: str) -> None:
        self.changes.append(line)


class _DryRun(Exception):
    pass


def body_import(
    *, body_file: BodyFile, dry_run: bool = False, today: datetime.date | None = None
) -> ImportReport:
    """Create or update a body and everything its file defines.

    Running it twice changes nothing. Seats, categories and versions are matched by key and
    label. A version that is in force or superseded is history: when the file changes its
    rules, a new version is made (effective ``today``) and the old one is kept, superseded.
    """
    report = ImportReport(body_file.data["body"]["name"])
    try:
        with transaction.atomic(), coalesced():
            _import(body_file, report, today or clock.today())
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


def _import(body_file: BodyFile, report: ImportReport, today: datetime.date) -> None:
    data = body_file.data
    organisations = {}
    for spec in data["organisations"]:
        organisations[spec["slug"]] = _upsert(
            report,
            Organisation,
            f"organisation '{spec['slug']}'",
            {"slug": spec["slug"]},
            {
                "name": spec["name"],
                "short_name": spec.get("short_name", ""),
                "kind": spec.get("kind", Organisation.Kind.OTHER),
            },
        )
    spec = data["body"]
    reports_to = (
        Body.objects.filter(slug=spec["reports_to"]).first() if spec.get("reports_to") else None
    )
    body = _upsert(
        report,
        Body,
        f"body '{spec['slug']}'",
        {"slug": spec["slug"]},
        {
            "name": spec["name"],
            "short_name": spec["short_name"],
            "purpose": spec.get("purpose", ""),
            "duties": spec.get("duties", []),
            "reports_to": reports_to,
            "reporting_arrangements": spec.get("reporting_arrangements", ""),
            "secretariat_organisation": organisations.get(spec.get("secretariat_organisation")),
            "default_location": spec.get("default_location", ""),
            "meets_in_public": spec.get("meets_in_public", False),
            "meets_in_public_assumed": spec.get("meets_in_public_assumed", False),
        },
    )
    categories = {
        c["slug"]: _upsert(
            report,
            SeatCategory,
            f"category '{c['slug']}'",
            {"body": body, "slug": c["slug"]},
            {"name": c["name"]},
        )
        for c in data.get("categories", [])
    }
    _import_seats(body, data["seats"], organisations, categories, report)
    for terms in data["terms"]:
        _import_terms(body, terms, body_file.source, report, today)


def _import_seats(body, seats, organisations, categories, report) -> None:
    def existing():
        return {
            seat.key: seat for seat in body.seats.prefetch_related("categories", "also_represents")
        }

    current = existing()
    wanted = {spec["key"]: position for position, spec in enumerate(seats, start=1)}
    moved = any(current[key].position != wanted[key] for key in wanted.keys() & current.keys())
    dropped = {seat.position for key, seat in current.items() if key not in wanted}
    if moved or dropped & set(wanted.values()):
        # Move positions out of the way so that reordering, or a seat no longer in the file
        # (kept, after the others), never trips their uniqueness.
        body.seats.update(position=F("position") + 1000)
        current = existing()
    new = []
    for position, spec in enumerate(seats, start=1):
        key = spec["key"]
        values = {
            "position": position,
            "title": spec["title"],
            "organisation": organisations.get(spec.get("organisation")),
            "voting": spec.get("voting", True),
            "role": spec.get("role", Seat.Role.MEMBER),
            "designate_may_attend": spec.get("designate_may_attend", False),
            "max_holders": spec.get("max_holders", 1),
            "notes": spec.get("notes", ""),
        }
        wanted_categories = {categories[slug] for slug in spec.get("categories", [])}
        wanted_also = {organisations[slug] for slug in spec.get("also_represents", [])}
        seat = current.get(key)
        if seat is None:
            new.append((Seat(body=body, key=key, **values), wanted_categories, wanted_also))
            report.note(f"New seat '{key}'.")
            continue
        _update(report, seat, f"seat '{key}'", values)
        if set(seat.categories.all()) != wanted_categories:
            seat.categories.set(wanted_categories)
            report.note(f"Changed the categories of seat '{key}'.")
        if set(seat.also_represents.all()) != wanted_also:
            seat.also_represents.set(wanted_also)
            report.note(f"Changed the organisations seat '{key}' represents.")
    for key in sorted(set(current) - set(wanted)):
        report.note(f"Seat '{key}' is no longer in the file; it is kept, with its history.")
    if new:
        _new_seats(body, new)


def _new_seats(body, new: list[tuple[Seat, set, set]]) -> None:
    """New seats, with their categories and organisations, in a few queries however many
    there are. Each seat's history starts with one record holding its categories and
    organisations, as if it had been saved with them."""
    for seat, _, _ in new:
        # Keys and positions are unique: the file's checks and the positions given above
        # keep them so, and the database holds them too.
        seat.full_clean(validate_constraints=False)
    seats = Seat.objects.bulk_create([seat for seat, _, _ in new])
    categories, organisations = Seat.categories.through, Seat.also_represents.through
    links = {
        ("categories", "seatcategory_id"): categories.objects.bulk_create(
            categories(seat=seat, seatcategory=each) for seat, chosen, _ in new for each in chosen
        ),
        ("also_represents", "organisation_id"): organisations.objects.bulk_create(
            organisations(seat=seat, organisation=each)
            for seat, _, chosen in new
            for each in chosen
        ),
    }
    records = Seat.history.bulk_history_create(
        seats, default_user=SEAT_HISTORY.get_history_user(seats[0])
    )
    record_of = {record.id: record for record in records}
    for (name, other), rows in links.items():
        model = SEAT_HISTORY.m2m_models[Seat._meta.get_field(name)]
        model.objects.bulk_create(
            model(
                history=record_of[row.seat_id],
                id=row.id,
                seat_id=row.seat_id,
                **{other: getattr(row, other)},
            )
            for row in rows
        )
    # Saved in bulk, so no signal: the body's snapshot is marked out of date here.
    Body.objects.filter(pk=body.pk).raise_record_version()


def _import_terms(body, spec, source, report, today) -> None:
    values = {
        "status": spec["status"],
        "prepared_on": _date(spec.get("prepared_on")),
        "approved_on": _date(spec.get("approved_on")),
        "approved_by": spec.get("approved_by", ""),
        "author": spec.get("author", ""),
        "notes": spec.get("notes", ""),
        "effective_from": _date(spec.get("effective_from")),
        "review_due": _date(spec.get("review_due")),
        "rules": spec.get("rules", {}),
    }
    label = spec["version"]
    existing = body.terms_versions.filter(version_label=label).first()
    if existing is None:
        if values["status"] == TermsOfReference.Status.APPROVED:
            _supersede_current(body, report)
        TermsOfReference.objects.create(
            body=body, version_label=label, source_label=label, **values
        )
        report.note(f"New terms of reference version '{label}' ({values['status']}).")
        return
    if existing.status == TermsOfReference.Status.DRAFT:
        if values["status"] == TermsOfReference.Status.APPROVED:
            _supersede_current(body, report)
        _update(report, existing, f"version '{label}'", values)
        return
    if existing.rules == values["rules"] or _already_amended(body, label, values["rules"]):
        metadata = {k: v for k, v in values.items() if k in ("notes", "review_due", "author")}
        _update(report, existing, f"version '{label}'", metadata)
        return
    # A version that has been in force is history: a changed rule makes a new version.
    _supersede_current(body, report)
    amended = _free_label(body, f"{label} (amended {today:%Y-%m-%d}")
    TermsOfReference.objects.create(
        body=body,
        version_label=amended,
        source_label=label,
        **{
            **values,
            "status": TermsOfReference.Status.APPROVED,
            "approved_on": today,
            "approved_by": f"Imported from {source}",
            "effective_from": today,
            "review_due": None,
            "notes": f"Rules changed from version '{label}' by importing {source}.",
        },
    )
    report.note(
        f"The rules of version '{label}' changed: new version '{amended}' is in force "
        f"from {today:%-d %B %Y}; '{label}' is kept."
    )


def _free_label(body, opening: str) -> str:
    """ "V1 (amended 2026-12-07)", or for a second change that day "V1 (amended 2026-12-07,
    2)": each version keeps its own label."""
    taken = set(
        body.terms_versions.filter(version_label__startswith=opening).values_list(
            "version_label", flat=True
        )
    )
    label, n = f"{opening})", 1
    while label in taken:
        n += 1
        label = f"{opening}, {n})"
    return label


def _already_amended(body, label, rules) -> bool:
    newest = (
        body.terms_versions.filter(source_label=label)
        .exclude(version_label=label)
        .order_by("-pk")
        .first()
    )
    return newest is not None and newest.rules == rules


def _supersede_current(body, report) -> None:
    for current in body.terms_versions.filter(status=TermsOfReference.Status.APPROVED):
        current.status = TermsOfReference.Status.SUPERSEDED
        current.save(update_fields=["status"])
        report.note(f"Version '{current.version_label}' is superseded.")


def _upsert(report, model, label, lookup, values):
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        instance.full_clean()
        instance.save()
        report.note(f"New {label}.")
        return instance
    _update(report, instance, label, values)
    return instance


def _update(report, instance, label, values) -> None:
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.full_clean()
        instance.save()
    if changed:
        report.note(f"Changed {label}: {', '.join(name.replace('_', ' ') for name in changed)}.")


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def body_export(body: Body) -> dict[str, Any]:
    """The body as a body file, which imports back unchanged."""
    seats = list(
        body.seats.select_related("organisation")
        .prefetch_related("categories", "also_represents")
        .order_by("position")
    )
    organisations = {s.organisation for s in seats if s.organisation}
    organisations |= {o for s in seats for o in s.also_represents.all()}
    if body.secretariat_organisation:
        organisations.add(body.secretariat_organisation)
    return {
        "format": FORMAT,
        "body": {
            "name": body.name,
            "short_name": body.short_name,
            "slug": body.slug,
            "purpose": body.purpose,
            "duties": list(body.duties),
            "reports_to": body.reports_to.slug if body.reports_to else None,
            "reporting_arrangements": body.reporting_arrangements,
            "secretariat_organisation": (
                body.secretariat_organisation.slug if body.secretariat_organisation else None
            ),
            "default_location": body.default_location,
            "meets_in_public": body.meets_in_public,
            **({"meets_in_public_assumed": True} if body.meets_in_public_assumed else {}),
        },
        "organisations": [
            _without_blanks(
                {"slug": o.slug, "name": o.name, "short_name": o.short_name, "kind": o.kind}
            )
            for o in sorted(organisations, key=lambda o: o.slug)
        ],
        "categories": [
            {"slug": c.slug, "name": c.name} for c in body.seat_categories.order_by("slug")
        ],
        "seats": [
            _without_blanks(
                {
                    "key": s.key,
                    "title": s.title,
                    "organisation": s.organisation.slug if s.organisation else None,
                    "also_represents": sorted(o.slug for o in s.also_represents.all()),
                    "categories": sorted(c.slug for c in s.categories.all()),
                    "role": s.role,
                    "voting": s.voting,
                    "designate_may_attend": s.designate_may_attend,
                    "max_holders": s.max_holders,
                    "notes": s.notes,
                }
            )
            for s in seats
        ],
        "terms": [
            _without_blanks(
                {
                    "version": t.version_label,
                    "status": t.status,
                    "prepared_on": _iso(t.prepared_on),
                    "approved_on": _iso(t.approved_on),
                    "approved_by": t.approved_by,
                    "author": t.author,
                    "notes": t.notes,
                    "effective_from": _iso(t.effective_from),
                    "review_due": _iso(t.review_due),
                    "rules": t.rules,
                }
            )
            for t in body.terms_versions.order_by("pk")
        ],
    }


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _without_blanks(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}
