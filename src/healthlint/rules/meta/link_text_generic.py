from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule
from healthlint.rules.meta import in_body

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class LinkTextGeneric(Rule):
    """## What it does
    Flags a link in the article body whose whole text says nothing about the
    target: "klik hier", "lees meer", "deze link", "click here", "read more"
    (the `generic_link_text` lists in `rules/nl` and `rules/en`). Only the
    whole text counts, so "lees meer over magnesiumtekort" and "Klik hier
    voor de beste deal" are fine. Links without text (an image link) and
    links in navigation, header, footer and sidebars are left out.

    ## Why it matters
    Screen reader users jump from link to link and hear only the link text;
    search engines use it to learn what the target is about.

    ## Example
    `Welke recepten zijn rijk aan magnesium? <a href="/recepten/">Klik hier</a>.`

    ## Instead
    `Bekijk <a href="/recepten/">recepten met veel magnesium</a>.`
    """

    id = "link-text-generic"
    category = "meta"
    severity = "info"
    summary = "Non-descriptive link text"
    lists = ("generic_link_text",)

    def check(self, doc: Document, ctx: Context) -> None:
        phrases = ctx.phrases("generic_link_text")
        if not phrases:
            return
        for link in doc.links:
            text = link.text.strip()
            if not text or not in_body(doc, link.region):
                continue
            if phrases.fullmatch(text):
                ctx.report(f'the link text "{text}" does not say where the link goes; use words that describe '
                           "what the reader finds there", span=link.span)
