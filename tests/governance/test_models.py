from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from governance.models import TermsOfReference
from tests.factories import BodyFactory, SeatCategoryFactory, SeatFactory, TermsOfReferenceFactory

pytestmark = pytest.mark.django_db


def test_a_body_has_only_one_current_approved_version():
    body = BodyFactory()
    TermsOfReferenceFactory(body=body, version_label="v1")
    with pytest.raises(IntegrityError):
        TermsOfReferenceFactory(body=body, version_label="v2")


def test_earlier_versions_are_kept_as_superseded():
    body = BodyFactory()
    old = TermsOfReferenceFactory(body=body, version_label="v1")
    old.status = TermsOfReference.Status.SUPERSEDED
    old.save()
    TermsOfReferenceFactory(
        body=body,
        version_label="v2",
        effective_from=datetime.date(2026, 1, 1),
        approved_on=datetime.date(2026, 1, 1),
    )
    assert body.terms_versions.count() == 2


def test_the_version_in_force_depends_on_the_date():
    body = BodyFactory()
    TermsOfReferenceFactory(
        body=body,
        version_label="v1",
        status=TermsOfReference.Status.SUPERSEDED,
        effective_from=datetime.date(2024, 1, 1),
    )
    TermsOfReferenceFactory(body=body, version_label="v2", effective_from=datetime.date(2026, 1, 1))
    TermsOfReferenceFactory(
        body=body,
        version_label="v3 draft",
        status="draft",
        approved_on=None,
        effective_from=datetime.date(2026, 6, 1),
    )
    assert body.terms_in_force(datetime.date(2023, 12, 31)) is None
    assert body.terms_in_force(datetime.date(2025, 6, 1)).version_label == "v1"
    assert body.terms_in_force(datetime.date(2026, 7, 1)).version_label == "v2"


def test_an_approved_version_needs_its_approval_date():
    with pytest.raises(IntegrityError):
        TermsOfReferenceFactory(approved_on=None)


def test_review_is_due_after_the_version_takes_effect():
    with pytest.raises(IntegrityError):
        TermsOfReferenceFactory(
            effective_from=datetime.date(2025, 4, 1), review_due=datetime.date(2025, 4, 1)
        )


def test_version_labels_are_unique_within_a_body():
    body = BodyFactory()
    TermsOfReferenceFactory(body=body, version_label="v1", status="draft")
    with pytest.raises(IntegrityError):
        TermsOfReferenceFactory(body=body, version_label="v1", status="draft")


def test_seat_keys_and_positions_are_unique_within_a_body():
    body = BodyFactory()
    SeatFactory(body=body, key="chair", position=1)
    with pytest.raises(IntegrityError):
        SeatFactory(body=body, key="chair", position=2)


def test_a_seat_has_at_least_one_place():
    with pytest.raises(IntegrityError):
        SeatFactory(max_holders=0)


def test_a_seat_cannot_take_another_bodys_category():
    seat = SeatFactory()
    seat.categories.add(SeatCategoryFactory())
    with pytest.raises(ValidationError, match="its own body"):
        seat.full_clean()


def test_a_body_cannot_report_to_itself_through_a_loop():
    top = BodyFactory()
    middle = BodyFactory(reports_to=top)
    top.reports_to = middle
    with pytest.raises(ValidationError, match="report to itself"):
        top.full_clean()


def test_duties_must_be_a_list_of_sentences():
    body = BodyFactory(duties=["Agree the strategy.", ""])
    with pytest.raises(ValidationError, match="Duties"):
        body.full_clean()


def test_str_says_what_each_thing_is():
    seat = SeatFactory(title="Director of Public Health", body__short_name="LIE")
    terms = TermsOfReferenceFactory(body=seat.body, version_label="November 2015")
    assert str(seat) == "Director of Public Health (LIE)"
    assert str(terms) == "LIE terms of reference November 2015 (approved)"
