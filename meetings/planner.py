"""Hints for SQLite's query planner, which keeps no statistics on a column without an index and
so takes any ``column = value`` to pick out a few rows. Where that is untrue of the data (most
agenda items are Part A), it starts from the wrong table and reads all of it, however small
the page. PostgreSQL keeps statistics, and is given the condition as it is."""

from __future__ import annotations

from django.db.models import BooleanField, Func, Q


class Likely(Func):
    """A condition true of most rows: SQLite's ``likely()``, the condition itself elsewhere."""

    function = "likely"
    output_field = BooleanField()

    def __init__(self, condition: Q):
        super().__init__(condition)

    def as_sql(self, compiler, connection, **extra_context):
        if connection.vendor == "sqlite":
            return super().as_sql(compiler, connection, **extra_context)
        return compiler.compile(self.source_expressions[0])
