"""Wording shared by the engines' explanations: dates as people in England write them
("Thursday 10 December 2026, 14:00"), numbers in words, lists joined with "and"."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from fractions import Fraction
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def london_midnight(day: datetime.date) -> datetime.datetime:
    """The moment a London day begins (an aware datetime, whatever the clocks did)."""
    return datetime.datetime.combine(day, datetime.time(), LONDON)


def long_date(value: datetime.date) -> str:
    return f"{value:%A} {value.day} {value:%B %Y}"


def day_and_month(value: datetime.date) -> str:
    """ "Thursday 31 December": for a date whose year is clear from the sentence."""
    return f"{value:%A} {value.day} {value:%B}"


def clock_time(value: datetime.datetime) -> str:
    """ "14:00" in London; in the hour the clocks go back, which happens twice, "01:30 BST"
    or "01:30 GMT"."""
    local = value.astimezone(LONDON)
    if local.replace(fold=1 - local.fold).utcoffset() == local.utcoffset():
        return f"{local:%H:%M}"
    return f"{local:%H:%M} {'BST' if local.dst() else 'GMT'}"


def long_datetime(value: datetime.datetime) -> str:
    local = value.astimezone(LONDON) if value.tzinfo else value
    return f"{long_date(local)}, {local:%H:%M}"


def number(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


SHARE_WORDS = {
    Fraction(1, 2): "half",
    Fraction(1, 3): "a third",
    Fraction(2, 3): "two-thirds",
    Fraction(1, 4): "a quarter",
    Fraction(3, 4): "three-quarters",
    Fraction(1, 5): "a fifth",
}


def share(fraction: Fraction) -> str:
    """ "half", "two-thirds", "3/8": a share as a clerk would say it."""
    return SHARE_WORDS.get(fraction, f"{fraction.numerator}/{fraction.denominator}")


def times(n: int) -> str:
    """ "once", "twice", "four times"."""
    return "once" if n == 1 else "twice" if n == 2 else f"{number(n)} times"


def join(items: Iterable[str], conjunction: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def dates_in_months(dates: Iterable[datetime.date]) -> str:
    """ "25 and 28 December and 1 January": days grouped under their month."""
    groups: dict[tuple[int, int], list[int]] = {}
    for value in sorted(dates):
        groups.setdefault((value.year, value.month), []).append(value.day)
    return join(
        f"{join(str(day) for day in days)} {datetime.date(year, month, 1):%B}"
        for (year, month), days in groups.items()
    )


def sentence_case(text: str) -> str:
    """Capitalise the first letter only, leaving names such as "NHS" alone."""
    return text[:1].upper() + text[1:]
