"""Papers are kept out of MEDIA_URL: they are served only through a view that checks who may
read them, so a confidential paper's address leads nowhere for anyone not entitled to it."""

from __future__ import annotations

from django.core.files.storage import Storage, storages


def private_papers() -> Storage:
    """The "papers" storage (a callable, so that migrations name it rather than copy it)."""
    return storages["papers"]
