"""Documents rendered again when their content is released: a meeting's agenda and packs
when its agenda is published or supplemented; its minutes, and the body's register of
decisions, when the minutes are circulated or confirmed; the body's terms of reference when
a version of them is saved. Each is queued once the change commits (``document_request``),
so a clerk never has to remember."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from governance.models import TermsOfReference
from meetings import signals

from .models import Document
from .services import document_request

Kind = Document.Kind


@receiver(signals.agenda_publication)
def agenda_again(sender, meeting, **kwargs):
    kinds = [Kind.AGENDA, Kind.PUBLIC_AGENDA, Kind.PACK, Kind.PUBLIC_PACK]
    if meeting.publications.filter(kind="supplement").exists():
        kinds += [Kind.SUPPLEMENT, Kind.PUBLIC_SUPPLEMENT]
    for kind in kinds:
        document_request(meeting=meeting, kind=kind)


@receiver(signals.minutes_release)
def minutes_again(sender, meeting, **kwargs):
    for kind in (Kind.MINUTES, Kind.PUBLIC_MINUTES):
        document_request(meeting=meeting, kind=kind)
    for kind in (Kind.REGISTER, Kind.PUBLIC_REGISTER):
        document_request(body=meeting.body, kind=kind)


@receiver(post_save, sender=TermsOfReference)
def terms_again(sender, instance, **kwargs):
    document_request(body=instance.body, kind=Kind.TERMS)
