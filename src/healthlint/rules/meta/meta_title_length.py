from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule
from healthlint.rules.meta import page_title

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class MetaTitleLength(Rule):
    """## What it does
    Flags a page title shorter than 30 or longer than 60 characters (options
    `min`, `max`), or a missing one. The title is `<title>` in HTML and the
    front matter `title` in Markdown; Markdown without one uses its H1, as
    static site generators do.

    ## Why it matters
    Search results cut titles at about 60 characters (600 px); a very short
    title wastes the most visible line of the result.

    ## Example
    `<title>Magnesium</title>`

    ## Instead
    `<title>Magnesium tekort herkennen: symptomen en oplossingen</title>`
    """

    id = "meta-title-length"
    category = "meta"
    severity = "warning"
    summary = "Title missing, shorter than 30 or longer than 60 characters"
    reads_front_matter = True

    def check(self, doc: Document, ctx: Context) -> None:
        found = page_title(doc)
        low, high = int(ctx.option("min")), int(ctx.option("max"))
        if found is None:
            where = "<title> in the <head>" if doc.format == "html" else "`title:` in the front matter"
            ctx.report(f"the page has no title; add a {where} of {low}-{high} characters with the focus keyphrase")
            return
        text, span, block = found
        n = len(text)
        if n < low:
            msg = f"the title has {n} characters, fewer than {low}; describe the page more fully (up to {high})"
        elif n > high:
            msg = (f"the title has {n} characters, more than {high}, and will be cut off in search results; "
                   "shorten it and keep the keyphrase near the start")
        else:
            return
        if block is not None:
            ctx.report(msg, block=block)
        else:
            ctx.report(msg, span=span)
