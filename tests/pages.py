"""Measuring pages the way the suite pins them."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def page_queries(client, url: str, data: dict | None = None) -> int:
    """Queries for one GET of ``url`` in a session already under way: the first request of a
    session also records its activity and its two-factor state, once, so it is made first
    and not counted."""
    client.get(url, data)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200, url
    return len(captured)
