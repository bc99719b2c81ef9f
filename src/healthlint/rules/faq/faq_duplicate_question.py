from __future__ import annotations

from typing import TYPE_CHECKING

from healthlint.faq_markup import markup
from healthlint.faq_visible import FaqItem, article_items
from healthlint.registry import Rule
from healthlint.rules.faq import short

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class FaqDuplicateQuestion(Rule):
    """## What it does
    Flags a question that appears twice in the article's FAQ, or twice in
    one FAQPage markup, compared after normalising case, accents,
    punctuation and numbering ("1. Is magnesium veilig?").

    ## Why it matters
    A repeated question is a copy-paste slip; in markup it makes the FAQPage
    ambiguous (which answer is the accepted one?).

    ## Example
    "Is magnesium veilig?" as the first and the fifth question.

    ## Instead
    Keep one copy and merge the answers.
    """

    id = "faq-duplicate-question"
    category = "faq"
    severity = "warning"
    summary = "The same FAQ question twice"

    def check(self, doc: Document, ctx: Context) -> None:
        seen: dict[str, FaqItem] = {}
        visible_dupes: set[str] = set()
        for item in article_items(doc, ctx.packs):
            key = item.key
            if not key:
                continue
            first = seen.get(key)
            if first is None:
                seen[key] = item
                continue
            visible_dupes.add(key)
            line = doc.source.position(first.span.start)[0]
            ctx.report(f'the question "{short(item.question)}" is already asked on line {line}; keep one '
                       "and merge the answers", span=item.span)
        for faqpage in markup(doc):
            names: set[str] = set()
            for q in faqpage.questions:
                key = q.key
                if not key:
                    continue
                if key in names and key not in visible_dupes:
                    ctx.report(f'the FAQPage markup asks "{short(q.name or "")}" twice '
                               f"({faqpage.where(q.name_path)}); remove the repeated Question",
                               span=faqpage.locate(q.name_path))
                names.add(key)
