"""Which tables an SQL statement reads or writes, from the quoted names Django writes them with.

A write whose table cannot be read from the statement counts as a write to every table, so a
statement written by hand can only make the page cache keep less, never serve a stale page.
"""

from __future__ import annotations

import re

EVERY_TABLE = "*"
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"([^"]+)"', re.IGNORECASE)
_WRITE_VERB = re.compile(r"\s*(?:INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|MERGE|UPSERT)\b", re.I)
_WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|REPLACE\s+INTO|UPDATE|DELETE\s+FROM)\s+"([^"]+)"',
    re.IGNORECASE,
)


def written(sql: str) -> str | None:
    """The table a data-changing statement writes to (EVERY_TABLE if it cannot be told), or
    None for a statement that changes no data."""
    if not _WRITE_VERB.match(sql):
        return None
    found = _WRITE.match(sql)
    return found.group(1) if found else EVERY_TABLE


def read(sql: str) -> set[str]:
    """The tables a statement reads from."""
    return set(_READ.findall(sql))
