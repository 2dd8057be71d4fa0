"""Building an agenda: standing items, items and sub-items in order, Part A business before
Part B, and the numbers the agenda prints."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.rules.language import BodyRules

from ..models import AgendaItem, Meeting, Publication
from .locking import revision_check


def agenda_published(meeting: Meeting) -> bool:
    return meeting.publications.filter(kind=Publication.Kind.AGENDA).exists()


def refuse_if_closed(meeting: Meeting) -> None:
    """The agenda of a meeting held and closed is what the record and the minutes follow."""
    if meeting.closed:
        raise ValidationError(
            "The meeting has been held and closed: its agenda is part of its record."
        )


@transaction.atomic
def agenda_start(*, meeting: Meeting, rules: BodyRules) -> list[AgendaItem]:
    """Put the body's standing items on an empty agenda."""
    refuse_if_closed(meeting)
    if meeting.items.exists():
        raise ValidationError("The agenda already has items.")
    template = rules.agenda
    standing = [*template.opening, *template.closing]
    return [
        AgendaItem.objects.create(
            meeting=meeting,
            position=(n + 1) * 10,
            title=s.title,
            purpose=s.purpose,
            standing=True,
            paper_expected=False,
        )
        for n, s in enumerate(standing)
    ]


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, rules: BodyRules | None, **fields) -> AgendaItem:
    """Add an item at the end of its part (Part A items before the closing standing items
    such as "Any other business"), or a sub-item after its parent's last sub-item. After
    publication it is a supplementary item, to be published under the same rule."""
    refuse_if_closed(Meeting.objects.select_for_update().get(pk=meeting.pk))
    item = AgendaItem(meeting=meeting, supplementary=agenda_published(meeting), **fields)
    items = list(meeting.items.order_by("position"))
    if item.parent_id:
        anchor = max(i.position for i in items if item.parent_id in (i.pk, i.parent_id))
    else:
        closing = {s.title for s in rules.agenda.closing} if rules else set()
        part = [i for i in items if i.parent_id is None and i.part == item.part]
        trailing = []
        while part and part[-1].standing and part[-1].title in closing:
            trailing.insert(0, part.pop())
        if trailing:
            anchor = trailing[0].position - 1
        elif part:
            anchor = max(i.position for i in items if part[-1].pk in (i.pk, i.parent_id))
        else:
            anchor = 0 if item.part == AgendaItem.Part.A else (items[-1].position if items else 0)
    later = [i for i in items if i.position > anchor]
    for other in later:
        other.position += 10
    AgendaItem.objects.bulk_update(later, ["position"])
    item.position = anchor + 5
    item.full_clean()
    item.save()
    _parts_in_order(meeting)
    item.refresh_from_db(fields=["position"])
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, revision: int, **fields) -> str:
    """Change an item, made from the form at ``revision``; returns a note for the clerk when
    a change of part moved it. Refused (``StaleChange``) if another clerk saved it since."""
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    revision_check(item, revision, f"“{item.title}”")
    refuse_if_closed(item.meeting)
    if item.published_id:
        raise ValidationError(
            "This item has been published and cannot be changed. Add a "
            "supplementary item or a revised paper instead."
        )
    if item.part != fields.get("part", item.part) and item.children.exists():
        raise ValidationError(
            {"part": "Its sub-items are in the same part: change them, or move them, first."}
        )
    for name, value in fields.items():
        setattr(item, name, value)
    item.revision += 1
    item.full_clean()
    item.save()
    moved = _parts_in_order(item.meeting)
    if item.pk in moved:
        where = "after the Part A items" if item.part == AgendaItem.Part.B else "before Part B"
        return f"“{item.title}” is now in {item.get_part_display()}, so it moved {where}."
    return ""


def _parts_in_order(meeting: Meeting) -> set[int]:
    """Keep every Part A item before every Part B item (the public leave before Part B),
    each item's sub-items with it, and the order within each part as it was. Returns the
    items that moved from one part of the agenda to the other."""
    items = list(meeting.items.order_by("position"))
    children: dict[int, list[AgendaItem]] = {}
    for item in items:
        if item.parent_id:
            children.setdefault(item.parent_id, []).append(item)
    top = [i for i in items if i.parent_id is None]
    moved = {
        item.pk
        for n, item in enumerate(top)
        if (item.part == "A" and any(t.part == "B" for t in top[:n]))
        or (item.part == "B" and any(t.part == "A" for t in top[n + 1 :]))
    }
    ordered = sorted(top, key=lambda i: i.part)  # stable: "A" < "B"
    flat = [each for head in ordered for each in (head, *children.get(head.pk, []))]
    changed = []
    for position, item in enumerate(flat, start=1):
        if item.position != position * 10:
            item.position = position * 10
            changed.append(item)
    AgendaItem.objects.bulk_update(changed, ["position"])
    return moved


def agenda_item_delete(*, item: AgendaItem) -> None:
    refuse_if_closed(item.meeting)
    if item.published_id:
        raise ValidationError("A published item cannot be removed.")
    if item.papers.exists():
        raise ValidationError(
            "Remove this item's papers first; papers are never discarded silently."
        )
    item.delete()


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, up: bool) -> bool:
    """Swap an item with its neighbour among its siblings, sub-items moving with their
    parent; False when it is already first (or last)."""
    refuse_if_closed(item.meeting)
    siblings = list(item.meeting.items.filter(parent=item.parent).order_by("position"))
    index = siblings.index(item)
    other_index = index - 1 if up else index + 1
    if not 0 <= other_index < len(siblings):
        return False
    other = siblings[other_index]
    if item.published_id or other.published_id:
        raise ValidationError("Published items keep their order.")
    if item.part != other.part:
        raise ValidationError(
            f"“{item.title}” is already the {'first' if up else 'last'} item in "
            f"{item.get_part_display()}: Part A business comes before Part B. To move it "
            "into the other part, edit the item and change its part."
        )

    def block(head: AgendaItem) -> list[AgendaItem]:
        return [head, *head.children.order_by("position")]

    earlier, later = (other, item) if up else (item, other)
    moved = block(later) + block(earlier)
    positions = sorted(i.position for i in moved)
    for each, position in zip(moved, positions, strict=True):
        each.position = position
    AgendaItem.objects.bulk_update(moved, ["position"])
    return True


def numbering(items: list[AgendaItem]) -> dict[int, str]:
    """Item numbers as the agenda prints them: 1, 2, 2.1, 2.2, 3."""
    numbers, top, sub = {}, 0, {}
    for item in sorted(items, key=lambda i: i.position):
        if item.parent_id is None:
            top += 1
            numbers[item.pk] = str(top)
        else:
            sub[item.parent_id] = sub.get(item.parent_id, 0) + 1
            numbers[item.pk] = f"{numbers.get(item.parent_id, '?')}.{sub[item.parent_id]}"
    return numbers
