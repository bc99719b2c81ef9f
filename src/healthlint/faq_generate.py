"""FAQPage JSON-LD generated from the article's visible FAQ, and the one
edit that adds it to the file (faq-schema-missing's fix and the
`healthlint faq-schema` command)."""

from __future__ import annotations

import html
import json
import re
from typing import Any

from healthlint.faq_visible import FaqItem, article_items
from healthlint.model import Document
from healthlint.packs import Packs


def _answer_value(item: FaqItem) -> str:
    """The answer as schema.org Answer.text, which may hold simple HTML: so
    every piece of text is HTML-escaped, one block or many, as are names
    (faq-schema-mismatch reads both back with their entities decoded)."""
    blocks = item.answer_blocks
    if len(blocks) == 1:
        return html.escape(blocks[0].text, quote=False)
    parts: list[str] = []
    open_list: str | None = None
    for block in blocks:
        if block.kind == "list_item":
            tag = "ol" if block.element is not None and block.element.parent is not None \
                and block.element.parent.tag == "ol" else "ul"
            if open_list != tag:
                if open_list:
                    parts.append(f"</{open_list}>")
                parts.append(f"<{tag}>")
                open_list = tag
            parts.append(f"<li>{html.escape(block.text, quote=False)}</li>")
            continue
        if open_list:
            parts.append(f"</{open_list}>")
            open_list = None
        parts.append(f"<p>{html.escape(block.text, quote=False)}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return "".join(parts)


def generate(doc: Document, packs: Packs, leave_out: frozenset[str] = frozenset()) -> dict[str, Any] | None:
    """FAQPage JSON-LD for the article's visible FAQ(s), or None without one;
    questions whose key is in leave_out (advertising answers) are left out."""
    items = article_items(doc, packs)
    seen: set[str] = set(leave_out)
    entities = []
    for item in items:
        if not item.key or item.key in seen or not item.question:
            continue
        seen.add(item.key)
        entities.append({"@type": "Question", "name": html.escape(item.question, quote=False),
                         "acceptedAnswer": {"@type": "Answer", "text": _answer_value(item)}})
    if not entities:
        return None
    return {"@context": "https://schema.org", "@type": "FAQPage", "mainEntity": entities}


def dumps(data: dict[str, Any]) -> str:
    """JSON safe inside <script>: no "</script" and no "<!--" can close it."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = re.sub(r"</(script)", r"<\\/\1", text, flags=re.I)
    return text.replace("<!--", "<\\u0021--")


def script_element(data: dict[str, Any], newline: str = "\n", indent: str = "") -> str:
    lines = ['<script type="application/ld+json">', *dumps(data).split("\n"), "</script>"]
    return newline.join(indent + line for line in lines)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)
# Elements whose content is text up to their own end tag: a "</head>" in them is not a tag.
_TEXT_ONLY = frozenset({"script", "style", "textarea", "xmp", "noembed", "noframes", "title", "plaintext"})


def _ends_open(text: str) -> bool:
    """Whether an HTML text ends inside a comment or a text-only element
    (<title>, <style>, ...) that is never closed: markup added at its end
    would be text, not a script."""
    from healthlint.parse.html import _TOKEN

    pos, length = 0, len(text)
    while pos < length:
        m = _TOKEN.match(text, pos)
        assert m is not None
        pos = m.end()
        if m.lastgroup == "comment" and not m.group().endswith(">"):
            return True
        if m.lastgroup == "attrs" and not m.group("close") and m.group("tag").lower() in _TEXT_ONLY:
            close = re.compile(r"</" + m.group("tag") + r"(?=[\s/>])", re.I).search(text, pos)
            if close is None:
                return True
            pos = close.start()
    return False


def _end_tag(text: str, names: tuple[str, ...]) -> int | None:
    """Offset of the first real end tag of one of names: a tag token, not
    text inside an attribute value, a comment, <title>, <style> or <script>;
    </head> only before the body starts."""
    from healthlint.parse.html import _TOKEN

    pos, length = 0, len(text)
    found = None
    while pos < length:
        m = _TOKEN.match(text, pos)
        assert m is not None  # the last alternatives match any character
        pos = m.end()
        if m.lastgroup != "attrs":
            continue
        tag = m.group("tag").lower()
        if m.group("close"):
            if tag == "head" and tag in names:
                return m.start()
            if tag in names:
                found = m.start()  # the last </body>: text after an early stray one is still body
        elif tag == "body" and names == ("head",):
            return None
        elif tag in _TEXT_ONLY:
            close = re.compile(r"</" + tag + r"(?=[\s/>])", re.I).search(text, pos)
            pos = close.start() if close else length
    return found


def _unclosed_fence(text: str) -> bool:
    fence = None
    for m in _FENCE.finditer(text):
        mark = m.group(1)
        if fence is None:
            fence = mark
        elif mark[0] == fence[0] and len(mark) >= len(fence) and not _rest_of_line(text, m.end()).strip():
            fence = None
    return fence is not None


def _rest_of_line(text: str, start: int) -> str:
    """text[start:] up to its first "\n", without copying the rest of the text (a page of fences)."""
    end = text.find("\n", start)
    return text[start:] if end < 0 else text[start:end]


def newline_of(text: str) -> str:
    if "\r\n" in text:
        return "\r\n"
    return "\r" if "\r" in text and "\n" not in text else "\n"


def insertion(doc: Document, data: dict[str, Any]) -> dict[str, Any] | None:
    """The one edit that adds the JSON-LD: before the real </head> tag in
    HTML (else before the last real </body>, else at the end), at the end of
    a Markdown document. None when markup added at the end would not be
    read as a script: an HTML text that ends inside an unclosed comment or
    <title>/<style>/..., a Markdown text inside an unclosed code fence."""
    text = doc.source.text
    newline = newline_of(text)
    if doc.format == "html":
        for names in (("head",), ("body",)):
            pos = _end_tag(text, names)
            if pos is None:
                continue
            line_start = max(text.rfind("\n", 0, pos), text.rfind("\r", 0, pos)) + 1
            lead = text[line_start:pos]
            if not lead.strip():
                return {"start": line_start, "end": line_start,
                        "text": script_element(data, newline, lead) + newline}
            return {"start": pos, "end": pos, "text": newline + script_element(data, newline) + newline}
        if _ends_open(text):
            return None
    elif _unclosed_fence(text):
        return None
    if text.endswith(newline + newline) or not text:
        lead = ""
    elif text.endswith(("\n", "\r")):
        lead = newline
    else:
        lead = newline + newline
    return {"start": len(text), "end": len(text), "text": lead + script_element(data, newline) + newline}


def command_hint(doc: Document) -> str:
    import shlex  # only for an article that gets this hint

    return f"healthlint faq-schema {shlex.quote(doc.path)}"
