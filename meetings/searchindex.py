"""The public search's index on PostgreSQL: a stored, weighted tsvector for each searched
record, kept when the record is saved (and when a paper's words are read), with a GIN index,
so a search reads the index rather than every paper ever published. Elsewhere, nothing."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AgendaItem, Decision, Minutes, Paper

CONFIG = "english"
# Each searched model and its fields, the first weighted above the rest.
SEARCHED = {
    AgendaItem: ("title",),
    Paper: ("title", "text"),
    Decision: ("text",),
    Minutes: ("signed_public_text",),
}


def vector(model):
    first, *rest = SEARCHED[model]
    combined = SearchVector(first, weight="A", config=CONFIG)
    for field in rest:
        combined += SearchVector(field, weight="B", config=CONFIG)
    return combined


def reindex(model, pks=None) -> None:
    """Recompute the stored words of the model's records (all of them, or those named)."""
    if connection.vendor != "postgresql":
        return
    records = model.objects.all() if pks is None else model.objects.filter(pk__in=pks)
    records.update(search=vector(model))


@receiver(post_save)
def reindex_saved(sender, instance, raw=False, **kwargs):
    if sender in SEARCHED and not raw and connection.vendor == "postgresql":
        transaction.on_commit(lambda: reindex(sender, [instance.pk]))
