from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.analysis import readability_counts, readability_stats
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

_BANDS = ((90, "very easy"), (80, "easy"), (70, "fairly easy"), (60, "okay"), (50, "fairly difficult"),
          (30, "difficult"), (0, "very difficult"))


def band(score: float) -> str:
    return next(name for limit, name in _BANDS if score >= limit)


class ReadabilityScore(Rule):
    """## What it does
    Flags body text whose reading ease is below 50 (option `min`): Flesch
    reading ease for English, Flesch-Douma for Dutch (206.835 - 0.93 x words
    per sentence - 77 x syllables per word), the formulas Yoast shows.
    Syllables: Dutch from hyphenation (pyphen) with a correction for single
    vowels at word edges, English from a rule-based counter; both offline.
    Numbers are left out, quotations do not count; texts under 100 words
    (`min_words`) are not judged.

    ## Why it matters
    Health information has to be understood by readers of every level; a
    score under 50 ("difficult") loses many of them.

    ## Example
    Long sentences full of words such as "gastro-intestinale
    absorptiecapaciteit".

    ## Instead
    Shorter sentences and everyday words: "hoeveel je darmen opnemen".
    """

    id = "readability-score"
    category = "readability"
    severity = "info"
    summary = "Flesch reading ease below 50"

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return readability_counts(doc, ctx)["words"] >= int(ctx.option("min_words"))

    def check(self, doc: Document, ctx: Context) -> None:
        score = readability_stats(doc, ctx)["flesch"]
        limit = float(ctx.option("min"))
        if score is None or score >= limit:
            return
        name = "Flesch-Douma" if readability_counts(doc, ctx)["lang"] == "nl" else "Flesch reading ease"
        counts = readability_counts(doc, ctx)
        per_sentence = counts["words"] / counts["sentences"]
        ctx.report(f"{name} is {score:.0f} ({band(score)}), below {limit:g}; the text has {per_sentence:.1f} "
                   "words per sentence on average: write shorter sentences and use shorter, everyday words")
