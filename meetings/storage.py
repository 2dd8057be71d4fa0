"""Papers are kept out of MEDIA_URL: they are served only through a view that checks who may
read them, so a confidential paper's address leads nowhere for anyone not entitled to it.
In object storage (production, ``PAPERS_BUCKET``) the bucket is private and the view, once it
has checked, hands out a signed address that lasts a minute."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.utils.http import content_disposition_header


def private_papers() -> Storage:
    """The "papers" storage (a callable, so that migrations name it rather than copy it)."""
    return storages["papers"]


def signed_link(name: str, filename: str, content_type: str) -> str | None:
    """A short-lived signed address for a paper in object storage, to be given only after
    the access check; None where papers are local files (the view sends them itself). The
    address is signed for the endpoint browsers reach (``S3_PUBLIC_ENDPOINT_URL``), which
    may differ from the one the containers use."""
    storage = storages["papers"]
    if not hasattr(storage, "bucket_name"):
        return None
    public = getattr(settings, "S3_PUBLIC_ENDPOINT_URL", "")
    if public:
        options = {**settings.STORAGES["papers"].get("OPTIONS", {}), "endpoint_url": public}
        storage = type(storage)(**options)
    return storage.url(
        name,
        parameters={
            "ResponseContentDisposition": content_disposition_header(True, filename),
            "ResponseContentType": content_type,
            "ResponseCacheControl": "private, no-store",
        },
    )
