from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class KeywordMissing(Rule):
    """## What it does
    Reports that no focus keyphrase is known for the document. The keyphrase
    comes from `--keyword`, else front matter `keyword:` / `focus_keyword:`,
    else a per-file `keyword` in config; `<meta name="keywords">` is never
    used. Without one, the other keyword rules are not applicable.

    ## Why it matters
    The keyword checks (title, H1, intro, density, ...) need to know which
    search query the article is written for.

    ## Example
    A Markdown article without `keyword:` in its front matter, linted without
    `--keyword`.

    ## Instead
    ```yaml
    keyword: magnesium tekort
    ```
    """

    id = "keyword-missing"
    category = "keyword"
    severity = "info"
    summary = "No focus keyphrase known for the document"
    scored = False
    reads_front_matter = True

    def check(self, doc: Document, ctx: Context) -> None:
        if not doc.keyword:
            ctx.report("no focus keyphrase known for this document, so the keyword checks were skipped; "
                       "pass --keyword, or set `keyword:` in the front matter or a per-file keyword in config")
