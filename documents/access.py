"""Who may read which of a meeting's documents: the members' pack and minutes only those
entitled to Part B; the public copies whoever may read the meeting's published business."""

from __future__ import annotations

from meetings.models import Meeting, Minutes
from meetings.views.minutes import reading_copy
from members.access import roles_for

from .models import Document


def readable_kinds(meeting: Meeting, user) -> list[str]:
    roles = roles_for(user)
    kinds = []
    if meeting.publications.exists():
        if roles.serves(meeting.body) or roles.sits_on(meeting.body):
            kinds.append(Document.Kind.PACK)
        if roles.can_view_meeting(meeting):
            kinds.append(Document.Kind.PUBLIC_PACK)
    copy = reading_copy(meeting, Minutes.objects.filter(meeting=meeting).first(), roles, user)
    if copy == "members":
        kinds.append(Document.Kind.MINUTES)
    if copy is not None:
        kinds.append(Document.Kind.PUBLIC_MINUTES)
    return kinds
