"""Atom feeds of what a body publishes for the public: papers, decisions and confirmed
minutes, newest first. Only public material, and only the latest few of each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from governance.models import Body
from governance.rules.words import long_datetime

from .models import Decision, Minutes, Publication
from .queries import PUBLIC_DECISIONS, public_papers

LATEST = 20  # of each kind


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    when: datetime.datetime
    description: str


class BodyFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return get_object_or_404(Body, slug=slug, meets_in_public=True)

    def title(self, body):
        return f"{body.name}: papers, decisions and minutes"

    def link(self, body):
        return reverse("meetings:body-detail", args=[body.slug])

    def subtitle(self, body):
        return f"What the {body.name} publishes for the public."

    def items(self, body) -> list[Entry]:
        papers = _latest_papers(body)
        decisions = (
            Decision.objects.filter(PUBLIC_DECISIONS, body=body, struck_at__isnull=True)
            .select_related("body")
            .order_by("-recorded_at")[:LATEST]
        )
        minutes = (
            Minutes.objects.filter(
                meeting__body=body, status=Minutes.Status.CONFIRMED, meeting__held_in_public=True
            )
            .select_related("meeting", "confirmed_by")
            .order_by("-confirmed_by__recorded_at")[:LATEST]
        )
        entries = [
            Entry(
                f"Paper: {p.title}",
                reverse("meetings:paper-download", args=[p.pk]),
                p.published.published_at,
                f"For the meeting on {long_datetime(p.item.meeting.starts_at)}: {p.item.title}",
            )
            for p in papers
        ]
        entries += [
            Entry(
                f"Decision {d.reference}",
                reverse("meetings:decision-register", args=[body.slug]) + f"#decision-{d.pk}",
                d.recorded_at,
                d.text,
            )
            for d in decisions
        ]
        entries += [
            Entry(
                f"Minutes of the meeting on {long_datetime(m.meeting.starts_at)}",
                reverse("meetings:minutes", args=[m.meeting_id]),
                m.confirmed_by.recorded_at,
                "Confirmed as a correct record.",
            )
            for m in minutes
        ]
        return sorted(entries, key=lambda e: e.when, reverse=True)[:LATEST]

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.description

    def item_pubdate(self, entry):
        return entry.when

    def item_guid(self, entry):
        return entry.link

    item_guid_is_permalink = True


def _latest_papers(body: Body):
    """The body's newest public papers by when they were published, found among its newest
    publications that hold any: the LATEST newest papers are all in those, and the papers of
    the years before are never read."""
    public = public_papers().filter(item__meeting__body=body)
    newest = (
        Publication.objects.filter(meeting__body=body)
        .filter(Exists(public.filter(published=OuterRef("pk"))))
        .order_by("-published_at", "-pk")[:LATEST]
    )
    return (
        public_papers()
        .filter(published__in=newest.values("pk"))
        .select_related("item__meeting", "published")
        .order_by("-published__published_at", "-published_id", "item__position", "pk")[:LATEST]
    )
