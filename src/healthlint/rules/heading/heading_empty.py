from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class HeadingEmpty(Rule):
    """## What it does
    Flags a heading element with no text.

    ## Why it matters
    An empty heading is announced by screen readers as a blank section and
    leaves a hole in the outline; it is usually left over from an editor.

    ## Example
    ```html
    <h2></h2>
    ```

    ## Instead
    Remove the empty heading, or give it text.
    """

    id = "heading-empty"
    category = "heading"
    severity = "error"
    summary = "A heading with no text"

    def check(self, doc: Document, ctx: Context) -> None:
        for block in doc.headings:
            if not block.text.strip():
                ctx.report(f"this H{block.level} is empty; remove it or give it text", span=block.span)
