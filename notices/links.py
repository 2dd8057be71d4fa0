"""Links in notices: absolute, to ``SITE_URL``, since the worker that sends them has no
request to take the site's address from."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def site_link(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def meeting_link(meeting) -> str:
    return site_link("meetings:meeting-detail", meeting.pk)
