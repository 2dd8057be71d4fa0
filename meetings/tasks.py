"""Celery tasks for the meeting's record: thin, calling services."""

from __future__ import annotations

from celery import shared_task

from config import clock

from .services.resolutions import resolutions_decide_due


@shared_task(acks_late=True)
def decide_resolutions() -> int:
    """Written resolutions whose date for answers has passed, decided by the body's rule."""
    return resolutions_decide_due(clock.now())
