"""Apologies and deputies, checked against each body's deputy policy."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from config import clock
from governance.rules.words import LONDON
from meetings.services.apologies import apology_record
from members.models import DeputyNomination
from members.snapshots import snapshot
from tests.factories import PersonFactory

from .workspace import seed_body

pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 14, 14, 0, tzinfo=LONDON)


def record(setting, seat_key, deputy=None, chair=""):
    return apology_record(
        meeting=setting.meeting,
        snapshot=snapshot(setting.body, clock.today()),
        seat_key=seat_key,
        person=setting.holders[seat_key],
        deputy=deputy,
        chair_agreed_by=chair,
        user=setting.clerk,
        now=MEETING,
    )


def test_sel_needs_the_nominated_deputy_and_the_co_chairs_agreement():
    """SEL 11.3/11.4"""
    sel = seed_body("south-east-london-icp", starts_at=MEETING)
    stranger = PersonFactory()
    with pytest.raises(ValidationError) as raised:
        record(sel, "chair-slam", deputy=stranger)
    problems = raised.value.message_dict["deputy"]
    assert any("require the nominated deputy" in p for p in problems)
    assert any("need both co-chairs' agreement" in p for p in problems)
    nominated = PersonFactory()
    seat = sel.body.seats.get(key="chair-slam")
    DeputyNomination.objects.create(
        person=nominated, seat=seat, starts_on=datetime.date(2026, 1, 1)
    )
    apology = record(sel, "chair-slam", deputy=nominated, chair="Co-chair, ICB")
    assert (apology.deputy, apology.chair_agreed) == (nominated, True)


def test_lie_allows_a_designate_only_for_the_posts_the_terms_name():
    lie = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    designate = PersonFactory()
    assert record(lie, "managing-director-wlccg", deputy=designate).deputy == designate
    with pytest.raises(ValidationError, match="only for named posts"):
        record(lie, "director-public-health", deputy=designate)


def test_apologies_without_a_deputy_are_always_taken_and_recorded_once():
    mse = seed_body("mid-and-south-essex-icp", starts_at=MEETING)
    record(mse, "ceo-icb")
    record(mse, "ceo-icb")
    assert mse.meeting.apologies.count() == 1


def test_apologies_must_come_from_the_seats_holder():
    mse = seed_body("mid-and-south-essex-icp", starts_at=MEETING)
    with pytest.raises(ValidationError, match="does not hold"):
        apology_record(
            meeting=mse.meeting,
            snapshot=snapshot(mse.body, clock.today()),
            seat_key="ceo-icb",
            person=PersonFactory(),
            deputy=None,
            chair_agreed_by="",
            user=mse.clerk,
            now=MEETING,
        )
