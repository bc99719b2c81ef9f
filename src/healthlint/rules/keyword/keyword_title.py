from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.rules.keyword import KeywordRule, keyphrase_matcher, quote_kp

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class KeywordTitle(KeywordRule):
    """## What it does
    Flags a page title (`<title>`, front matter `title`) without the focus
    keyphrase. Matching is the shared keyphrase matcher: any word order,
    inflections and Dutch compounds count ("Magnesiumtekort herkennen" has
    "magnesium tekort").

    ## Why it matters
    The title is the blue link in search results; searchers click titles that
    repeat their query.

    ## Example
    `<title>Krampen en vermoeidheid: wat zit erachter?</title>` for the
    keyphrase "magnesium tekort".

    ## Instead
    `<title>Magnesium tekort herkennen: symptomen en oplossingen</title>`
    """

    id = "keyword-title"
    category = "keyword"
    severity = "warning"
    summary = "Focus keyphrase not in the page title"
    reads_front_matter = True

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(doc.keyword) and doc.meta.title is not None and bool(doc.meta.title.value.strip())

    def check(self, doc: Document, ctx: Context) -> None:
        title = doc.meta.title
        assert title is not None  # applicable()
        if not keyphrase_matcher(doc, ctx).found_in(title.value):
            ctx.report(f"the page title does not contain the focus keyphrase {quote_kp(doc)}; put it in the "
                       "title, preferably near the start", span=title.span)
