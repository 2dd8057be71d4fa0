"""What a document was rendered from, as one hash: a document whose hash no longer matches
its content is out of date, and is never offered as current."""

from __future__ import annotations

import hashlib

from config import clock
from governance.models import Body
from meetings.models import Action, Decision, Meeting, Minutes, Paper, Vote

from .models import Document

AGENDA_KINDS = {
    Document.Kind.AGENDA,
    Document.Kind.PUBLIC_AGENDA,
    Document.Kind.PACK,
    Document.Kind.PUBLIC_PACK,
    Document.Kind.SUPPLEMENT,
    Document.Kind.PUBLIC_SUPPLEMENT,
}
REGISTER_KINDS = {Document.Kind.REGISTER, Document.Kind.PUBLIC_REGISTER}


def fingerprint(kind: str, *, meeting: Meeting | None = None, body: Body | None = None) -> str:
    """A few queries, whatever the size of the meeting (a register's, one whatever the
    number of decisions)."""
    if kind == Document.Kind.TERMS:
        terms = body.terms_in_force(clock.today())
        parts = [
            terms.pk if terms else None,
            list(body.terms_versions.order_by("pk").values_list("pk", "status", "notes")),
            list(body.seats.order_by("pk").values_list("pk", "title", "position")),
        ]
    elif kind in REGISTER_KINDS:
        parts = [
            list(
                Decision.objects.filter(body=body)
                .order_by("pk")
                .values_list("pk", "revision", "struck_at", "item__meeting__closed_at")
            )
        ]
    elif kind in AGENDA_KINDS:
        parts = [
            list(
                meeting.items.filter(published__isnull=False)
                .order_by("position")
                .values_list("pk", "revision", "position", "part", "exempt_paragraph")
            ),
            list(
                Paper.objects.filter(item__meeting=meeting, published__isnull=False)
                .order_by("pk")
                .values_list("pk", "revision", "file", "replaced_by")
            ),
            list(meeting.publications.values_list("pk", "late")),
            [meeting.starts_at.isoformat(), meeting.location, meeting.status],
        ]
    else:
        minutes = Minutes.objects.filter(meeting=meeting).first()
        parts = [
            [minutes.status, minutes.revision] if minutes else [],
            list(
                minutes.item_minutes.order_by("pk").values_list("pk", "revision") if minutes else []
            ),
            list(meeting.attendance.order_by("pk").values_list("pk", "revision")),
            *(
                list(model.objects.filter(**{path: meeting}).values_list("pk", "revision"))
                for model, path in (
                    (Vote, "item__meeting"),
                    (Decision, "item__meeting"),
                    (Action, "meeting"),
                )
            ),
        ]
    return hashlib.sha256(repr([kind, *parts]).encode()).hexdigest()
