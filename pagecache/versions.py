"""The tables' versions: raised once a transaction that wrote to a table commits, and read by
a request before it reads anything else, so a page kept from it names what it was built from.

Every connection of every process (web, worker, command) is watched at the SQL level, so a
``QuerySet.update()``, a bulk insert or a worker's write counts as much as a ``save()``.
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connection, transaction

from . import tables
from .models import TableVersion

logger = logging.getLogger(__name__)

TABLE = TableVersion._meta.db_table
# What a page is built from is the record, not who is signed in where.
NOT_CONTENT = frozenset({TABLE, "django_session"})
RAISE = (
    f'INSERT INTO "{TABLE}" ("name", "version") VALUES (%s, 1) '
    f'ON CONFLICT ("name") DO UPDATE SET "version" = "{TABLE}"."version" + 1'
)


@dataclass
class Reading:
    """The tables' versions when the current request began, the tables it has read since,
    and whether it wrote anything."""

    then: dict[str, int] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)
    wrote: bool = False


reading: ContextVar[Reading | None] = ContextVar("pagecache_reading", default=None)
_paused = False


def pause(**kwargs) -> None:
    global _paused
    _paused = True


def resume(**kwargs) -> None:
    global _paused
    _paused = False


def current() -> dict[str, int]:
    """Every table's version now (a table never written to is at 0)."""
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "name", "version" FROM "{TABLE}"')
        return dict(cursor.fetchall())


def watch(sender, connection, **kwargs) -> None:
    """Watch every statement on a new connection (the connection_created signal). First in
    the list, because ``connection.execute_wrapper()`` takes its own off the end."""
    if _track not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _track)


def _track(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if settings.PAGE_CACHE and not _paused:
        _note(sql, context["connection"])
    return result


def _note(sql: str, db) -> None:
    now = reading.get()
    table = tables.written(sql)
    if table is None:
        if now is not None:
            now.tables |= tables.read(sql) - NOT_CONTENT
        return
    if table in NOT_CONTENT:
        return
    if now is not None:
        now.wrote = True
    pending = db.__dict__.setdefault("pagecache_pending", set())
    pending.add(table)
    flush = db.__dict__.setdefault("pagecache_flush", partial(_flush, db))
    # Once per transaction (a savepoint rolled back takes its callback with it, and the next
    # write asks again); outside a transaction, at once.
    if not any(func is flush for _savepoints, func, _robust in db.run_on_commit):
        transaction.on_commit(flush, using=db.alias)


def _flush(db) -> None:
    names, db.pagecache_pending = db.pagecache_pending, set()
    if not names:
        return
    try:
        with db.cursor() as cursor:
            cursor.executemany(RAISE, [(name,) for name in sorted(names)])
    except DatabaseError:
        # The write itself is committed; pages kept from before it last a minute at most.
        logger.exception("Could not raise the page cache's versions of %s", sorted(names))
