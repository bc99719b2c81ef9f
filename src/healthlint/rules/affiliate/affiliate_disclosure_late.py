from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import evidence
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class AffiliateDisclosureLate(Rule):
    """## What it does
    Fires when a disclosure exists but the reader meets an affiliate link
    first: the first disclosure statement comes after the first affiliate
    (or sales) link in the source, or every disclosure sits in the page
    footer. The finding points at the first disclosure.

    ## Why it matters
    A disclosure must be clear and conspicuous and come before the reader
    decides to buy; the FTC's .com Disclosures (example 21) call a
    disclosure only at the end of a post, after the links, likely
    inadequate, and the RSM asks for it "op eenvoudig toegankelijke wijze".

    ## Example
    Affiliate buttons in the article, "Deze site bevat affiliate links" only
    in the footer.

    ## Instead
    Put the disclosure at the top of the article, before the first link.
    """

    id = "affiliate-disclosure-late"
    category = "affiliate"
    severity = "warning"
    summary = "Disclosure after the first affiliate link or only in the footer"
    source = "FTC .com Disclosures (2013), example 21; Reclamecode Social Media"

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(evidence.commercial_links(doc, ctx))

    def check(self, doc: Document, ctx: Context) -> None:
        links = evidence.commercial_links(doc, ctx)
        found = evidence.disclosures(doc, ctx)
        if not links or not found:
            return
        first = found[0]
        first_link = min(link.span.start for link in links)
        after = first.block.span_of(first.start, first.end).start > first_link
        footer_only = all(m.block.region == "footer" for m in found)
        if not after and not footer_only:
            return
        sentence = evidence.sentence_of(doc, ctx, first.block, first.start)
        start, end = evidence.trimmed(sentence)
        where = "only in the footer" if footer_only else "after the first affiliate link"
        ctx.report(
            f"the affiliate disclosure comes {where}; readers must see it before they meet a paid link — "
            "move it to the top of the article, before the first affiliate link",
            block=first.block, start=start, end=end,
        )
