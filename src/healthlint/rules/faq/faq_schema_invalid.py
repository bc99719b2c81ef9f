from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint import faq
from healthlint.registry import Rule

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class FaqSchemaInvalid(Rule):
    """## What it does
    Flags FAQPage markup that cannot be used: a JSON-LD script that is not
    valid JSON (at the exact line and column of the error), or an FAQPage
    that fails schemas/faqpage.schema.json (no `mainEntity`, a Question
    without `name` or `acceptedAnswer`, an Answer without `text`, a wrong
    `@type`, a missing `@context`, an `@id` that points nowhere). JSON-LD and
    microdata are both checked; the message names the JSON path.

    ## Why it matters
    Broken structured data is ignored by every consumer, and one syntax
    error hides every other node in the same script (author, dates, ...).

    ## Example
    ```json
    {"@context": "https://schema.org", "@type": "FAQPage",
     "mainEntity": [{"@type": "Question", "name": "Is magnesium veilig?"}]}
    ```
    (the Question has no acceptedAnswer).

    ## Instead
    Give every Question a `name` and an `acceptedAnswer` with `@type` Answer
    and `text`, or regenerate the markup with `healthlint faq-schema FILE`.
    """

    id = "faq-schema-invalid"
    category = "faq"
    severity = "error"
    summary = "FAQPage markup that is not valid JSON or not a valid FAQPage"

    def check(self, doc: Document, ctx: Context) -> None:
        for problem in faq.invalid_problems(doc, ctx.packs):
            ctx.report(problem.message, span=problem.span)
