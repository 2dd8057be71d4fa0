"""Celery tasks for notices: thin, taking ids. On a worker a failed send is retried with
backoff; run eagerly (the embedded default, inside the clerk's request) a failure is left on
record for the log's "Send again" rather than failing the clerk's change. The notice's claim
(notices/sending.py) keeps every retry from sending it twice."""

from __future__ import annotations

from celery import shared_task

from config import clock

from .sending import notice_send
from .sweeps import sweep

RETRIES = 8


@shared_task(bind=True, acks_late=True, max_retries=RETRIES)
def send_notice(self, notice_id: int) -> None:
    try:
        notice_send(notice_id)
    except Exception as error:  # recorded on the notice by notice_send
        if self.request.is_eager:
            return
        raise self.retry(exc=error, countdown=min(3600, 30 * 2**self.request.retries)) from error


@shared_task(acks_late=True)
def sweep_notices() -> int:
    """The day's reminders (beat, CELERY_BEAT_SCHEDULE); each is then sent by its own task."""
    return sweep(clock.today())
