"""Pages of a list that grows with history, never counted: each page reads its own rows and
one more (to know whether another page follows), so the first page costs the same with ten
years of records as with one. The page shows its number and links to the pages either side,
as Django's ``Page`` does, but not how many pages there are."""

from __future__ import annotations

from dataclasses import dataclass

LAST = 100_000  # a page number beyond any list; larger ones are read as this


@dataclass
class UncountedPage:
    object_list: list
    number: int
    more: bool

    paginator = None  # no count: the template shows "Page N" alone

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.more or self.has_previous()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def uncounted_page(queryset, number, per_page: int) -> UncountedPage:
    """Page ``number`` (as typed in the address: anything but a whole number from 1 is the first
    page); past the end, an empty page that links back."""
    try:
        number = min(max(int(number), 1), LAST)
    except (TypeError, ValueError):
        number = 1
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    return UncountedPage(rows[:per_page], number, more=len(rows) > per_page)
