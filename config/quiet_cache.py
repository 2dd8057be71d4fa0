"""The cache, used quietly: a cache that does not answer (Redis stopped, say) is a miss and
a page is built from the database, never a server error."""

from __future__ import annotations

import logging

from django.core.cache import cache

log = logging.getLogger(__name__)


def get_many(keys) -> dict:
    try:
        return cache.get_many(list(keys))
    except Exception as error:  # noqa: BLE001: any failure of the cache is a miss
        log.warning("The cache did not answer (%s); reading the database.", error)
        return {}


def set_many(values: dict, timeout: int) -> None:
    if not values:
        return
    try:
        cache.set_many(values, timeout)
    except Exception as error:
        log.warning("The cache did not answer (%s); nothing kept.", error)
