from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule
from healthlint.stats import body_word_count

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class ContentTooShort(Rule):
    """## What it does
    Flags an article body of fewer than 300 words (option `min_words`).

    How the body is found: in HTML, the text inside `<main>`, `<article>` or
    an element with `role="main"` when the page has one; otherwise every
    block outside `<nav>`, `<header>`, `<footer>` and `<aside>` (and their
    ARIA roles navigation, banner, contentinfo, complementary). So menus,
    footers, sidebars and comment widgets in those elements do not count.
    Headings, paragraphs, list items and table cells count; code, scripts
    and the `<head>` do not. In Markdown the whole document (without front
    matter) is the body.

    ## Why it matters
    Thin health pages rarely answer the reader's question well and rank
    poorly; Yoast asks for at least 300 words as well.

    ## Example
    A 180-word article about vitamin D.

    ## Instead
    Cover what readers need: what it is, who is at risk, symptoms, what to
    do, and sources.
    """

    id = "content-too-short"
    category = "meta"
    severity = "warning"
    summary = "Fewer than 300 words of body text"

    def check(self, doc: Document, ctx: Context) -> None:
        words = body_word_count(doc)
        limit = int(ctx.option("min_words"))
        if words < limit:
            ctx.report(f"the article body has {words} words, fewer than {limit}; cover the topic more fully "
                       "(what it is, who it affects, what to do, sources)")
