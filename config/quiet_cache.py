"""A Redis cache that never takes the site down: while Redis does not answer (stopped, or
too slow), every read is a miss and every write is dropped, with a warning in the log.
Pages are then built from the database; throttling fails open (RATELIMIT_FAIL_OPEN)."""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _quietly(name: str, fallback):
    method = getattr(RedisCacheClient, name)

    def quiet(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except UNAVAILABLE as error:
            log.warning("The cache did not answer (%s): carrying on without it.", error)
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    quiet.__name__ = name
    return quiet


class QuietRedisCacheClient(RedisCacheClient):
    get = _quietly("get", lambda key, default=None: default)
    get_many = _quietly("get_many", {})
    has_key = _quietly("has_key", False)
    add = _quietly("add", False)
    set = _quietly("set", None)
    set_many = _quietly("set_many", [])
    touch = _quietly("touch", False)
    delete = _quietly("delete", False)
    delete_many = _quietly("delete_many", None)
    incr = _quietly("incr", None)
    clear = _quietly("clear", False)


class QuietRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = QuietRedisCacheClient
