"""meta-* and page rules: title, description, language, images, links, length."""

from __future__ import annotations

from healthlint.model import CHROME_REGIONS


def in_body(doc, region: str) -> bool:
    """Whether an element's region is the article body (see Document.body_blocks)."""
    return region == "main" if doc.has_main else region not in CHROME_REGIONS


def page_title(doc):
    """The page title: <title> / front matter title; for Markdown without one,
    the first H1 (static site generators take the title from it). Returns
    (text, span, block) or None."""
    title = doc.meta.title
    if title is not None and title.value.strip():
        return " ".join(title.value.split()), title.span, None
    if doc.format == "markdown":
        for block in doc.headings:
            if block.level == 1 and block.text.strip():
                return " ".join(block.text.split()), None, block
    return None
