"""The body's word count, cached on the document: the density and length rules
and the report's figures (healthlint.analysis) share it."""

from __future__ import annotations

from healthlint.model import Document
from healthlint.text import word_count


def body_word_count(doc: Document) -> int:
    cached = doc._cache.get("body_words")
    if cached is None:
        cached = doc._cache["body_words"] = sum(word_count(b.text) for b in doc.body_blocks)
    return cached
