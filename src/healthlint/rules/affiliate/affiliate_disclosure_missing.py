from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import evidence
from healthlint.links import reason
from healthlint.registry import Rule
from healthlint.source import Span

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class AffiliateDisclosureMissing(Rule):
    """## What it does
    Fires when the page has affiliate links (as affiliate-link-rel
    recognises them) or sales links — a buy button ("Koop nu", "Bestel",
    "Bekijk prijs", "Check price") to a shop or a shop page, with or without
    an affiliate id — and no disclosure statement anywhere, footer
    included: no
    "Dit artikel bevat affiliate links", "#ad", "advertentie", "betaalde
    samenwerking", "we earn a commission", "As an Amazon Associate I earn from
    qualifying purchases" … (the `disclosure` lists, Dutch and English). The
    finding points at the first affiliate link.

    ## Why it matters
    The FTC (16 CFR 255.5), the Dutch Reclamecode (art. 11.1, RSM art. 3)
    and the Amazon Associates agreement all require a clear disclosure of
    the commercial connection; readers have a right to know a link pays the
    author.

    ## Example
    A review with `<a href="https://www.amazon.nl/dp/…?tag=site-21">` and no
    disclosure.

    ## Instead
    Start the article with "Dit artikel bevat affiliate links: koop je via
    zo'n link, dan ontvangen wij een kleine commissie."
    """

    id = "affiliate-disclosure-missing"
    category = "affiliate"
    severity = "error"
    summary = "Affiliate links without a disclosure"
    source = "FTC 16 CFR 255.5; Nederlandse Reclame Code art. 11.1 / RSM art. 3"

    def applicable(self, doc: Document, ctx: Context) -> bool:
        return bool(evidence.commercial_links(doc, ctx))

    def check(self, doc: Document, ctx: Context) -> None:
        links = evidence.commercial_links(doc, ctx)
        if not links or evidence.disclosures(doc, ctx):
            return
        first = links[0]
        start, end = evidence.href_span(doc, first)
        ctx.report(
            f"the page has {len(links)} affiliate or sales link(s) (first: {reason(first, ctx)}) and no "
            "disclosure; state the commercial relationship clearly before the first link "
            "(FTC 16 CFR 255.5, Reclamecode art. 11.1)",
            span=Span(start, end),
        )
