"""The sitemap: the public's pages, each body that meets in public, and each meeting held in
public (Django paginates the list past 50,000 addresses)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
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
    def items(self):
        return Meeting.objects.in_public().order_by("pk")

    def location(self, meeting):
        return reverse("meetings:meeting-detail", args=[meeting.pk])

    def lastmod(self, meeting):
        return meeting.starts_at


SITEMAPS = {"pages": PublicPages, "bodies": PublicBodies, "meetings": PublicMeetings}
