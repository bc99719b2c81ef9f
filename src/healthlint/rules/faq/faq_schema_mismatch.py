from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import faq
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class FaqSchemaMismatch(Rule):
    """## What it does
    Compares FAQPage markup with the FAQ the reader sees and flags a
    marked-up question or answer that is not visible on the page, and a
    visible article FAQ question that is missing from the markup. Text is
    compared after normalising white space, case, accents, punctuation, HTML
    tags and entities, so `&amp;` against `&` or a re-wrapped line never
    counts as a difference.

    ## Why it matters
    Markup that says something the page does not is treated as misleading
    structured data; search and answer engines may distrust or ignore it.

    ## Example
    Markup asks "Is magnesium veilig?" but the page's FAQ never shows that
    question, or the page adds "Wanneer neem je magnesium in?" and the
    markup was not updated.

    ## Instead
    Keep markup and page identical: regenerate the JSON-LD with
    `healthlint faq-schema FILE` after editing the FAQ.
    """

    id = "faq-schema-mismatch"
    category = "faq"
    severity = "error"
    summary = "FAQPage markup and the visible FAQ disagree"

    def check(self, doc: Document, ctx: Context) -> None:
        for problem in faq.mismatch_problems(doc, ctx.packs, faq.advertising(doc, ctx)):
            ctx.report(problem.message, span=problem.span)
