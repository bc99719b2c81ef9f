from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.analysis import readability_counts, readable_sentences
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class ReadabilityLongSentences(Rule):
    """## What it does
    Flags body text in which more than 25 % of the sentences (option
    `max_share`) have more than 20 words (option `max_words`), as Yoast's
    sentence-length check does. Headings, list items and table cells are
    sentences too; quotations do not count; numbers are not words. Reported
    once, at the longest sentence.

    ## Why it matters
    Long sentences are the main reason health texts are hard to read,
    especially on a phone.

    ## Example
    "Omdat magnesium in je lichaam bij meer dan driehonderd processen
    betrokken is, waaronder de energiehuishouding, kan een tekort zich op
    heel veel verschillende manieren laten merken."

    ## Instead
    "Magnesium is bij meer dan driehonderd processen in je lichaam betrokken.
    Een tekort kan zich daarom op veel manieren laten merken."
    """

    id = "readability-long-sentences"
    category = "readability"
    severity = "info"
    summary = "More than 25 % of sentences longer than 20 words"

    def check(self, doc: Document, ctx: Context) -> None:
        counts = readability_counts(doc, ctx)
        total, long = counts["sentences"], counts["long"]
        if not total:
            return
        share = 100.0 * long / total
        limit = float(ctx.option("max_share"))
        if share <= limit:
            return
        sentences, per_sentence = readable_sentences(doc, ctx), counts["words_per_sentence"]
        first_longest = max(range(len(sentences)), key=per_sentence.__getitem__)
        longest, n = sentences[first_longest], per_sentence[first_longest]
        ctx.report(f"{long} of {total} sentences ({share:.0f} %, more than {limit:g} %) have more than "
                   f"{counts['long_limit']} words; the longest, here, has {n}; split long sentences",
                   block=longest.block, start=longest.start, end=longest.end)
