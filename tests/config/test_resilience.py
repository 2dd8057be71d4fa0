"""With Redis stopped the site keeps serving its pages: the cache is a miss and throttling
fails open; only the health check says the cache is down. (benchmarks/resilience.py tries
the same through gunicorn, and a PostgreSQL that drops its connections under load.)"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.test import Client

from governance.rules.words import LONDON
from tests.meetings.workspace import seed_body, signed_in

pytestmark = pytest.mark.django_db
STOPPED = {
    "default": {
        "BACKEND": "config.quiet_cache.QuietRedisCache",  # as the settings make of CACHE_URL
        "LOCATION": "redis://127.0.0.1:6399/1",  # nothing answers here
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


def test_with_redis_stopped_every_kind_of_page_is_served(settings):
    sel = seed_body(
        "south-east-london-icp", starts_at=datetime.datetime(2027, 1, 14, 14, tzinfo=LONDON)
    )
    settings.CACHES = {**settings.CACHES, **STOPPED}  # the accounts stay in each process
    settings.PAGE_CACHE = True  # a kept page is a miss too, and the page is built
    caches.close_all()
    clerk = signed_in(sel.clerk)
    for url in (
        "/dashboard/",
        f"/bodies/{sel.body.slug}/",
        f"/bodies/{sel.body.slug}/terms/",
        f"/meetings/{sel.meeting.pk}/agenda/",
        f"/meetings/{sel.meeting.pk}/console/",
    ):
        for _ in range(2):
            assert clerk.get(url).status_code == 200, url
    public = Client()
    assert public.get("/").status_code == 200
    assert public.post("/accounts/password_reset/", {"email": "a@b.example"}).status_code == 302
    health = public.get("/health/")
    assert health.status_code == 503 and health.json()["cache"] == "failed"


def test_a_redis_cache_url_is_used_quietly_with_short_timeouts(monkeypatch):
    import importlib

    from config.settings import base

    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    reloaded = importlib.reload(base)
    cache = reloaded.CACHES["default"]
    assert cache["BACKEND"] == "config.quiet_cache.QuietRedisCache"
    assert cache["OPTIONS"]["socket_timeout"] == 0.5
