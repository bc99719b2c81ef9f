from __future__ import annotations

import math
from typing import TYPE_CHECKING

from healthlint.rules.keyword import KeywordRule, keyphrase_matcher, quote_kp

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


def subheadings(doc):
    return [b for b in doc.body_blocks if b.kind == "heading" and b.level in (2, 3)]


class KeywordSubheadings(KeywordRule):
    """## What it does
    Flags when the share of H2/H3 subheadings of the article body holding the
    focus keyphrase is outside 30-75 % (options `min`, `max`). One subheading
    that holds it is fine. Not applicable without H2/H3 subheadings. Sidebar
    and footer headings do not count.

    ## Why it matters
    Subheadings with the keyphrase show readers and search engines that the
    sections answer the query; every subheading with it reads as stuffing.

    ## Example
    Ten H2s, one of which mentions "magnesium tekort".

    ## Instead
    Mention the keyphrase in three or four of the ten, where the section is
    about it ("Wie loopt risico op een magnesium tekort?").
    """

    id = "keyword-subheadings"
    category = "keyword"
    severity = "info"
    summary = "Share of subheadings with the keyphrase outside 30-75 %"

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(doc.keyword) and bool(subheadings(doc))

    def check(self, doc: Document, ctx: Context) -> None:
        heads = subheadings(doc)
        m = keyphrase_matcher(doc, ctx)
        hits = [h for h in heads if m.found_in(h.text)]
        n, k = len(heads), len(hits)
        share = 100.0 * k / n
        low, high = float(ctx.option("min")), float(ctx.option("max"))
        if n == 1 and k == 1:
            return
        if share < low:
            need = max(1, math.ceil(low * n / 100) - k)
            ctx.report(f"{k} of {n} H2/H3 subheadings ({share:.0f} %) contain the focus keyphrase "
                       f"{quote_kp(doc)}, fewer than {low:g} %; use it in about {need} more where the section "
                       "is about it")
        elif share > high:
            excess = k - math.floor(high * n / 100)
            ctx.report(f"{k} of {n} H2/H3 subheadings ({share:.0f} %) contain the focus keyphrase "
                       f"{quote_kp(doc)}, more than {high:g} %; rephrase about {excess} of them",
                       block=hits[-1])
