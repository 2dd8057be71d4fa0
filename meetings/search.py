"""The public search: agenda items, papers (their words, read on upload), decisions and
confirmed minutes, only as far as the public may read them. On PostgreSQL, ranked full-text
search (English stemming, "quoted phrases", -exclusions); elsewhere every word must appear.
Snippets are escaped, with the words found marked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString

from .models import Decision, Minutes
from .queries import PUBLIC_DECISIONS, public_items, public_papers
from .searchindex import CONFIG

SHOWN = 20  # of each kind, best first
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
    items = public_items().select_related("meeting__body")
    papers = public_papers().select_related("item__meeting__body")
    decisions = Decision.objects.filter(PUBLIC_DECISIONS, struck_at__isnull=True).select_related(
        "body", "item__meeting", "resolution"
    )
    minutes = Minutes.objects.filter(
        status=Minutes.Status.CONFIRMED, meeting__held_in_public=True
    ).select_related("meeting__body")
    if full_text:
        query = SearchQuery(text, search_type="websearch", config=CONFIG)
        items = _ranked(items, query)
        papers = _ranked(papers, query).annotate(
            snippet=SearchHeadline(
                "text", query, config=CONFIG, start_sel=OPEN, stop_sel=CLOSE, max_words=30
            )
        )
        found_papers = public_papers().filter(search=query)
        decisions = decisions.filter(
            Q(search=query) | Q(item__papers__in=found_papers.values("pk"))
        )
        minutes = minutes.filter(search=query)
    else:
        items = _every_word(items, words, "title")
        papers = _every_word(papers.defer(None), words, "title", "text")  # text for snippets
        found_papers = _every_word(public_papers(), words, "title", "text")
        decisions = decisions.filter(
            _every_word_q(words, "text") | Q(item__papers__in=found_papers.values("pk"))
        )
        minutes = _every_word(minutes, words, "signed_public_text")
    papers = list(papers.order_by(*_order(full_text, "-uploaded_at"))[:SHOWN])
    for paper in papers:
        paper.excerpt = _marked(paper.snippet) if full_text else _excerpt(paper.text, words) or ""
    minutes = list(minutes.order_by("-meeting__starts_at")[:SHOWN])
    for record in minutes:
        record.excerpt = _excerpt(strip_tags(record.signed_public_text), words)
    return Results(
        items=list(items.order_by(*_order(full_text, "-meeting__starts_at"))[:SHOWN]),
        papers=papers,
        decisions=list(decisions.distinct().order_by("-year", "-number")[:SHOWN]),
        minutes=minutes,
    )


def _ranked(queryset, query):
    """Records whose stored words (meetings/searchindex.py) match, best first."""
    return queryset.filter(search=query).annotate(rank=SearchRank(F("search"), query))


def _order(full_text: bool, newest: str) -> tuple[str, ...]:
    return ("-rank", newest) if full_text else (newest,)


def _every_word_q(words, *fields) -> Q:
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def _every_word(queryset, words, *fields):
    return queryset.filter(_every_word_q(words, *fields)) if words else queryset.none()


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
