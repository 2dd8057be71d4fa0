"""The open data's throttle, which counts every request: those answered from the page cache
(pagecache/) as much as those built by a view."""

from __future__ import annotations

from rest_framework.request import Request
from rest_framework.views import APIView


def admitted(request) -> bool:
    """Count ``request`` as the API's views would, and say whether it is within their rates.
    The API signs no one in, so every client counts as anonymous, as it does in the views."""
    wrapped = Request(request, authenticators=())
    return all(throttle().allow_request(wrapped, None) for throttle in APIView.throttle_classes)
