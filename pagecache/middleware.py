"""Whole pages kept and served again while nothing they were built from has changed.

A page is kept for one person (or for everyone signed out), one address, one kind of answer
asked for (``Accept``), one browser's CSRF cookie, one set of htmx headers and one minute of
the clock; it is served again only if every table it read is still at the version it was read
at, and only past its path's gate, if it has one (``PAGE_CACHE_GATES``). Two middlewares,
because the versions must be read before anything else is (the session, the user, their
roles), and the page looked up only after sign-in, two-factor and idle-session checks have had
their say.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.module_loading import import_string

from config import clock

from . import versions
from .tables import EVERY_TABLE


def _candidate(request) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method == "GET"
        and not request.path_info.startswith(settings.PAGE_CACHE_NEVER)
    )


class ReadingMiddleware:
    """Early: the tables' versions before anything is read, then note what the request reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _candidate(request):
            return self.get_response(request)
        request.table_versions = versions.current()
        token = versions.reading.set(versions.Reading(then=request.table_versions))
        try:
            return self.get_response(request)
        finally:
            versions.reading.reset(token)


class PageCacheMiddleware:
    """Late: serve the kept page if it is still true, otherwise build it and keep it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        then = getattr(request, "table_versions", None)
        if then is None or _messages_waiting(request):
            return self.get_response(request)
        key = _key(request)
        kept = cache.get(key)
        fresh = kept is not None and all(then.get(t, 0) == v for t, v in kept["read"].items())
        if fresh and _admitted(request):
            return kept["response"]
        response = self.get_response(request)
        now = versions.reading.get()
        if now is not None and _keepable(request, response, now):
            read = {table: then.get(table, 0) for table in now.tables | {EVERY_TABLE}}
            cache.set(key, {"read": read, "response": response}, settings.PAGE_CACHE_SECONDS)
        return response


def _key(request) -> str:
    htmx = sorted((k, v) for k, v in request.headers.items() if k.lower().startswith("hx-"))
    parts = (
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        request.headers.get("Accept", ""),
        str(request.user.pk or ""),
        request.COOKIES.get(settings.CSRF_COOKIE_NAME, ""),
        repr(htmx),
        str(int(clock.now().timestamp()) // 60),
    )
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _admitted(request) -> bool:
    """Whether the gate for this path, if it has one, lets a kept answer be served. One that
    does not is left to the view, which answers as it would have."""
    for prefix, gate in settings.PAGE_CACHE_GATES.items():
        if request.path_info.startswith(prefix):
            return import_string(gate)(request)
    return True


def _messages_waiting(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _keepable(request, response, now: versions.Reading) -> bool:
    storage = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and _sets_no_cookie_but_the_csrf_it_was_sent(request, response)
        and not now.wrote
        and not (storage is not None and len(storage) > 0)
        and _csrf_secret_unchanged(request)
    )


def _sets_no_cookie_but_the_csrf_it_was_sent(request, response) -> bool:
    """A view that protects itself (Django's password change) renews the browser's CSRF
    cookie as it answers; sending that browser the same cookie again changes nothing."""
    name = settings.CSRF_COOKIE_NAME
    return not response.cookies or (
        set(response.cookies) == {name}
        and response.cookies[name].value == request.COOKIES.get(name)
    )


def _csrf_secret_unchanged(request) -> bool:
    """A CSRF secret made for this page (the browser sent none, or a bad one) belongs to
    this browser alone."""
    sent = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    return request.META.get("CSRF_COOKIE", sent) == sent
