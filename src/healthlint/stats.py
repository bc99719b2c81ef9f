"""Per-file figures shown in reports (word count, keyphrase density, Flesch)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from healthlint.model import Document
from healthlint.text import word_count

if TYPE_CHECKING:
    from healthlint.context import Context


def body_word_count(doc: Document) -> int:
    cached = doc._cache.get("body_words")
    if cached is None:
        cached = doc._cache["body_words"] = sum(word_count(b.text) for b in doc.body_blocks)
    return cached


def document_stats(doc: Document, ctx: Context) -> dict[str, Any]:
    from healthlint import analysis

    return {
        "words": body_word_count(doc),
        "sentences": len(ctx.sentences()),
        "paragraphs": sum(1 for b in doc.body_blocks if b.kind == "paragraph"),
        "headings": len(doc.headings),
        "links": len(doc.links),
        **analysis.keyword_stats(doc, ctx),
        **analysis.readability_stats(doc, ctx),
    }
