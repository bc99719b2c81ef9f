from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.rules.keyword import KeywordRule, keyphrase_matcher, quote_kp

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class KeywordMetaDescription(KeywordRule):
    """## What it does
    Flags a meta description (`<meta name="description">`, front matter
    `description`) without the focus keyphrase. Not applicable when there is
    no description (`meta-description` reports that).

    ## Why it matters
    Search engines bold the searched words in the snippet under the title; a
    description that repeats the query draws the eye and the click.

    ## Example
    `description: "Alles over krampen, moeheid en wat je eraan doet."`

    ## Instead
    `description: "Last van krampen of moeheid? Zo herken je een magnesium tekort en dit doe je eraan."`
    """

    id = "keyword-meta-description"
    category = "keyword"
    severity = "info"
    summary = "Focus keyphrase not in the meta description"
    reads_front_matter = True

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(doc.keyword) and doc.meta.description is not None and bool(doc.meta.description.value.strip())

    def check(self, doc: Document, ctx: Context) -> None:
        desc = doc.meta.description
        assert desc is not None  # applicable()
        if not keyphrase_matcher(doc, ctx).found_in(desc.value):
            ctx.report(f"the meta description does not contain the focus keyphrase {quote_kp(doc)}; "
                       "work it in once", span=desc.span)
