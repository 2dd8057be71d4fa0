"""Celery tasks for the meeting's record: thin, calling services."""

from __future__ import annotations

from celery import shared_task

from config import clock

from .paperreading import paper_read
from .services.resolutions import resolutions_decide_due


@shared_task(acks_late=True)
def decide_resolutions() -> int:
    """Written resolutions whose date for answers has passed, decided by the body's rule."""
    return resolutions_decide_due(clock.now())


@shared_task(acks_late=True)
def read_paper(paper_id: int) -> None:
    """A paper's words and accessibility, read once after it is taken."""
    paper_read(paper_id)
