from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.rules.keyword import KeywordRule, keyphrase_matcher, quote_kp

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


def first_h1(doc):
    body = doc.body_blocks
    for block in body:
        if block.kind == "heading" and block.level == 1:
            return block
    for block in doc.headings:
        if block.level == 1:
            return block
    return None


class KeywordH1(KeywordRule):
    """## What it does
    Flags an H1 (the article's main heading) without the focus keyphrase.
    Not applicable when the document has no H1 (`heading-h1-missing` reports
    that).

    ## Why it matters
    The H1 tells readers and search engines what the page is about; it should
    answer the query the article targets.

    ## Example
    `# Alles over krampen` for the keyphrase "magnesium tekort".

    ## Instead
    `# Magnesium tekort: de signalen en wat je eraan doet`
    """

    id = "keyword-h1"
    category = "keyword"
    severity = "warning"
    summary = "Focus keyphrase not in the H1"

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(doc.keyword) and first_h1(doc) is not None

    def check(self, doc: Document, ctx: Context) -> None:
        h1 = first_h1(doc)
        if not keyphrase_matcher(doc, ctx).found_in(h1.text):
            ctx.report(f"the H1 does not contain the focus keyphrase {quote_kp(doc)}; work it into the main "
                       "heading", block=h1)
