from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class HeadingH1Missing(Rule):
    """## What it does
    Flags an article without a level-1 heading (`<h1>` or `# ` in Markdown).
    A Markdown file whose front matter has a `title` is not flagged: site
    generators render that title as the page's H1. Nor is a WordPress post
    (from `--wordpress` or an export file): its theme shows the post title as
    the H1.

    ## Why it matters
    The H1 tells readers, search engines and screen readers what the page is
    about; a page without one has no top of its outline.

    ## Example
    ```html
    <h2>Wat doet magnesium?</h2>
    ```

    ## Instead
    ```html
    <h1>Wat doet magnesium voor je lichaam?</h1>
    ```
    """

    id = "heading-h1-missing"
    category = "heading"
    severity = "error"
    summary = "The article has no H1"
    reads_front_matter = True

    def check(self, doc: Document, ctx: Context) -> None:
        if any(h.level == 1 for h in doc.headings):
            return
        if doc.title_is_h1:
            return
        ctx.report("the article has no H1 heading; give it one title-level heading that says what the page is about")
