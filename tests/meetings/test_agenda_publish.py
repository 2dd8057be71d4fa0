"""Publication: the notice deadline to the minute, the Chair's authorisation when late,
supplements under the same rule, and papers never silently replaced."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from governance.rules.words import LONDON
from meetings.models import AgendaItem, Meeting, Paper, Publication
from meetings.services.agenda import agenda_item_add, agenda_item_update, agenda_start
from meetings.services.papers import paper_add
from meetings.services.publication import ChairAuthorisation, LatePublicationError

from .workspace import DOCX, PDF, publish, seed_body, upload

pytestmark = pytest.mark.django_db
# LIE: 4 working days' notice. Thursday 31 December 2026 at 14:00 -> publish by 17:00 on
# Wednesday 23 December (25 and 28 December are bank holidays).
MEETING = datetime.datetime(2026, 12, 31, 14, 0, tzinfo=LONDON)
DEADLINE = datetime.datetime(2026, 12, 23, 17, 0, tzinfo=LONDON)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def lie():
    setting = seed_body("leicestershire-integration-executive", starts_at=MEETING)
    agenda_start(meeting=setting.meeting, rules=setting.rules)
    item = agenda_item_add(
        meeting=setting.meeting,
        rules=setting.rules,
        title="Better Care Fund plan",
        presenter="Director",
    )
    paper_add(
        item=item,
        upload=upload("plan.pdf"),
        title="BCF plan",
        author="A Author",
        user=setting.clerk,
        now=DEADLINE - datetime.timedelta(days=3),
    )
    return setting


AUTHORISED = ChairAuthorisation("Dr Clinical Chair", DEADLINE + MINUTE, "Late finance figures.")


def test_publishing_one_minute_before_the_deadline_is_on_time(lie):
    publication = publish(lie, DEADLINE - MINUTE)
    assert (publication.late, publication.kind) == (False, Publication.Kind.AGENDA)
    assert Meeting.objects.get().status == Meeting.Status.NOTICE_GIVEN


def test_publishing_at_the_deadline_itself_is_on_time(lie):
    assert publish(lie, DEADLINE).late is False


def test_publishing_one_minute_after_the_deadline_needs_the_chairs_authorisation(lie):
    with pytest.raises(LatePublicationError, match="Wednesday 23 December 2026, 17:00"):
        publish(lie, DEADLINE + MINUTE)
    assert not Publication.objects.exists()
    assert not AgendaItem.objects.filter(published__isnull=False).exists()


def test_late_publication_with_the_chairs_authorisation_is_recorded(lie):
    publication = publish(lie, DEADLINE + MINUTE, AUTHORISED)
    assert publication.late
    assert publication.chair_authorised_by == "Dr Clinical Chair"
    assert publication.chair_authorisation_reason == "Late finance figures."
    assert str(publication).endswith("late with the Chair's authorisation")


def test_the_database_refuses_a_late_publication_without_authorisation(lie):
    with pytest.raises(IntegrityError):
        Publication.objects.create(
            meeting=lie.meeting,
            kind="agenda",
            published_at=DEADLINE,
            published_by=lie.clerk,
            deadline=DEADLINE,
            late=True,
        )


def test_publication_marks_items_and_papers_and_records_notice_to_members(lie):
    publication = publish(lie, DEADLINE - MINUTE)
    assert lie.meeting.items.filter(published=publication).count() == lie.meeting.items.count()
    assert Paper.objects.get().published == publication
    assert publication.notified.count() == len(lie.holders)
    assert publication.public_copy is False


def test_a_meeting_in_public_gets_its_public_copy_at_the_same_moment():
    setting = seed_body("south-east-london-icp", starts_at=MEETING, held_in_public=True)
    agenda_start(meeting=setting.meeting, rules=setting.rules)
    publication = publish(setting, MEETING - datetime.timedelta(days=10))
    assert publication.public_copy


def test_an_extraordinary_meeting_is_published_on_its_own_notice():
    setting = seed_body("mid-and-south-essex-icp", starts_at=MEETING)
    Meeting.objects.filter(pk=setting.meeting.pk).update(kind=Meeting.Kind.EXTRAORDINARY)
    setting.meeting.refresh_from_db()
    agenda_start(meeting=setting.meeting, rules=setting.rules)
    # Five working days before 31 December: Tuesday 22 December, not Wednesday 23.
    with pytest.raises(LatePublicationError, match="Tuesday 22 December 2026, 17:00"):
        publish(setting, datetime.datetime(2026, 12, 23, 9, 0, tzinfo=LONDON))


def test_an_item_added_after_publication_is_a_supplement_under_the_same_rule(lie):
    publish(lie, DEADLINE - MINUTE)
    extra = agenda_item_add(meeting=lie.meeting, rules=lie.rules, title="Winter pressures")
    assert extra.supplementary
    with pytest.raises(LatePublicationError):
        publish(lie, DEADLINE + MINUTE)
    supplement = publish(lie, DEADLINE + MINUTE, AUTHORISED)
    assert supplement.kind == Publication.Kind.SUPPLEMENT
    assert list(supplement.items.all()) == [extra]


def test_nothing_new_means_nothing_to_publish(lie):
    publish(lie, DEADLINE - MINUTE)
    with pytest.raises(ValidationError, match="published already"):
        publish(lie, DEADLINE - MINUTE)


def test_a_published_item_cannot_be_changed(lie):
    publish(lie, DEADLINE - MINUTE)
    item = lie.meeting.items.get(title="Better Care Fund plan")
    with pytest.raises(ValidationError, match="cannot be changed"):
        agenda_item_update(item=item, revision=item.revision, title="Something else")


def test_before_publication_a_new_version_takes_the_place_of_the_old_which_is_kept(lie):
    first = Paper.objects.get()
    second = paper_add(
        item=first.item,
        upload=upload("plan v2.docx", DOCX),
        title="BCF plan",
        author="A Author",
        user=lie.clerk,
        now=DEADLINE,
        replaces=first,
    )
    assert (second.version, second.kind) == (2, Paper.Kind.ORIGINAL)
    publication = publish(lie, DEADLINE - MINUTE)
    first.refresh_from_db()
    assert first.published is None  # kept in the record, never published
    assert Paper.objects.get(pk=second.pk).published == publication


def test_after_publication_a_new_version_is_a_revised_paper_and_the_old_stays(lie):
    publish(lie, DEADLINE - MINUTE)
    first = Paper.objects.get()
    revised = paper_add(
        item=first.item,
        upload=upload("plan v2.pdf", PDF),
        title="BCF plan",
        author="A Author",
        user=lie.clerk,
        now=DEADLINE,
        replaces=first,
    )
    assert (revised.kind, revised.version, revised.published) == (Paper.Kind.REVISED, 2, None)
    first.refresh_from_db()
    assert first.published is not None and first.file.read() == PDF
    with pytest.raises(ValidationError, match="already been replaced"):
        paper_add(
            item=first.item,
            upload=upload("again.pdf"),
            title="x",
            author="y",
            user=lie.clerk,
            now=DEADLINE,
            replaces=first,
        )


def test_a_paper_added_after_publication_is_supplementary(lie):
    publish(lie, DEADLINE - MINUTE)
    item = lie.meeting.items.get(title="Better Care Fund plan")
    extra = paper_add(
        item=item,
        upload=upload("appendix.pdf"),
        title="Appendix",
        author="A Author",
        user=lie.clerk,
        now=DEADLINE,
    )
    assert extra.kind == Paper.Kind.SUPPLEMENTARY


def test_a_cancelled_meeting_is_not_published(lie):
    Meeting.objects.filter(pk=lie.meeting.pk).update(status="cancelled", cancellation_reason="x")
    with pytest.raises(ValidationError, match="cancelled"):
        publish(lie, DEADLINE - MINUTE)
