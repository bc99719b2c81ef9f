from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.faq_generate import command_hint, generate, insertion, script_element
from healthlint.faq_markup import has_faqpage
from healthlint.faq_visible import advertising, article_faqs
from healthlint.registry import Rule
from healthlint.rules.faq import short

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class FaqSchemaMissing(Rule):
    """## What it does
    Flags a visible FAQ in the article (a heading such as "Veelgestelde
    vragen" or "Frequently asked questions" followed by questions,
    `<details>`/`<summary>`, `<dl>`, or a Yoast / Rank Math FAQ block) when the
    page has no FAQPage structured data (JSON-LD or microdata). The finding
    carries the generated JSON-LD and, with `--fix`, inserts it (once, before
    the real `</head>`). Answers that advertise (see faq-promotional) are
    left out of the generated markup.

    ## Why it matters
    FAQPage markup tells search engines and AI answer engines which text is
    a question and which is its answer. Google no longer shows FAQ results
    in its search pages (since May 2026), so this is about being read
    correctly, not about a Google feature.

    ## Example
    ```html
    <h2>Veelgestelde vragen over magnesium</h2>
    <h3>Kun je te veel magnesium binnenkrijgen?</h3>
    <p>Uit gewone voeding is dat vrijwel onmogelijk ...</p>
    ```
    and no `<script type="application/ld+json">` with an FAQPage.

    ## Instead
    Run `healthlint faq-schema FILE` and paste the output in a
    `<script type="application/ld+json">` in the page head, or run
    `healthlint check --fix FILE`.
    """

    id = "faq-schema-missing"
    category = "faq"
    severity = "warning"
    summary = "Visible FAQ without FAQPage structured data"
    fixable = True

    def check(self, doc: Document, ctx: Context) -> None:
        faqs = article_faqs(doc, ctx.packs)
        if not faqs or has_faqpage(doc, ctx.packs):
            return
        left_out_keys = advertising(doc, ctx)
        data = generate(doc, ctx.packs, left_out_keys)
        first = faqs[0]
        title = f' ("{short(first.heading.text, 60)}")' if first.heading is not None else ""
        if data is None:
            if left_out_keys:
                ctx.report(f"this page shows an FAQ{title} but has no FAQPage structured data; every answer "
                           "advertises (see faq-promotional), and FAQPage markup must not be used for advertising, "
                           "so healthlint generates none: answer the questions neutrally first", span=first.span)
            return
        count = len(data["mainEntity"])
        where = "before </head>" if doc.format == "html" else "at the end of the file"
        edit = insertion(doc, data)
        left_out = (f"; {len(left_out_keys)} question{'s' if len(left_out_keys) != 1 else ''} whose answer advertises "
                    "(faq-promotional) left out of it") if left_out_keys else ""
        how = (f"or add it {where} with `healthlint check --fix`" if edit is not None else
               "(--fix cannot add it: the file ends inside a comment, element or code fence that is never closed)")
        ctx.report(
            f"this page shows an FAQ{title} with {count} question{'s' if count != 1 else ''} but has no FAQPage "
            f"structured data, so search and answer engines cannot tell its questions from its answers; "
            f"print the JSON-LD with `{command_hint(doc)}` {how}{left_out}",
            span=first.span,
            suggestion=script_element(data),
            fix=None if edit is None else {"description": f"insert FAQPage JSON-LD ({count} questions) {where}",
                                           "edits": [edit]},
        )
