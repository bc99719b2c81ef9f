from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule
from healthlint.text import normalise_heading

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class HeadingDuplicate(Rule):
    """## What it does
    Flags a heading whose text (ignoring case, accents and punctuation) is
    the same as an earlier heading in the article body.

    ## Why it matters
    Repeated headings make the outline and in-page links ambiguous, and are
    a common sign of copy-paste slips or keyword padding.

    ## Example
    ```markdown
    ## Onze tip
    ...
    ## Onze tip
    ```

    ## Instead
    Give each section a heading that says what is in it: "Onze tip voor
    sporters", "Onze tip voor ouderen".
    """

    id = "heading-duplicate"
    category = "heading"
    severity = "warning"
    summary = "Two headings with the same text"

    def check(self, doc: Document, ctx: Context) -> None:
        seen: dict[str, int] = {}
        for block in doc.body_blocks:
            if block.kind != "heading":
                continue
            key = normalise_heading(block.text)
            if not key:
                continue
            if key in seen:
                line = seen[key]
                ctx.report(f"the same heading text as the heading on line {line}; make each heading distinct",
                           block=block)
            else:
                seen[key] = doc.source.position(block.span.start)[0]
