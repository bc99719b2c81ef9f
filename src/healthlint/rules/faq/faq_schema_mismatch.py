from __future__ import annotations

from typing import TYPE_CHECKING

import html
from collections.abc import Callable

from healthlint.faq_generate import command_hint
from healthlint.faq_markup import MarkupFaq, MarkupQuestion, markup, orphans
from healthlint.faq_visible import (FaqItem, advertising, article_items, contains, is_visible, normalise, strip_tags,
                                    visible)
from healthlint.registry import Rule
from healthlint.rules.faq import short

if TYPE_CHECKING:
    from healthlint.context import Context
    from healthlint.model import Document


class FaqSchemaMismatch(Rule):
    """## What it does
    Compares FAQPage markup with the FAQ the reader sees and flags a
    marked-up question or answer that is not visible on the page, and a
    visible article FAQ question that is missing from the markup. Text is
    compared after normalising white space, case, accents, punctuation, HTML
    tags and entities, so `&amp;` against `&` or a re-wrapped line never
    counts as a difference.

    ## Why it matters
    Markup that says something the page does not is treated as misleading
    structured data; search and answer engines may distrust or ignore it.

    ## Example
    Markup asks "Is magnesium veilig?" but the page's FAQ never shows that
    question, or the page adds "Wanneer neem je magnesium in?" and the
    markup was not updated.

    ## Instead
    Keep markup and page identical: regenerate the JSON-LD with
    `healthlint faq-schema FILE` after editing the FAQ.
    """

    id = "faq-schema-mismatch"
    category = "faq"
    severity = "error"
    summary = "FAQPage markup and the visible FAQ disagree"

    def check(self, doc: Document, ctx: Context) -> None:
        packs = ctx.packs
        # generated markup leaves out the questions whose answers advertise; markup may too
        advertised = advertising(doc, ctx)
        orphaned = {id(f) for f in orphans(doc, packs)}
        faqs = [f for f in markup(doc) if id(f) not in orphaned]
        items = [it for f in visible(doc, packs) for it in f.items]
        by_key: dict[str, FaqItem] = {}
        for it in items:
            by_key.setdefault(it.key, it)
        article = article_items(doc, packs)
        marked: set[str] = set()
        unmatched: list[tuple[MarkupFaq, MarkupQuestion]] = []
        for faqpage in faqs:
            for q in faqpage.questions:
                if q.name is None or not q.key:
                    continue
                marked.add(q.key)
                item = by_key.get(q.key)
                if item is None and not is_visible(doc, q.key):
                    unmatched.append((faqpage, q))
                    continue
                if q.answer is None:
                    continue
                answer = _answer_key(q.answer)
                if not answer:
                    continue
                if item is not None and contains(normalise(item.answer), answer):
                    continue
                if is_visible(doc, answer):
                    continue
                line = doc.source.position(item.span.start)[0] if item is not None else None
                where = f" under the visible question on line {line}" if line else ""
                ctx.report(
                    f'the marked-up answer to "{short(q.name)}" ({faqpage.where(q.answer_path)}) is not the answer '
                    f"shown on the page{where}: \"{short(html.unescape(strip_tags(q.answer)))}\"; markup must repeat "
                    f"the visible answer (regenerate it with `{command_hint(doc)}`)",
                    span=faqpage.locate(q.answer_path))
        paired: set[int] = set()
        similar = _SimilarQuestions(article)
        for faqpage, q in unmatched:
            best = similar.best(q.key, lambda it: it.key not in marked and id(it) not in paired)
            if best is not None:
                paired.add(id(best))
                line = doc.source.position(best.span.start)[0]
                ctx.report(
                    f'the marked-up question "{short(q.name or "")}" ({faqpage.where(q.name_path)}) differs from the '
                    f'visible question on line {line}, "{short(best.question)}"; use the same wording in both',
                    span=faqpage.locate(q.name_path))
            else:
                ctx.report(
                    f'the marked-up question "{short(q.name or "")}" ({faqpage.where(q.name_path)}) is not visible on '
                    "the page; FAQPage markup may only describe questions the reader can see: show it or remove it "
                    "from the markup", span=faqpage.locate(q.name_path))
        if any(faqpage.questions for faqpage in faqs):
            for item in article:
                if item.key and item.key not in marked and id(item) not in paired and item.key not in advertised:
                    ctx.report(
                        f'the visible question "{short(item.question)}" is missing from the FAQPage markup; add it '
                        f"(regenerate the markup with `{command_hint(doc)}`) so the markup and the page agree",
                        span=item.span)


def _answer_key(text: str) -> str:
    key = normalise(text, markup=True)
    if text.rstrip().endswith(("…", "...")) and " " in key:
        key = key.rsplit(" ", 1)[0]  # a shortened answer: the last word may be cut
    return key


def _similar(a: str, b: str) -> float:
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


def _prefix_length(size: int) -> int:
    """How many of a key's words, rarest first, must include one word of any
    key at least SIMILAR alike (3/5, in integers): the prefix filter of
    similarity joins."""
    return size - (3 * size + 4) // 5 + 1


SIMILAR = 0.6


class _SimilarQuestions:
    """The visible question most like a marked-up one (word-set Jaccard
    similarity at least SIMILAR; the first in page order on a tie). Only the
    questions sharing one of its rarest words are compared: a page of
    thousands of questions is not compared pair by pair."""

    def __init__(self, items: list[FaqItem]):
        self.items = items
        self.words = [set(item.key.split()) for item in items]
        frequency: dict[str, int] = {}
        for words in self.words:
            for word in words:
                frequency[word] = frequency.get(word, 0) + 1
        self.order = lambda word: (frequency.get(word, 0), word)
        self.by_word: dict[str, list[int]] = {}
        for position, words in enumerate(self.words):
            for word in sorted(words, key=self.order)[: _prefix_length(len(words))]:
                self.by_word.setdefault(word, []).append(position)

    def best(self, key: str, allowed: Callable[[FaqItem], bool]) -> FaqItem | None:
        words = set(key.split())
        positions = sorted({position for word in sorted(words, key=self.order)[: _prefix_length(len(words))]
                            for position in self.by_word.get(word, ())})
        best, best_score = None, 0.0
        for position in positions:
            item = self.items[position]
            if not allowed(item):
                continue
            score = _similar(item.key, key)
            if score > best_score:
                best, best_score = item, score
        return best if best_score >= SIMILAR else None
