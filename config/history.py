"""django-simple-history makes a new manager class each time ``Model.history`` is read
(``Manager.from_queryset``, which inspects every method of the queryset class), and every
save of a record with history reads it. The class depends only on the manager and queryset
classes, so it is made once for each pair."""

from __future__ import annotations

from functools import cache

from simple_history.manager import HistoryDescriptor


@cache
def _manager_class(manager: type, queryset: type) -> type:
    return manager.from_queryset(queryset)


def _history_manager(self, instance, owner):
    return _manager_class(self.manager_class, self.queryset_class)(self.model, instance)


def install() -> None:
    HistoryDescriptor.__get__ = _history_manager
