from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.faq_markup import orphans
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class FaqSchemaOrphan(Rule):
    """## What it does
    Flags FAQPage markup on a page that shows no FAQ at all: no FAQ section,
    and none of the marked-up questions appears anywhere on the page
    (checked against the page's full text, so questions in an accordion
    healthlint does not recognise still count as visible).

    ## Why it matters
    FAQPage markup must describe content the reader can see; markup left over
    from a template or an old version of the article is misleading.

    ## Example
    A product page whose theme adds the same FAQPage JSON-LD to every page.

    ## Instead
    Remove the FAQPage markup, or add the FAQ to the page.
    """

    id = "faq-schema-orphan"
    category = "faq"
    severity = "warning"
    summary = "FAQPage markup on a page without a visible FAQ"

    def check(self, doc: Document, ctx: Context) -> None:
        for faqpage in orphans(doc, ctx.packs):
            count = len(faqpage.questions)
            ctx.report(
                f"FAQPage markup ({faqpage.where(())}, {count} question{'s' if count != 1 else ''}) but the page "
                "shows no FAQ and none of these questions; remove the markup or show the FAQ on the page",
                span=faqpage.span,
            )
