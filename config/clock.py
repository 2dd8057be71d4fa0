"""The one clock: every "now" and "today" in Quorate comes from here.

"Today" is the date in London, not on the server: at 00:30 on a summer morning the server's
UTC date is still yesterday. The test suite freezes this clock (see ``tests/conftest.py``),
so a test never depends on the day it runs.
"""

from __future__ import annotations

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    """The current moment, aware."""
    return timezone.now()


def today() -> datetime.date:
    """Today's date in Europe/London."""
    return timezone.localdate(now())
