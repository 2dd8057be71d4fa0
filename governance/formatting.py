"""Dates as people in England write them: "Thursday 10 December 2026, 14:00" (Europe/London)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def long_date(value: datetime.date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def long_datetime(value: datetime.datetime) -> str:
    local = value.astimezone(LONDON) if value.tzinfo else value
    return f"{long_date(local)}, {local:%H:%M}"
