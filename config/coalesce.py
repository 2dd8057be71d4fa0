"""Work that many changes call for, done once for all of them. Importing a body saves a
hundred records, and each save would raise the body's record version (members/freshness.py)
with an UPDATE of its own; inside ``coalesced()`` each distinct piece of work is done once,
when the block ends.

The block must sit inside the transaction that an error in it undoes: on an error nothing
is done, as nothing it was for is kept."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_pending: ContextVar[dict[Hashable, Callable[[], None]] | None] = ContextVar(
    "coalesce_pending", default=None
)


@contextmanager
def coalesced() -> Iterator[None]:
    """Within the block, ``once()`` keeps its work until the block ends. A block inside
    another joins it."""
    if _pending.get() is not None:
        yield
        return
    token = _pending.set({})
    try:
        yield
        work = _pending.get()
    finally:
        _pending.reset(token)
    for do in work.values():
        do()


def once(key: Hashable, do: Callable[[], None]) -> None:
    """Do ``do`` now, or, inside ``coalesced()``, once for each ``key`` when the block ends."""
    pending = _pending.get()
    if pending is None:
        do()
    else:
        pending.setdefault(key, do)
