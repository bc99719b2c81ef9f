from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class MetaDescription(Rule):
    """## What it does
    Flags a missing meta description (`<meta name="description">`, front
    matter `description`), or one shorter than 120 or longer than 156
    characters (options `min`, `max`), the band Yoast uses.

    ## Why it matters
    Search engines often show the description as the snippet under the
    title; a missing one is replaced by a random text fragment, a long one is
    cut off.

    ## Example
    `<meta name="description" content="Alles over magnesium.">`

    ## Instead
    `<meta name="description" content="Last van krampen of moeheid? Lees hoe je een magnesium tekort herkent, wat je eraan doet en welke voeding helpt.">`
    """

    id = "meta-description"
    category = "meta"
    severity = "warning"
    summary = "Meta description missing, shorter than 120 or longer than 156 characters"
    reads_front_matter = True

    def check(self, doc: Document, ctx: Context) -> None:
        desc = doc.meta.description
        low, high = int(ctx.option("min")), int(ctx.option("max"))
        if desc is None or not desc.value.strip():
            where = '<meta name="description">' if doc.format == "html" else "`description:` in the front matter"
            ctx.report(f"the page has no meta description; add a {where} of {low}-{high} characters that "
                       "summarises the article")
            return
        n = len(" ".join(desc.value.split()))
        if n < low:
            ctx.report(f"the meta description has {n} characters, fewer than {low}; say more about what the "
                       f"reader will learn (up to {high})", span=desc.span)
        elif n > high:
            ctx.report(f"the meta description has {n} characters, more than {high}, and will be cut off in "
                       "search results; shorten it", span=desc.span)
