from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_health_check_reports_the_database_and_cache():
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}


def test_the_health_check_fails_when_the_cache_is_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["cache"].startswith("failed")


@pytest.mark.skipif(not os.environ.get("REQUIRE_SERVICES"), reason="CI's service run only")
def test_the_service_run_really_uses_postgresql_redis_and_the_broker():
    from config.celery_app import app

    assert connection.vendor == "postgresql"
    assert settings.CACHES["default"]["BACKEND"] == "config.quiet_cache.QuietRedisCache"
    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1)
        assert broker.transport_cls == "redis"


@pytest.mark.skipif(not os.environ.get("REQUIRE_SERVICES"), reason="CI's service run only")
def test_a_test_empties_only_its_own_workers_keys_from_the_shared_redis():
    """Two test workers share Redis: one starting a test must not wipe the throttle counts
    another is part way through counting."""
    from django.core.cache import caches

    from tests.conftest import forget_this_workers_cache

    cache = caches["default"]
    client = cache._cache.get_client(write=True)
    other_workers_key = "another-worker:1:throttle"
    client.set(other_workers_key, b"5")
    cache.set("throttle", 5)
    try:
        forget_this_workers_cache()
        assert cache.get("throttle") is None
        assert client.get(other_workers_key) == b"5"
    finally:
        client.delete(other_workers_key)
