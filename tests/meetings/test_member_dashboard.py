"""A member's dashboard: whether the papers of each meeting to come are out, whether they
sent apologies, and the meetings lately held with their decisions and, once circulated, their
minutes."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Apology, Meeting, Publication
from tests.factories import UserFactory

from . import test_minutes
from .test_minutes import MEETING, circulated, text
from .workspace import signed_in

pytestmark = pytest.mark.django_db
clock, held = test_minutes.clock, test_minutes.held  # the minutes tests' fixtures


def test_a_member_sees_the_papers_out_their_apologies_and_the_meetings_lately_held(held, clock):
    member = UserFactory(username="sel-member")
    vcse = held.holders["vcse"]
    vcse.user = member
    vcse.save(update_fields=["user"])
    upcoming = []
    for weeks in (2, 6):
        starts = MEETING + datetime.timedelta(weeks=weeks)
        upcoming.append(
            Meeting.objects.create(
                body=held.body, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                location="Tooley Street",
            )
        )  # fmt: skip
    soon, later = upcoming
    soon.publications.create(
        kind=Publication.Kind.AGENDA, published_at=MEETING, deadline=MEETING,
        published_by=held.clerk,
    )  # fmt: skip
    Apology.objects.create(
        meeting=later, seat=held.body.seats.get(key="vcse"), person=vcse,
        received_at=MEETING, recorded_by=member,
    )  # fmt: skip
    page = text(signed_in(member).get("/dashboard/"))
    assert "Published Read them : SEL ICP, Thursday 28 January 2027" in page
    assert "Thursday 25 February 2027, 14:00 South East London" in page
    assert "Not yet published You sent apologies." in page
    assert (
        "Lately held SEL ICP, Thursday 14 January 2027 : 2 decisions taken; the minutes are "
        "not yet circulated." in page
    )
    circulated(held)
    page = text(signed_in(member).get("/dashboard/"))
    assert "2 decisions taken; read the minutes of SEL ICP" in page
