"""A body's register of decisions as a tagged, accessible PDF: the members' copy with every
decision, the public copy with the Part A decisions of meetings held in public."""

from __future__ import annotations

from config import clock
from governance.models import Body
from meetings.queries import decisions_register

from .rendering import css_string, html_pdf


def register_pdf(body: Body, *, public: bool) -> bytes:
    decisions = decisions_register(body, members=not public).order_by("year", "number")
    return html_pdf(
        "documents/pdf/register.html",
        {
            "body": body,
            "decisions": decisions.iterator(chunk_size=500),
            "public": public,
            "as_at": clock.now(),
            "running_head": css_string(f"{body.name}: register of decisions"),
        },
    )
