"""Reading an agenda with its papers, for the workspace, the preview and the meeting page."""

from __future__ import annotations

from django.db.models import Prefetch

from .models import AgendaItem, Meeting, Paper


def agenda_items(meeting: Meeting) -> list[AgendaItem]:
    """The items in order, each with ``all_papers`` (every version) and ``current_papers``
    (the versions not replaced): two queries."""
    items = list(
        meeting.items.prefetch_related(
            Prefetch(
                "papers",
                queryset=Paper.objects.select_related("replaced_by", "published").order_by("pk"),
                to_attr="all_papers",
            )
        )
        .select_related("published", "meeting__body")
        .order_by("position")
    )
    for item in items:
        replaced = {p.replaces_id for p in item.all_papers if p.replaces_id}
        item.current_papers = [p for p in item.all_papers if p.pk not in replaced]
    return items
