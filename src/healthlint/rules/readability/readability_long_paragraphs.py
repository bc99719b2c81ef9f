from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule
from healthlint.text import block_sentences, word_count

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class ReadabilityLongParagraphs(Rule):
    """## What it does
    Flags a paragraph of the article body with more than 150 words (option
    `max_words`), as Yoast's paragraph-length check does. Reported at the
    paragraph's first sentence. Quotations are left out.

    ## Why it matters
    A wall of text is skipped, on a phone especially; short paragraphs with
    one idea each are easier to scan.

    ## Example
    A 190-word paragraph about dosage, side effects and interactions.

    ## Instead
    Three paragraphs: dosage, side effects, interactions.
    """

    id = "readability-long-paragraphs"
    category = "readability"
    severity = "info"
    summary = "A paragraph longer than 150 words"

    def check(self, doc: Document, ctx: Context) -> None:
        limit = int(ctx.option("max_words"))
        for block in doc.body_blocks:
            if block.kind != "paragraph" or block.in_quote:
                continue
            words = word_count(block.text)
            if words > limit:
                sentences = block_sentences(doc, block, ctx.abbreviations)
                end = sentences[0].end if sentences else len(block.text)
                ctx.report(f"this paragraph has {words} words, more than {limit}; split it into paragraphs of "
                           "one idea each", block=block, end=end)
