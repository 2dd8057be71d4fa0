"""Who may read which documents: the members' copies (with Part B) only those entitled to
it; the public copies whoever may read the meeting's or the body's published business."""

from __future__ import annotations

from governance.models import Body
from meetings.models import Meeting, Minutes
from meetings.views.minutes import reading_copy
from members.access import roles_for

from .models import Document

Kind = Document.Kind


def readable_kinds(meeting: Meeting, user) -> list[str]:
    roles = roles_for(user)
    kinds = []
    publications = {p.kind for p in meeting.publications.all()}
    if publications:
        members = roles.inside(meeting.body)
        public = roles.can_view_meeting(meeting)
        pairs = [(Kind.AGENDA, Kind.PUBLIC_AGENDA), (Kind.PACK, Kind.PUBLIC_PACK)]
        if "supplement" in publications:
            pairs.append((Kind.SUPPLEMENT, Kind.PUBLIC_SUPPLEMENT))
        for members_kind, public_kind in pairs:
            kinds += [members_kind] if members else []
            kinds += [public_kind] if public else []
    copy = reading_copy(meeting, Minutes.objects.filter(meeting=meeting).first(), roles, user)
    if copy == "members":
        kinds.append(Kind.MINUTES)
    if copy is not None:
        kinds.append(Kind.PUBLIC_MINUTES)
    return kinds


def readable_body_kinds(body: Body, user) -> list[str]:
    roles = roles_for(user)
    kinds = [Kind.REGISTER] if roles.inside(body) else []
    public = [Kind.PUBLIC_REGISTER, Kind.TERMS] if roles.can_view_body(body) else []
    return kinds + public
