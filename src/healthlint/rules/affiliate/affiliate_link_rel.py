from __future__ import annotations

import re
from typing import TYPE_CHECKING

from healthlint import evidence
from healthlint.links import affiliate_links, reason
from healthlint.registry import Rule
from healthlint.source import Span

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document

_REL = re.compile(r"""(\s)rel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def rel_fix(raw: str, link) -> dict | None:
    """Edits that add "sponsored" to the link's rel, touching nothing else;
    None for a Markdown link, which has no tag to carry rel."""
    start, end = link.span.start, link.start_tag_end
    if end <= start:
        return None
    tag = raw[start:end]
    m = _REL.search(tag)
    if m and m.group(4) is not None:  # rel=noopener -> rel="noopener sponsored"
        return {"start": start + m.start(4), "end": start + m.end(4), "text": f'"{m.group(4)} sponsored"'}
    if m:
        group = 2 if m.group(2) is not None else 3
        value = m.group(group)
        sep = "" if not value or value[-1].isspace() else " "
        pos = start + m.end(group)
        return {"start": pos, "end": pos, "text": f"{sep}sponsored"}
    close = len(tag) - 1
    if not tag.endswith(">"):
        return None
    if tag.endswith("/>"):
        close -= 1
    insert = close
    while insert > 0 and tag[insert - 1].isspace():
        insert -= 1
    return {"start": start + insert, "end": start + insert, "text": ' rel="sponsored"'}


class AffiliateLinkRel(Rule):
    """## What it does
    Flags an affiliate link whose `rel` has neither `sponsored` nor
    `nofollow`, and names the network or the reason in the message. A link
    is affiliate when (see docs/rules/affiliate.md and
    `rules/affiliate-networks.yaml`): its host is an affiliate network, a
    shop partner programme or a redirect service used for affiliate links
    (Amazon with tag=, amzn.to, partner.bol.com, Awin, Daisycon,
    TradeTracker, Impact, geni.us, serp.ly, *.refr.cc ...); its path is
    Impact's /c/<id>/<id>/<id> on any host; it is a redirect path on the
    site itself (/go/, /recommends/; /out/ and similar only with a new tab,
    rel, or a buy-button text); it carries a referral parameter (rfsn,
    irclickid, clickref, rcode, bol.com's Referrer=ADVNLPP…; generic ones
    such as ref, aff, partner only on a shop, a shop path, with an id-like
    value or a buy button); its tag has an affiliate plugin's marker
    (ThirstyAffiliates, Lasso, Pretty Links, AAWP, class "affiliate-link");
    or it goes to Amazon (or bol.com) on a page that says it takes part in
    that programme ("As an Amazon Associate I earn ...", "Als
    Amazon-partner verdien ik ..."). Configured hosts and redirect paths
    (`[tool.healthlint.affiliate]`) count too. With `--fix`, `sponsored`
    is added to the start tag — appended to an existing rel, or as a new
    `rel="sponsored"` attribute — and nothing else in the file changes. A
    Markdown link `[text](url)` has no tag to carry rel: it is reported
    without a fix.

    ## Why it matters
    Google asks sites to qualify links created as part of affiliate
    programmes with rel="sponsored" (nofollow is accepted); unqualified paid
    links can lead to a manual or algorithmic link-spam action.

    ## Example
    `<a href="https://www.amazon.nl/dp/B0…?tag=site-21">Koop nu</a>`

    ## Instead
    `<a href="https://www.amazon.nl/dp/B0…?tag=site-21" rel="sponsored">Koop nu</a>`
    """

    id = "affiliate-link-rel"
    category = "affiliate"
    severity = "warning"
    summary = "Affiliate link without rel=\"sponsored\""
    source = "Google Search Central: qualify outbound links (rel=\"sponsored\")"
    fixable = True

    def check(self, doc: Document, ctx: Context) -> None:
        raw = doc.source.text
        for link in affiliate_links(doc, ctx):
            if "sponsored" in link.rel or "nofollow" in link.rel:
                continue
            what = f"an affiliate link ({reason(link, ctx)})"
            start, end = evidence.href_span(doc, link)
            edit = rel_fix(raw, link)
            if edit is None:
                ctx.report(f'{what} without rel="sponsored"; write it as an HTML link with rel="sponsored" '
                           "(Markdown links cannot carry rel)", span=Span(start, end))
                continue
            ctx.report(f'{what} without rel="sponsored" (or nofollow); add rel="sponsored"',
                       span=Span(start, end),
                       fix={"description": 'add rel="sponsored"', "edits": [edit]})

