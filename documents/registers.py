"""A body's registers as tagged, accessible PDFs: the register of decisions (the members'
copy with every decision, the public copy with the Part A decisions of meetings held in
public), and its terms of reference in force, in plain words, with the version history."""

from __future__ import annotations

from config import clock
from governance.models import Body
from governance.rules.language import describe
from meetings.queries import decisions_register
from members.snapshots import snapshot

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


def terms_pdf(body: Body) -> bytes:
    state = snapshot(body, clock.today())
    return html_pdf(
        "documents/pdf/terms.html",
        {
            "body": body,
            "terms": state.terms,
            "statements": describe(state.rules, state.names) if state.rules else [],
            "versions": body.terms_versions.order_by("-pk"),
            "as_at": clock.now(),
            "running_head": css_string(f"{body.name}: terms of reference"),
        },
    )
