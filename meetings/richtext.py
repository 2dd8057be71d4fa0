"""Minutes as the clerk types them, made safe to show: paragraphs, emphasis, lists and links
only (nh3, an allow-list sanitiser). Text typed without paragraph tags becomes paragraphs;
lines starting "- " become a list; **bold**, _italics_ and [a link](https://…) become
themselves, so the plain form without JavaScript writes rich minutes. Anything else that
looks like markup is left to the sanitiser."""

from __future__ import annotations

import html
import re

import nh3

TAGS = {"p", "br", "strong", "em", "b", "i", "u", "ul", "ol", "li", "a", "blockquote"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def clean_minute(text: str) -> str:
    """The clerk's text as safe HTML ("" when nothing but space was typed). Text the sanitiser
    finds no paragraph or list in is read as the plain form's (whatever tags it began with,
    so that saving what is saved changes nothing)."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    cleaned = _sanitised(text)
    if not re.search(r"<(p|ul|ol|li|blockquote)\b", cleaned):
        cleaned = _sanitised(_paragraphs(text))
    return cleaned


def _sanitised(text: str) -> str:
    """What the allow-list keeps, less paragraphs left empty (what was only markup)."""
    cleaned = nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        attribute_filter=_absolute_links,
    )
    return re.sub(r"<p>\s*</p>", "", cleaned).strip()


def _absolute_links(tag: str, attribute: str, value: str) -> str | None:
    """Links only to a whole address: a relative one means nothing in a PDF or an e-mail, and
    is how a stray "<a href=" swallowed the text after it."""
    if attribute == "href" and not value.lower().startswith(ABSOLUTE):
        return None
    return value


ABSOLUTE = tuple(f"{scheme}:" for scheme in URL_SCHEMES)
LINK = r"(?:https?://|mailto:)[^\s)\"<>]+"  # an address as the plain form's [text](address)
INLINE = (
    (re.compile(rf"\[([^\]\n]+)\]\(({LINK})\)"), r'<a href="\2">\1</a>'),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"<strong>\1</strong>"),
    (re.compile(r"(?<![\w*])_(?=\S)(.+?)(?<=\S)_(?!\w)"), r"<em>\1</em>"),
)
# The same, back to what was typed: only tags the markup makes (and nh3's rel on links), and
# only links the markup could have made (any other stays as HTML).
TYPED = (
    (re.compile(rf'<a href="({LINK})" rel="noopener">([^\]\n<]+)</a>'), r"[\2](\1)"),
    (re.compile(r"<strong>(.*?)</strong>"), r"**\1**"),
    (re.compile(r"<em>(.*?)</em>"), r"_\1_"),
)


def _inline(line: str) -> str:
    for pattern, replacement in INLINE:
        line = pattern.sub(replacement, line)
    return line


def _paragraphs(text: str) -> str:
    blocks = []
    for block in re.split(r"\n\s*\n", text):
        lines = [_inline(line.strip()) for line in block.split("\n") if line.strip()]
        if lines and all(line.startswith(("- ", "* ")) for line in lines):
            items = "".join(f"<li>{line[2:].strip()}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        elif lines:
            blocks.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(blocks)


def as_typed(minute_html: str) -> str:
    """Back from stored HTML to what the plain form shows for editing: the clerk's own
    paragraphs and "- " lists, or the HTML itself where it holds more than those, or where
    the plain text would not save as the same HTML again."""
    text = minute_html
    for pattern, replacement in TYPED:
        text = pattern.sub(replacement, text)
    if re.search(r"<(?!/?(p|br|ul|li)\b)[a-zA-Z/][^>]*>", text):
        return minute_html
    text = re.sub(r"<li>(.*?)</li>", lambda m: f"- {m.group(1)}\n", text)
    text = re.sub(r"</?ul>", "\n", text)
    text = text.replace("<br>", "\n").replace("</p>", "\n\n").replace("<p>", "")
    text = html.unescape(re.sub(r"\n{3,}", "\n\n", text)).strip()
    return text if clean_minute(text) == minute_html else minute_html
