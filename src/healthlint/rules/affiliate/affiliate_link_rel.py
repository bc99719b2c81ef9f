import re

from healthlint import evidence
from healthlint.links import affiliate_links, reason
from healthlint.registry import Rule
from healthlint.source import Span

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
    Flags an affiliate link (a known network or shop partner programme, a
    cloaked redirect such as /go/ or /recommends/ on the site's own domain,
    or a shop link with a tracking parameter; see `rules/affiliate-networks.yaml`
    and `[tool.healthlint.affiliate]`) whose `rel` has neither `sponsored`
    nor `nofollow`. With `--fix`, `sponsored` is added to the start tag —
    appended to an existing rel, or as a new `rel="sponsored"` attribute —
    and nothing else in the file changes. A Markdown link `[text](url)` has no
    tag to carry rel: it is reported without a fix.

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

    def check(self, doc, ctx):
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

