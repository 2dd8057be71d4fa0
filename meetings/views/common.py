"""Getting a meeting or body for the user, with the permission check in one call."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404

from config import clock
from config.forms import add_service_errors
from members.access import roles_for
from members.snapshots import BodySnapshot, snapshot

from ..models import Meeting


def get_meeting_for_user(request, pk: int) -> Meeting:
    """The meeting, or 404 where the user may not see it."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not roles_for(request.user).can_view_meeting(meeting):
        raise Http404("No such meeting.")
    return meeting


def get_meeting_for_secretariat(request, pk: int) -> Meeting:
    """The meeting, or 404 unless the user serves its body (others may not even know it)."""
    meeting = get_object_or_404(Meeting.objects.select_related("body"), pk=pk)
    if not roles_for(request.user).serves(meeting.body):
        raise Http404("No such meeting.")
    return meeting


def meeting_snapshot(meeting: Meeting) -> BodySnapshot:
    """The body's members today and the versions of its rules, for the meeting's date."""
    return snapshot(meeting.body, clock.today())


def posted_answer(request, form, *, asked: bool, already: str, record, done: str) -> bool:
    """A chair's answer posted to a request's page (late publication, a deputy): 404 for
    anyone not asked. True once ``record(cleaned_data)`` has recorded it; otherwise the form,
    or a message, says why, and the page is drawn again with a 400."""
    if not asked:
        raise Http404("No such request.")
    if form is None:
        messages.error(request, already)
        return False
    if not form.is_valid():
        return False
    try:
        record(form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return False
    messages.success(request, done)
    return True
