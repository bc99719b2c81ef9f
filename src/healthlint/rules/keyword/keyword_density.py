from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.analysis import keyword_stats
from healthlint.rules.keyword import KeywordRule, quote_kp
from healthlint.stats import body_word_count

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class KeywordDensity(KeywordRule):
    """## What it does
    Flags a focus keyphrase density outside 0.5-3 % (options `min`, `max`):
    keyphrase occurrences per 100 words of body text, headings included. Texts
    under 100 words (`min_words`) are not judged. Occurrences are counted as
    the shared matcher finds them (any order within a sentence, inflections,
    Dutch compounds).

    ## Why it matters
    Too few mentions and the page does not look like an answer to the query;
    too many reads as keyword stuffing to readers and to search engines.

    ## Example
    "vitamine C" 20 times in 650 words (3.1 %).

    ## Instead
    Replace some mentions with "het", "deze vitamine" or a synonym, or
    mention the keyphrase where a section is about it.
    """

    id = "keyword-density"
    category = "keyword"
    severity = "warning"
    summary = "Keyphrase density outside 0.5-3 %"

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(doc.keyword) and body_word_count(doc) >= int(ctx.option("min_words"))

    def check(self, doc: Document, ctx: Context) -> None:
        stats = keyword_stats(doc, ctx)
        count, density = stats["keyword_count"], stats["keyword_density"]
        words = body_word_count(doc)
        low, high = float(ctx.option("min")), float(ctx.option("max"))
        if density is None:
            return
        if density < low:
            need = max(1, int(-(-low * words // 100)) - count)
            ctx.report(f"the focus keyphrase {quote_kp(doc)} occurs {count} time(s) in {words} words "
                       f"({density:.2f} %, below {low:g} %); use it about {need} more time(s) where it fits")
        elif density > high:
            excess = count - int(high * words // 100)
            ctx.report(f"the focus keyphrase {quote_kp(doc)} occurs {count} times in {words} words "
                       f"({density:.2f} %, above {high:g} %); replace about {excess} of them with a pronoun "
                       "or a synonym")
