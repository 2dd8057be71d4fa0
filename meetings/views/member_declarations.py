"""A member's interest in an item, declared from the meeting's page before the meeting: it
waits in the console for the chair's determination."""

from __future__ import annotations

from config import clock
from members.access import roles_for
from members.interests import current_interests

from ..forms.agenda import AdvanceDeclarationForm
from ..models import AdvanceDeclaration, Meeting


def declaration_form_for(meeting: Meeting, user, items, numbers, data=None):
    """The form, for a member or deputy of the body, for a meeting to come with items they
    may read; else None."""
    person = getattr(user, "person", None) if user.is_authenticated else None
    if person is None or meeting.status == Meeting.Status.CANCELLED:
        return None
    if meeting.starts_at <= clock.now() or not roles_for(user).sits_on(meeting.body):
        return None
    readable = [item for item in items if not item.withheld]
    if not readable:
        return None
    interests = list(current_interests(person, meeting.day).order_by("category", "pk"))
    return AdvanceDeclarationForm(data, items=readable, interests=interests, numbers=numbers)


def my_declarations(person, meeting: Meeting) -> list[AdvanceDeclaration]:
    if person is None:
        return []
    return list(
        AdvanceDeclaration.objects.filter(item__meeting=meeting, person=person)
        .select_related("item")
        .order_by("item__position")
    )
