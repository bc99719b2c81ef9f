from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class HeadingLevelSkip(Rule):
    """## What it does
    Flags a heading that goes more than one level deeper than the heading
    before it (H2 followed by H4). Only the article body is checked: sidebars
    and footers often start at H3 or H4 on purpose. In Markdown, a
    front-matter `title` is the H1 when the body has none, so the body's
    first heading should be an H2.

    ## Why it matters
    Skipped levels break the outline that screen readers and search engines
    build from the headings (WCAG 1.3.1).

    ## Example
    ```html
    <h2>Symptomen</h2>
    <h4>Spierkrampen</h4>
    ```

    ## Instead
    ```html
    <h2>Symptomen</h2>
    <h3>Spierkrampen</h3>
    ```
    """

    id = "heading-level-skip"
    category = "heading"
    severity = "warning"
    summary = "A heading skips a level"

    def check(self, doc: Document, ctx: Context) -> None:
        previous = 1 if doc.title_is_h1 else 0
        for block in doc.body_blocks:
            if block.kind != "heading":
                continue
            if previous and block.level > previous + 1:
                ctx.report(f"H{block.level} follows H{previous}; use H{previous + 1} here so the outline has no gap",
                           block=block)
            previous = block.level
