"""Writes that touch several governance models."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from .bodyfile import BodyFile
from .models import Body, Organisation, Seat, SeatCategory, TermsOfReference


@transaction.atomic
def body_import(*, body_file: BodyFile) -> Body:
    """Create or update a body and everything its file defines. Running it twice changes
    nothing; seats and versions are matched by their keys and labels."""
    data = body_file.data
    organisations = {
        org["slug"]: _organisation_upsert(org) for org in data.get("organisations", [])
    }
    spec = data["body"]
    reports_to = None
    if spec.get("reports_to"):
        reports_to = Body.objects.filter(slug=spec["reports_to"]).first()
    body, _ = Body.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "short_name": spec["short_name"],
            "purpose": spec.get("purpose", ""),
            "duties": spec.get("duties", []),
            "reports_to": reports_to,
            "reporting_arrangements": spec.get("reporting_arrangements", ""),
            "secretariat_organisation": organisations.get(spec.get("secretariat_organisation")),
            "default_location": spec.get("default_location", ""),
            "meets_in_public": spec.get("meets_in_public", False),
        },
    )
    body.full_clean()

    categories = {}
    for category in data.get("categories", []):
        categories[category["slug"]], _ = SeatCategory.objects.update_or_create(
            body=body, slug=category["slug"], defaults={"name": category["name"]}
        )

    # Positions are moved out of the way first so that reordering never trips the
    # one-seat-per-position constraint.
    offset = 1000
    Seat.objects.filter(body=body, position__lt=offset).update(position=F("position") + offset)
    for position, spec_seat in enumerate(data.get("seats", []), start=1):
        seat, _ = Seat.objects.update_or_create(
            body=body,
            key=spec_seat["key"],
            defaults={
                "position": position,
                "title": spec_seat["title"],
                "organisation": organisations.get(spec_seat.get("organisation")),
                "voting": spec_seat.get("voting", True),
                "role": spec_seat.get("role", Seat.Role.MEMBER),
                "designate_may_attend": spec_seat.get("designate_may_attend", False),
                "max_holders": spec_seat.get("max_holders", 1),
                "notes": spec_seat.get("notes", ""),
            },
        )
        seat.categories.set([categories[slug] for slug in spec_seat.get("categories", [])])

    for terms in data.get("terms", []):
        TermsOfReference.objects.update_or_create(
            body=body,
            version_label=terms["version"],
            defaults={
                "status": terms.get("status", TermsOfReference.Status.DRAFT),
                "prepared_on": terms.get("prepared_on"),
                "approved_on": terms.get("approved_on"),
                "approved_by": terms.get("approved_by", ""),
                "author": terms.get("author", ""),
                "notes": terms.get("notes", ""),
                "effective_from": terms.get("effective_from"),
                "review_due": terms.get("review_due"),
            },
        )
    return body


def _organisation_upsert(spec: dict) -> Organisation:
    organisation, _ = Organisation.objects.update_or_create(
        slug=spec["slug"],
        defaults={
            "name": spec["name"],
            "short_name": spec.get("short_name", ""),
            "kind": spec.get("kind", Organisation.Kind.OTHER),
        },
    )
    return organisation
