from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule
from healthlint.text import word_count

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class HeadingTextGap(Rule):
    """## What it does
    Flags a stretch of more than 300 words of body text (option `max_words`)
    without a subheading, at the first block of the stretch.

    ## Why it matters
    Readers scan health articles for the part that answers their question;
    long runs without headings are skipped. Yoast's "subheading distribution"
    check uses the same 300-word limit.

    ## Example
    Six long paragraphs about dosage, side effects and food sources under one
    H2.

    ## Instead
    Split the section with H3 subheadings ("Dosering", "Bijwerkingen",
    "Voeding").
    """

    id = "heading-text-gap"
    category = "heading"
    severity = "info"
    summary = "More than 300 words without a subheading"

    def check(self, doc: Document, ctx: Context) -> None:
        limit = int(ctx.option("max_words"))
        stretch_start = None
        words = 0
        reported = False
        for block in doc.body_blocks:
            if block.kind == "heading":
                stretch_start, words, reported = None, 0, False
                continue
            if stretch_start is None:
                stretch_start = block
            words += word_count(block.text)
            if words > limit and not reported:
                ctx.report(f"{words}+ words without a subheading from here; add a subheading at least every "
                           f"{limit} words", block=stretch_start, end=min(len(stretch_start.text), 80))
                reported = True
