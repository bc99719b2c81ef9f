from __future__ import annotations

import re
from typing import TYPE_CHECKING

from healthlint import evidence
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

_NAME = re.compile(r"[A-Z\u00c0-\u00de][\w.'\u2019-]+(?:\s+(?:van|de|der|den|von|van der|van den|[A-Z\u00c0-\u00de][\w.'\u2019-]*))*")
_AUTHOR_CLASS = re.compile(r"author|byline|auteur|writer|schrijver", re.IGNORECASE)
_ABOUT_AUTHOR = re.compile(r"\b(?:over de|about the) (?:auteur|schrijver|author|writer)", re.IGNORECASE)


class TrustAuthorMissing(Rule):
    """## What it does
    Fires when the page names no author: no visible byline near the top
    ("Door Anna de Vries", "By Claire Donovan", "Medisch gecontroleerd door
    …") or an element marked as byline/author, no `<meta name="author">`, no
    schema.org `author` in JSON-LD or microdata, no front matter `author`,
    and no "Over de auteur" / "About the author" section. Document-level
    finding (no line).

    ## Why it matters
    On health (YMYL) pages Google's people-first guidance asks "who created
    the content"; an anonymous health article gives readers no way to judge
    expertise.

    ## Example
    An article with no byline and no author metadata.

    ## Instead
    A byline with the author's name and credentials, linked to an author
    page, plus `author` in the Article JSON-LD.
    """

    id = "trust-author-missing"
    category = "trust"
    severity = "warning"
    summary = "No author"
    reads_front_matter = True
    lists = ("byline",)

    def check(self, doc: Document, ctx: Context) -> None:
        if doc.meta.author is not None and doc.meta.author.value.strip():
            return
        if doc.front_matter.get("author") or doc.front_matter.get("authors"):
            return
        if evidence.jsonld_values(doc, frozenset({"author", "creator"})):
            return
        if any(prop[0] == "author" for item in doc.microdata for prop in item.props):
            return
        if any("author" in link.rel for link in doc.links):
            return
        byline = ctx.phrases("byline")
        for block in evidence.top_blocks(doc, 8):
            if self._byline(block, byline):
                return
        # blocks share their ancestors: each element's classes are read once
        author_marked: dict[int, bool] = {}
        for block in doc.blocks:
            element = block.element
            if element is not None:
                for e in (element, *element.ancestors(4)):
                    marked = author_marked.get(id(e))
                    if marked is None:
                        marked = author_marked[id(e)] = bool(_AUTHOR_CLASS.search(" ".join(e.classes)))
                    if marked:
                        if block.text.strip():
                            return
                        break
            if block.is_heading and _ABOUT_AUTHOR.search(block.text):
                return
        ctx.report("no author: add a visible byline with the author's name (and credentials), "
                   "a meta author or a schema.org author; readers of health content need to know who wrote it")

    @staticmethod
    def _byline(block, byline):
        if len(block.text) > 160 or not byline:
            return False
        for _start, end in byline.matches(block.text):
            if _NAME.match(block.text[end:].lstrip(" :")):
                return True
        return False
