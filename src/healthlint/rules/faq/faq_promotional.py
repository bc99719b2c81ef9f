from healthlint import faq, links, text
from healthlint.registry import Rule

# Call-to-action matches made only of these words ("online kopen", "buy
# online") are descriptive on their own; they count with a link only.
WEAK_WORDS = frozenset("koop kopen bestel bestellen shop shoppen buy order purchase online hier here direct snel "
                       "get try today vandaag".split())


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

    def check(self, doc, ctx):
        items = faq.article_items(doc, ctx.packs)
        if not items:
            return
        by_block = {}
        for item in items:
            for block in item.answer_blocks:
                by_block.setdefault(id(block), item)
        ctas: dict[int, list] = {}
        for match in text.find(doc, ctx.phrases("cta"), scope="all"):
            if id(match.block) in by_block:
                ctas.setdefault(id(match.block), []).append(match)
        reported: set[int] = set()
        for item in items:
            if id(item) in reported:
                continue
            for block in item.answer_blocks:
                affiliate = [link for link in block.links if links.classify(link, ctx).affiliate]
                found = ctas.get(id(block), [])
                if not block.links:
                    found = [m for m in found if not set(text.words(m.text)) <= WEAK_WORDS]
                if not affiliate and not found:
                    continue
                spans = [block.span_of(m.start, m.end) for m in found] + [link.span for link in affiliate]
                start = min(s.start for s in spans)
                end = max(s.end for s in spans)
                what = []
                if found:
                    what.append("a buy call to action (" + ", ".join(f'"{m.text}"' for m in found[:3]) + ")")
                if affiliate:
                    hosts = sorted({links.classify(link, ctx).host or link.href for link in affiliate})
                    what.append(f"{'an affiliate link' if len(affiliate) == 1 else 'affiliate links'} "
                                f"({', '.join(hosts[:3])})")
                from healthlint.source import Span

                ctx.report(
                    f'the FAQ answer to "{faq._short(item.question, 60)}" contains {" and ".join(what)}; an FAQ '
                    "answer should inform, not sell (and FAQPage markup must not be used for advertising): answer "
                    "neutrally and move the offer to a clearly commercial section",
                    span=Span(start, end),
                )
                reported.add(id(item))
                break
