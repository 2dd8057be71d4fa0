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
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6399/1",  # nothing answers here
    }
}


def test_with_redis_stopped_every_kind_of_page_is_served(settings):
    sel = seed_body(
        "south-east-london-icp", starts_at=datetime.datetime(2027, 1, 14, 14, tzinfo=LONDON)
    )
    settings.CACHES = STOPPED
    caches.close_all()
    clerk = signed_in(sel.clerk)
    for url in (
        "/dashboard/",
        f"/bodies/{sel.body.slug}/",
        f"/bodies/{sel.body.slug}/terms/",
        f"/meetings/{sel.meeting.pk}/agenda/",
        f"/meetings/{sel.meeting.pk}/console/",
    ):
        assert clerk.get(url).status_code == 200, url
    public = Client()
    assert public.get("/").status_code == 200
    assert public.post("/accounts/password_reset/", {"email": "a@b.example"}).status_code == 302
    health = public.get("/health/")
    assert health.status_code == 503 and health.json()["cache"].startswith("failed")
