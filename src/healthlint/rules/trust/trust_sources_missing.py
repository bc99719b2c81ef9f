from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import evidence
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class TrustSourcesMissing(Rule):
    """## What it does
    Fires in two cases. An empty sources section — a heading (or a bold lead
    line such as "Bronnen:") from the `source_headings` list ("Bron",
    "Bronnen", "Sources", "References") with nothing under it before the next
    heading or the end of the article — is reported at that heading, even
    when the page has other links. Otherwise, when the article body has no
    outbound citation at all (an external link that is not a shop or
    affiliate link) and no filled sources section, a document-level finding
    (no line) is reported.

    ## Why it matters
    Health content should be clearly sourced (Google's people-first
    guidance; YMYL quality standards). An empty "Bronnen" heading promises
    sources the reader never gets.

    ## Example
    `<h2>Bronnen</h2>` as the last element of the article.

    ## Instead
    List the studies and guidelines the article relies on, with links.
    """

    id = "trust-sources-missing"
    category = "trust"
    severity = "warning"
    summary = "No sources, or an empty sources section"

    def check(self, doc: Document, ctx: Context) -> None:
        sections = evidence.sources_sections(doc, ctx)
        empty = [heading for heading, content in sections if not content]
        for heading in empty:
            ctx.report(f'the sources section "{heading.text.strip()}" is empty; list the sources the article '
                       "relies on (with links), or remove the heading",
                       span=heading.span)
        if empty or any(content for _, content in sections):
            return
        if evidence.citation_links(doc, ctx):
            return
        ctx.report("the article cites no sources: no outbound link to a study, guideline or health authority; "
                   "add the sources it relies on")
