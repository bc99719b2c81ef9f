from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import evidence, stats
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class AffiliateCtaHeavy(Rule):
    """## What it does
    Counts buy calls to action in the article body ("Koop nu", "Bestel nu",
    "Klik hier voor de beste deal", "Buy now", "Check the price", the `cta`
    lists; several in one sentence count once) and fires when there are at
    least `min_count` of them and more than `max_per_1000_words` per 1,000
    words. Each call to action is reported (a CTA that is a link's text
    covers the whole link text).

    ## Why it matters
    A page dense with buy buttons reads as a sales page; on a health topic
    that undermines the trust the information needs, and search quality
    guidelines treat thin affiliate pages as low quality.

    ## Example
    Four "Bestel nu"/"Koop nu" buttons in a 1,500-word article.

    ## Instead
    One clearly marked product recommendation, with a disclosure.
    """

    id = "affiliate-cta-heavy"
    category = "affiliate"
    severity = "info"
    summary = "Many buy calls to action for the length of the text"
    lists = ("cta",)

    def check(self, doc: Document, ctx: Context) -> None:
        phrases = ctx.phrases("cta")
        if not phrases:
            return
        sites = []
        seen = set()
        for matches in evidence.matches_by_block(doc, phrases).values():
            for m in matches:
                sentence = evidence.sentence_of(doc, ctx, m.block, m.start)
                key = (m.block.index, sentence.start)
                if key in seen:
                    continue
                seen.add(key)
                link = evidence.link_at(doc, m.block, m.start, m.end)
                if link is not None:
                    sites.append((m.block, link.text_start, link.text_end, m.text))
                else:
                    sites.append((m.block, m.start, m.end, m.text))
        words = stats.body_word_count(doc)
        min_count = int(ctx.option("min_count"))
        limit = float(ctx.option("max_per_1000_words"))
        if len(sites) < min_count or not words or len(sites) * 1000 / words <= limit:
            return
        rate = len(sites) * 1000 / words
        for block, start, end, matched in sites:
            ctx.report(
                f'buy call to action "{matched}": {len(sites)} in {words} words ({rate:.1f} per 1,000, more than '
                f"{limit:g}) make the article read as a sales page; keep one clear recommendation",
                block=block, start=start, end=end,
            )
