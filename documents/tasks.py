"""Celery tasks for documents: thin, taking ids. Named render_* so that the PDF queue's
route (CELERY_TASK_ROUTES) sends them to the low-concurrency worker."""

from __future__ import annotations

from celery import shared_task

from .services import document_render


@shared_task(acks_late=True)
def render_document(document_id: int) -> None:
    document_render(document_id)
