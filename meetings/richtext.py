"""Minutes as the clerk types them, made safe to show: paragraphs, emphasis, lists and links
only (nh3, an allow-list sanitiser). Text typed without paragraph tags becomes paragraphs,
and lines starting "- " become a list, so the plain form without JavaScript writes good
minutes; anything else that looks like markup is left to the sanitiser."""

from __future__ import annotations

import html
import re

import nh3

TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_minute(text: str) -> str:
    """The clerk's text as safe HTML ("" when nothing but space was typed)."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if not re.search(r"</?(p|br|ul|ol|li|blockquote)\b", text, re.IGNORECASE):
        text = _paragraphs(text)
    cleaned = nh3.clean(
        text, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES, link_rel="noopener"
    )
    return cleaned.strip()


def _paragraphs(text: str) -> str:
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines and all(line.startswith(("- ", "* ")) for line in lines):
            items = "".join(f"<li>{line[2:].strip()}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif lines:
            blocks.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(blocks)


def as_typed(minute_html: str) -> str:
    """Back from stored HTML to what the plain form shows for editing: the clerk's own
    paragraphs and "- " lists, or the HTML itself where it holds more than those."""
    if re.search(r"<(?!/?(p|br|ul|li)\b)[a-zA-Z/][^>]*>", minute_html):
        return minute_html
    text = re.sub(r"<li>(.*?)</li>", lambda m: f"- {m.group(1)}\n", minute_html)
    text = re.sub(r"</?ul>", "\n", text)
    text = text.replace("<br>", "\n").replace("</p>", "\n\n").replace("<p>", "")
    return html.unescape(re.sub(r"\n{3,}", "\n\n", text)).strip()
