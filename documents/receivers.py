"""Documents rendered again when their content is released: a meeting's packs when its
agenda is published or supplemented, its minutes when circulated or confirmed. Each is
queued once the change commits (``document_request``), so a clerk never has to remember."""

from __future__ import annotations

from django.dispatch import receiver

from meetings import signals

from .models import Document
from .services import document_request


@receiver(signals.agenda_publication)
def packs_again(sender, meeting, **kwargs):
    for kind in (Document.Kind.PACK, Document.Kind.PUBLIC_PACK):
        document_request(meeting=meeting, kind=kind)


@receiver(signals.minutes_release)
def minutes_again(sender, meeting, **kwargs):
    for kind in (Document.Kind.MINUTES, Document.Kind.PUBLIC_MINUTES):
        document_request(meeting=meeting, kind=kind)
