"""The public search: agenda items, papers (their words, read on upload), decisions and
confirmed minutes, only as far as the public may read them, read from the search index
(meetings/searchindex.py). On PostgreSQL, ranked full-text search (English stemming, "quoted
phrases", -exclusions); on SQLite the same query (stemmed, or as the start of a word), newest
first. Each kind is ranked among the newest records found, so a search costs the same
at ten years of history as at one. Snippets are escaped, with the words found marked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString

from .models import AgendaItem, Decision, Minutes, Paper
from .queries import PUBLIC_DECISIONS, public_items, public_papers
from .searchindex import CONFIG, words_table

SHOWN = 20  # of each kind, best first
CANDIDATES = 500  # of each kind, the newest found, among which the best are chosen
OPEN, CLOSE = "\x02", "\x03"  # marks from PostgreSQL, made into <mark> once the rest is escaped
SNIPPET = 160


@dataclass
class Results:
    items: list
    papers: list
    decisions: list
    minutes: list

    @property
    def count(self) -> int:
        return len(self.items) + len(self.papers) + len(self.decisions) + len(self.minutes)


def search(text: str) -> Results:
    full_text = connection.vendor == "postgresql"
    words = re.findall(r"\w+", text)[:8]
    if not words:
        return Results([], [], [], [])
    if full_text:
        query = SearchQuery(text, search_type="websearch", config=CONFIG)

        def newest(queryset):
            """The newest ``CANDIDATES`` records found (the last recorded), as a subquery."""
            found = queryset.filter(search=query).order_by("-pk")
            return found.values_list("pk", flat=True)[:CANDIDATES]
    else:
        wanted = _fts5_query(text)
        if not wanted:
            return Results([], [], [], [])

        def newest(queryset):
            """The newest ``CANDIDATES`` records found: the words' index is read newest first,
            each record it finds checked against ``queryset`` until there are enough. (Asked
            for records among those found, SQLite read every record a common word is in.)"""
            index, table = words_table(queryset.model), queryset.model._meta.db_table
            found = queryset.extra(  # nosec B610: names from the code; what was typed is a parameter
                select={"found": f'"{index}".rowid'},
                tables=[index],
                where=[f'"{index}" MATCH %s', f'"{index}".rowid = "{table}"."id"'],
                params=[wanted],
            )
            return list(found.order_by("-found").values_list("pk", flat=True)[:CANDIDATES])

    public_decisions = Decision.objects.filter(PUBLIC_DECISIONS, struck_at__isnull=True)
    public_minutes = Minutes.objects.filter(
        status=Minutes.Status.CONFIRMED, meeting__held_in_public=True
    )
    items = AgendaItem.objects.filter(pk__in=newest(public_items()))
    papers = Paper.objects.filter(pk__in=newest(public_papers()))
    on_papers_found = public_decisions.filter(item_id__in=papers.values("item_id"))
    on_papers_found = on_papers_found.order_by("-pk").values_list("pk", flat=True)[:CANDIDATES]
    decisions = Decision.objects.filter(  # by its own words, or its papers'; each set read apart
        pk__in={*newest(public_decisions), *on_papers_found}
    )
    minutes = Minutes.objects.filter(pk__in=newest(public_minutes))
    if full_text:
        items = items.annotate(rank=SearchRank(F("search"), query))
        papers = papers.annotate(
            rank=SearchRank(F("search"), query),
            snippet=SearchHeadline(
                "text", query, config=CONFIG, start_sel=OPEN, stop_sel=CLOSE, max_words=30
            ),
        )
    else:
        papers = papers.defer(None)  # the text, for the snippets
    papers = list(
        papers.select_related("item__meeting__body").order_by(*_order(full_text, "-uploaded_at"))[
            :SHOWN
        ]
    )
    for paper in papers:
        paper.excerpt = _marked(paper.snippet) if full_text else _excerpt(paper.text, words) or ""
    minutes = list(minutes.select_related("meeting__body").order_by("-meeting__starts_at")[:SHOWN])
    for record in minutes:
        record.excerpt = _excerpt(strip_tags(record.signed_public_text), words)
    return Results(
        items=list(
            items.select_related("meeting__body").order_by(
                *_order(full_text, "-meeting__starts_at")
            )[:SHOWN]
        ),
        papers=papers,
        decisions=list(
            decisions.select_related("body", "item__meeting", "resolution").order_by(
                "-year", "-number"
            )[:SHOWN]
        ),
        minutes=minutes,
    )


def _fts5_query(text: str) -> str:
    """What was typed, as SQLite's FTS5 reads it and as PostgreSQL reads a web search: each
    word must appear (stemmed, or as the start of a word), a "quoted phrase" as a phrase, and
    a -word must not. Only \\w+ words reach FTS5, so nothing typed is read as its syntax."""
    wanted, unwanted = [], []
    for phrase, excluded, word in re.findall(r'"([^"]*)"|(?<!\S)-(\w+)|(\w+)', text)[:8]:
        if phrase and (inside := re.findall(r"\w+", phrase)):
            wanted.append('"' + " ".join(inside) + '"')
        elif excluded:
            unwanted.append(f'"{excluded}"')
        elif word:
            wanted.append(f'"{word}"*')
    if not wanted:
        return ""
    return " AND ".join(wanted) + "".join(f" NOT {term}" for term in unwanted)


def _order(full_text: bool, newest: str) -> tuple[str, ...]:
    return ("-rank", newest) if full_text else (newest,)


def _marked(headline: str) -> SafeString:
    """PostgreSQL's headline, escaped, its marked words in <mark>."""
    return _joined(
        (format_html("<mark>{}</mark>", part[1:-1]) if part.startswith(OPEN) else part)
        for part in re.split(f"({OPEN}[^{CLOSE}]*{CLOSE})", headline)
    )


def _excerpt(text: str, words) -> SafeString | None:
    """The text around the first word found, escaped, with every word found marked."""
    found = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    first = found.search(text)
    if first is None:
        return None
    start = max(0, first.start() - SNIPPET // 2)
    piece = ("…" if start else "") + text[start : start + SNIPPET] + "…"
    return _joined(
        format_html("<mark>{}</mark>", part) if n % 2 else part
        for n, part in enumerate(re.split(f"({found.pattern})", piece, flags=re.IGNORECASE))
    )


def _joined(parts) -> SafeString:
    """Each part escaped unless it is already safe (the marks made above)."""
    return format_html_join("", "{}", ((part,) for part in parts))
