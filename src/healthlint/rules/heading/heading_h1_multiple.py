from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class HeadingH1Multiple(Rule):
    """## What it does
    Flags every H1 after the first.

    ## Why it matters
    One H1 per page keeps the outline clear; several make it ambiguous which
    is the page's subject, for readers using a screen reader and for search
    engines.

    ## Example
    ```markdown
    # Magnesium
    # Magnesium in voeding
    ```

    ## Instead
    ```markdown
    # Magnesium
    ## Magnesium in voeding
    ```
    """

    id = "heading-h1-multiple"
    category = "heading"
    severity = "warning"
    summary = "More than one H1"

    def check(self, doc: Document, ctx: Context) -> None:
        h1s = [h for h in doc.headings if h.level == 1]
        for heading in h1s[1:]:
            ctx.report(f"a second H1 (\"{heading.text[:60]}\"); use H2 for sections and keep one H1 per page",
                       block=heading)
