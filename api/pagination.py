"""How the open data lists are paged."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Each page links to the next by where it ended, and no list is ever counted: a page
    costs the same with ten years of history as with one, and a row published while a
    client pages through never shifts the rest. Pages hold ``PAGE_SIZE`` rows, in the
    view's ``ordering``, whose first field is the row's own (annotated where it comes from
    another table)."""

    def get_ordering(self, request, queryset, view):
        return view.ordering
