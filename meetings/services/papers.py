"""Taking papers for agenda items, and new versions of them."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from members.models import User

from .. import paperfiles
from ..models import AgendaItem, Paper
from ..tasks import read_paper
from .agenda import agenda_published
from .locking import revision_check


def paper_add(
    *,
    item: AgendaItem,
    upload,
    title: str,
    author: str,
    user: User,
    now: datetime.datetime,
    replaces: Paper | None = None,
) -> Paper:
    """Take a paper for an item, or a new version of one. A published paper is never
    replaced: the new version is a revised paper and the earlier one stays available."""
    file_format = paperfiles.check(upload)
    if replaces is not None:
        if replaces.item_id != item.pk:
            raise ValidationError("A new version must be for the same item.")
        if not replaces.is_current:
            raise ValidationError("That version has already been replaced.")
        kind = Paper.Kind.REVISED if replaces.published_id else replaces.kind
        version = replaces.version + 1
    else:
        kind = Paper.Kind.SUPPLEMENTARY if agenda_published(item.meeting) else Paper.Kind.ORIGINAL
        version = 1
    paper = Paper(
        item=item,
        title=title.strip(),
        author=author.strip(),
        kind=kind,
        version=version,
        replaces=replaces,
        file_format=file_format,
        original_name=upload.name[:255],
        size=upload.size,
        uploaded_at=now,
        uploaded_by=user,
    )
    paper.file.save(upload.name, upload, save=False)
    paper.full_clean()
    paper.save()
    transaction.on_commit(lambda: read_paper.delay(paper.pk))
    return paper


@transaction.atomic
def paper_details_update(*, paper: Paper, revision: int, title: str, author: str) -> Paper:
    """Correct a paper's title or author before it is published (afterwards, a revised
    paper is the way). Refused if another clerk saved it since ``revision``."""
    paper = Paper.objects.select_for_update().get(pk=paper.pk)
    revision_check(paper, revision, f"the details of “{paper.title}”")
    if paper.published_id:
        raise ValidationError(
            "This paper has been published; its details stay as published. Upload a revised "
            "paper instead."
        )
    paper.title, paper.author = title.strip(), author.strip()
    paper.revision += 1
    paper.full_clean()
    paper.save(update_fields=["title", "author", "revision"])
    return paper
