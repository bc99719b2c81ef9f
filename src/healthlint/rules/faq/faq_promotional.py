from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import links
from healthlint.faq_visible import promotional
from healthlint.registry import Rule
from healthlint.rules.faq import short

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class FaqPromotional(Rule):
    """## What it does
    Flags an FAQ answer that advertises: a buy or order call to action (the
    `cta` phrase list: "Bestel nu", "Koop nu bij", "use code", "best deal")
    or an affiliate link inside the answer. Bare words such as "kopen" or
    "buy online" only count when the answer also links somewhere.

    ## Why it matters
    FAQPage content must not be used for advertising, and readers expect an
    FAQ to inform, not to sell; under EU and Dutch advertising rules a sales
    pitch in an "answer" is also harder to recognise as advertising.

    ## Example
    "Welk magnesium supplement is het beste? — ... Bestel nu via
    [deze link](https://www.amazon.nl/dp/...?tag=...) en profiteer van de
    actieprijs."

    ## Instead
    Answer the question neutrally; put product recommendations and their
    (disclosed, `rel="sponsored"`) links in a clearly commercial section.
    """

    id = "faq-promotional"
    category = "faq"
    severity = "warning"
    summary = "An FAQ answer used for advertising"

    def check(self, doc: Document, ctx: Context) -> None:
        from healthlint.source import Span

        for promo in promotional(doc, ctx):
            what = []
            if promo.ctas:
                what.append("a buy call to action (" + ", ".join(f'"{m.text}"' for m in promo.ctas[:3]) + ")")
            if promo.affiliate:
                hosts = sorted({links.classify(link, ctx).host or link.href for link in promo.affiliate})
                what.append(f"{'an affiliate link' if len(promo.affiliate) == 1 else 'affiliate links'} "
                            f"({', '.join(hosts[:3])})")
            spans = [promo.block.span_of(m.start, m.end) for m in promo.ctas] + [link.span for link in promo.affiliate]
            ctx.report(
                f'the FAQ answer to "{short(promo.item.question, 60)}" contains {" and ".join(what)}; an FAQ '
                "answer should inform, not sell (and FAQPage markup must not be used for advertising): answer "
                "neutrally and move the offer to a clearly commercial section",
                span=Span(min(s.start for s in spans), max(s.end for s in spans)),
            )
