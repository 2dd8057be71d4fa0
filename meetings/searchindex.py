"""The public search's index, so a search reads an index rather than every paper ever
published. On PostgreSQL: a stored, weighted tsvector for each searched record, kept when the
record is saved (and when a paper's words are read), with a GIN index. On SQLite: an FTS5
table of each searched model's words (the words stay in the model's own table), kept by
triggers, so a change made any way (a page, a queryset update, a bulk load) is found at once."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector
from django.db import connection, connections, transaction
from django.db.models.signals import post_migrate, post_save
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
# SQLite's words as PostgreSQL's English configuration reads them: stemmed, accents aside.
TOKENS = "porter unicode61 remove_diacritics 2"


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


def words_table(model) -> str:
    """The model's FTS5 table on SQLite; its rowid is the record's id."""
    return f"{model._meta.db_table}_words"


# Every name in the statements below is a model's table or field, from the code: nothing a
# person types reaches them (bandit's B608 is answered here once, line by line).


@receiver(post_migrate)
def sqlite_index(sender, using="default", **kwargs) -> None:
    """Make each FTS5 table and its triggers where they are missing, and fill a table made
    afresh or one whose triggers went with a table a migration rebuilt (SQLite drops a
    table's triggers with it)."""
    db = connections[using]
    if db.vendor != "sqlite":
        return
    with db.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = {name for (name,) in cursor.fetchall()}
        for model, fields in SEARCHED.items():
            table, words = model._meta.db_table, words_table(model)
            if table not in existing:
                continue  # not migrated yet
            made = _index_statements(table, words, fields)
            missing = [name for name in made if name not in existing]
            for name in missing:
                cursor.execute(made[name])
            if missing:
                rebuild = f'INSERT INTO "{words}"("{words}") VALUES (\'rebuild\')'  # nosec B608
                cursor.execute(rebuild)


def _index_statements(table: str, words: str, fields: tuple[str, ...]) -> dict[str, str]:
    columns = ", ".join(fields)
    new, old = (", ".join(f"{row}.{f}" for f in fields) for row in ("new", "old"))
    into = f'INSERT INTO "{words}"'  # nosec B608
    forget = f"{into}(\"{words}\", rowid, {columns}) VALUES ('delete', old.id, {old});"
    learn = f"{into}(rowid, {columns}) VALUES (new.id, {new});"
    return {
        words: f'CREATE VIRTUAL TABLE "{words}" USING fts5({columns}, content="{table}", '
        f"content_rowid=\"id\", tokenize='{TOKENS}')",
        f"{words}_insert": f'CREATE TRIGGER "{words}_insert" AFTER INSERT ON "{table}" '
        f"BEGIN {learn} END",
        f"{words}_delete": f'CREATE TRIGGER "{words}_delete" AFTER DELETE ON "{table}" '
        f"BEGIN {forget} END",
        f"{words}_update": f'CREATE TRIGGER "{words}_update" AFTER UPDATE OF {columns} '
        f'ON "{table}" BEGIN {forget} {learn} END',
    }
