"""The sitemap: an index of the public's pages, each body that meets in public, and each
meeting held in public, the meetings a thousand to a page, so that no page of it grows with
the years of meetings held."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from governance.models import Body

from .models import Meeting


class PublicPages(Sitemap):
    def items(self):
        return ["meetings:home", "meetings:meeting-list", "meetings:calendar",
                "members:body-list", "meetings:search", "meetings:accessibility"]  # fmt: skip

    def location(self, name):
        return reverse(name)


class PublicBodies(Sitemap):
    def items(self):
        return Body.objects.meeting_in_public().order_by("pk")

    def location(self, body):
        return reverse("meetings:body-detail", args=[body.slug])


class PublicMeetings(Sitemap):
    limit = 1000

    def items(self):
        return Meeting.objects.in_public().order_by("pk").only("pk", "starts_at")

    def get_latest_lastmod(self):
        """For the index: from the database, not by reading every meeting (Django's way)."""
        return Meeting.objects.in_public().aggregate(latest=Max("starts_at"))["latest"]

    def location(self, meeting):
        return reverse("meetings:meeting-detail", args=[meeting.pk])

    def lastmod(self, meeting):
        return meeting.starts_at


SITEMAPS = {"pages": PublicPages, "bodies": PublicBodies, "meetings": PublicMeetings}
