from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import text
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class IntegrityGenerationArtifact(Rule):
    """## What it does
    Flags drafting and generation leftovers in the visible text, the title
    and the meta description: references to a source file the reader never
    saw ("Volgens de PDF…", "according to the document you provided"),
    assistant boilerplate ("As an AI language model"), template gaps
    ("[insert …]", "Lorem ipsum", "TODO") and stray citation tokens. Text in
    code blocks is not checked. Phrases: the `artifacts` lists in
    `rules/nl/` and `rules/en/`.

    ## Why it matters
    A leaked artifact tells every reader the article was pasted together
    without an edit; on a health page it destroys trust in everything else it
    says.

    ## Example
    `Volgens de PDF die je stuurde is 400 mg per dag genoeg.`

    ## Instead
    `De Gezondheidsraad adviseert volwassen vrouwen 300 mg per dag.` (with a
    link to the source)
    """

    id = "integrity-generation-artifact"
    category = "integrity"
    severity = "error"
    summary = "Leaked drafting or generation artifacts"

    def check(self, doc: Document, ctx: Context) -> None:
        phrases = ctx.phrases("artifacts")
        if not phrases:
            return
        for match in text.find(doc, phrases):
            if match.block.in_code(match.start, match.end):
                continue
            ctx.report(f"drafting artifact \"{match.text}\" left in the text; rewrite or remove it",
                       block=match.block, start=match.start, end=match.end)
        for field in (doc.meta.title, doc.meta.description):
            if field is None:
                continue
            for start, end in phrases.matches(field.value):
                ctx.report(f"drafting artifact \"{field.value[start:end]}\" in the page metadata",
                           span=field.sub_span(start, end))
