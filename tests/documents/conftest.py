"""Fixtures for the documents' tests: the minutes tests' held meeting and clock, and commits
that run their callbacks."""

from __future__ import annotations

import contextlib
from unittest import mock

import pytest

from tests.meetings.test_minutes import clock, held  # noqa: F401 (fixtures used here)


@pytest.fixture(autouse=True)
def committed(monkeypatch):
    """The test's transaction never commits: run what waits for the commit at once, as the
    request's own commit would (the task then runs eagerly, as on the embedded default)."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, *args, **kwargs: func())


@contextlib.contextmanager
def renders_held_back():
    """Publish or circulate without the renderings that follow it (as if the worker had not
    yet run them): for the tests of a document's own request, status and failure."""
    from django.db import transaction

    with mock.patch.object(transaction, "on_commit", lambda func, *args, **kwargs: None):
        yield
