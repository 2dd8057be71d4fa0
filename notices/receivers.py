"""Notices that follow from the meetings' workflow: members and deputies are told when the
agenda is published or supplemented, and when the meeting is moved or cancelled, each with
the calendar invitation, new or updated in place, and when its minutes are circulated;
apologies are acknowledged, and the deputy told they attend."""

from __future__ import annotations

from django.dispatch import receiver

from meetings import signals

from .composing import (
    agenda_messages,
    apology_messages,
    change_messages,
    deputy_request_messages,
    late_request_messages,
    minutes_messages,
    resolution_decided_messages,
    resolution_issued_messages,
)
from .sending import notice_queue, notices_queue


@receiver(signals.agenda_publication)
def agenda_notices(sender, meeting, publication, **kwargs):
    for message in agenda_messages(meeting, publication):
        notice_queue(message)


@receiver(signals.minutes_circulated)
def minutes_notices(sender, minutes, **kwargs):
    notices_queue(minutes_messages(minutes))


@receiver(signals.meeting_change)
def change_notices(sender, change, **kwargs):
    for message in change_messages(change):
        notice_queue(message)


@receiver(signals.apology_recorded)
def apology_notices(sender, apology, **kwargs):
    for message in apology_messages(apology):
        notice_queue(message)


@receiver(signals.resolution_issued)
def resolution_issued_notices(sender, resolution, entitled, **kwargs):
    notices_queue(resolution_issued_messages(resolution, entitled))


@receiver(signals.resolution_decided)
def resolution_decided_notices(sender, resolution, **kwargs):
    notices_queue(resolution_decided_messages(resolution))


@receiver(signals.late_request_change)
def late_request_notices(sender, request, **kwargs):
    notices_queue(late_request_messages(request))


@receiver(signals.deputy_request_change)
def deputy_request_notices(sender, request, **kwargs):
    notices_queue(deputy_request_messages(request))
