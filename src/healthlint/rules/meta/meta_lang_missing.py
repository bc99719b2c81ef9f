from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class MetaLangMissing(Rule):
    """## What it does
    Flags a document that does not declare its language: no `<html lang>` in
    HTML, no front matter `lang` in Markdown. For Markdown a `lang` in config
    also counts, because the site generator then writes it into the page;
    an HTML page has to carry the attribute itself.

    ## Why it matters
    Screen readers pick the pronunciation from it, browsers offer translation
    by it, and search engines use it to serve the page to the right
    audience. healthlint also uses it to choose Dutch or English checks
    (it detects the language otherwise).

    ## Example
    `<html>`

    ## Instead
    `<html lang="nl">`
    """

    id = "meta-lang-missing"
    category = "meta"
    severity = "info"
    summary = "No document language declared"
    reads_front_matter = True

    def check(self, doc: Document, ctx: Context) -> None:
        if doc.meta.lang is not None and doc.meta.lang.value.strip():
            return
        if doc.format != "html" and doc.lang_source in ("config", "cli"):
            return
        if doc.format == "html":
            ctx.report(f'the page declares no language; add lang="{doc.lang}" to the <html> tag')
        else:
            ctx.report(f"the document declares no language; add `lang: {doc.lang}` to the front matter")
