from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class HeadingTooLong(Rule):
    """## What it does
    Flags a heading longer than 70 characters (option `max_chars`).

    ## Why it matters
    Headings are scanned, not read: long ones are hard to take in, get cut
    off in search results and tables of contents, and often hide a sentence
    that belongs in the text.

    ## Example
    `## Waarom magnesium zo belangrijk is voor je spieren, je zenuwen, je slaap en je energie`

    ## Instead
    `## Magnesium voor spieren en zenuwen`
    """

    id = "heading-too-long"
    category = "heading"
    severity = "info"
    summary = "A heading longer than 70 characters"

    def check(self, doc: Document, ctx: Context) -> None:
        limit = int(ctx.option("max_chars"))
        for block in doc.headings:
            if len(block.text) > limit:
                ctx.report(f"heading of {len(block.text)} characters (more than {limit}); shorten it", block=block)
