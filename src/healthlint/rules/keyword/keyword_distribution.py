from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.keyphrase import occurrences
from healthlint.rules.keyword import KeywordRule, quote_kp
from healthlint.stats import body_word_count
from healthlint.text import word_count

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class KeywordDistribution(KeywordRule):
    """## What it does
    Flags the longest stretch of body text without the focus keyphrase when
    it is more than 30 % of the words (option `max_gap`), counting the
    stretches before the first and after the last occurrence too. Texts under
    300 words (`min_words`) and texts without any occurrence (see
    `keyword-density`) are not judged. Reported at the start of the stretch.

    ## Why it matters
    A keyphrase that appears only in the title and intro suggests the rest of
    the page drifts off topic; spread mentions help readers who land in the
    middle and search engines that score passages.

    ## Example
    "iron-rich foods" in the title, H1 and intro, then 600 words without it.

    ## Instead
    Mention the keyphrase again in the sections that are about it.
    """

    id = "keyword-distribution"
    category = "keyword"
    severity = "info"
    summary = "Long stretches of text without the keyphrase"

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(doc.keyword) and body_word_count(doc) >= int(ctx.option("min_words"))

    def check(self, doc: Document, ctx: Context) -> None:
        found = occurrences(doc, ctx)
        if not found:
            return
        # word offset of each body block, then of each occurrence
        offset = {}
        total = 0
        for block in doc.body_blocks:
            offset[id(block)] = total
            total += word_count(block.text)
        if not total:
            return
        positions = [offset[id(o.block)] + word_count(o.block.text[: o.start]) for o in found]
        bounds = [0, *positions, total]
        gaps = [(bounds[i + 1] - bounds[i], i) for i in range(len(bounds) - 1)]
        gap, i = max(gaps)
        share = 100.0 * gap / total
        limit = float(ctx.option("max_gap"))
        if share <= limit:
            return
        # locate the first block of the stretch
        start_word = bounds[i]
        target = None
        if i == 0:
            target = doc.body_blocks[0]
        else:
            prev = found[i - 1]
            blocks = doc.body_blocks
            k = next(n for n, b in enumerate(blocks) if b is prev.block)
            target = blocks[k + 1] if k + 1 < len(blocks) and offset[id(blocks[k + 1])] >= start_word else prev.block
        where = "at the start" if i == 0 else ("at the end" if i == len(gaps) - 1 else "in the middle")
        start = found[i - 1].sentence.end if i and target is found[i - 1].block else 0
        if start >= len(target.text):
            start = 0
        end = min(len(target.text), start + 80)
        ctx.report(f"{gap} words ({share:.0f} % of the text, more than {limit:g} %) {where} of the article "
                   f"do not mention the focus keyphrase {quote_kp(doc)}, from here on; mention it in the "
                   "sections that are about it", block=target, start=start, end=end)
